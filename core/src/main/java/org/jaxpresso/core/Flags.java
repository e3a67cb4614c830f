package org.jaxpresso.core;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * jaxpresso's configuration flags, read from system properties or environment variables
 * (documented in {@code docs/flags.md}); a flag set in code overrides both.
 *
 * <table>
 *   <caption>flags</caption>
 *   <tr><th>flag</th><th>property</th><th>environment</th></tr>
 *   <tr><td>x64</td><td>{@code jaxpresso.enable_x64}</td><td>{@code JAX_ENABLE_X64}</td></tr>
 *   <tr><td>dump directory</td><td>{@code jaxpresso.dump}</td><td>{@code JAXPRESSO_DUMP}</td></tr>
 *   <tr><td>disable jit</td><td>{@code jaxpresso.disable_jit}</td><td>{@code JAX_DISABLE_JIT}</td></tr>
 *   <tr><td>log compiles</td><td>{@code jaxpresso.log_compiles}</td><td>{@code JAX_LOG_COMPILES}</td></tr>
 * </table>
 */
public final class Flags {
  private static volatile Boolean x64Override;

  private Flags() {}

  /**
   * Whether 64-bit types are real (JAX's {@code jax_enable_x64}); off by default, so that
   * {@code int64}, {@code uint64} and {@code float64} requests become 32-bit.
   *
   * @return whether 64-bit types are real (JAX's {@code jax_enable_x64})
   */
  public static boolean x64Enabled() {
    Boolean o = x64Override;
    if (o != null) {
      return o;
    }
    return bool("jaxpresso.enable_x64", "JAX_ENABLE_X64");
  }

  /**
   * Turns x64 on or off for the whole process, as {@code jax.config.update("jax_enable_x64",
   * on)} does. Arrays already created keep their dtypes.
   *
   * @param on whether 64-bit types are enabled
   */
  public static void setX64(boolean on) {
    x64Override = on;
  }

  /** Forgets {@link #setX64}, going back to the property or environment value. */
  public static void resetX64() {
    x64Override = null;
  }

  /**
   * The directory generated programs are dumped to ({@code -Djaxpresso.dump=DIR}), or null.
   *
   * @return the directory generated programs are dumped to ({@code -Djaxpresso.dump=DIR}), or null
   */
  public static String dumpDir() {
    return string("jaxpresso.dump", "JAXPRESSO_DUMP");
  }

  /**
   * Whether jitted functions run eagerly ({@code -Djaxpresso.disable_jit=true}).
   *
   * @return whether jitted functions run eagerly ({@code -Djaxpresso.disable_jit=true})
   */
  public static boolean disableJit() {
    return bool("jaxpresso.disable_jit", "JAX_DISABLE_JIT");
  }

  /**
   * Whether each compilation is logged ({@code -Djaxpresso.log_compiles=true}).
   *
   * @return whether each compilation is logged ({@code -Djaxpresso.log_compiles=true})
   */
  public static boolean logCompiles() {
    return bool("jaxpresso.log_compiles", "JAX_LOG_COMPILES");
  }

  static String string(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isEmpty()) {
      v = ENV.computeIfAbsent(env, Flags::readEnv);
    }
    return v == null || v.isEmpty() ? null : v;
  }

  /**
   * The environment variables read so far. A process's environment cannot change after it
   * starts, so each variable is read once (reading one builds a lookup key and costs more than
   * the flag check it serves, on every jitted call); properties are still read on every call.
   */
  private static final ConcurrentHashMap<String, String> ENV = new ConcurrentHashMap<>();

  /** The variable's value, or "" when it is unset (a map holds no nulls). */
  private static String readEnv(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }

  static boolean bool(String property, String env) {
    String v = string(property, env);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      default -> false;
    };
  }
}
