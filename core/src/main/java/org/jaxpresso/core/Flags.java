package org.jaxpresso.core;

import java.util.Locale;

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
    return truthy(value("jaxpresso.enable_x64", ENV_X64));
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
    return truthy(value("jaxpresso.disable_jit", ENV_DISABLE_JIT));
  }

  /**
   * Whether each compilation is logged ({@code -Djaxpresso.log_compiles=true}).
   *
   * @return whether each compilation is logged ({@code -Djaxpresso.log_compiles=true})
   */
  public static boolean logCompiles() {
    return bool("jaxpresso.log_compiles", "JAX_LOG_COMPILES");
  }

  /**
   * The property's value, else the environment variable's, else null (empty counts as unset).
   * Properties are read on every call, as JAX reads its config at call time.
   */
  static String string(String property, String env) {
    return value(property, System.getenv(env));
  }

  /** The property's value, else {@code envValue}, else null (empty counts as unset). */
  private static String value(String property, String envValue) {
    String v = System.getProperty(property);
    if (v == null || v.isEmpty()) {
      v = envValue;
    }
    return v == null || v.isEmpty() ? null : v;
  }

  /*
   * The environment of the flags read on every jitted call, read once: it cannot change while
   * the process runs, and reading a variable builds a lookup key, which costs more than the
   * rest of a cached call's flag checks.
   */
  private static final String ENV_X64 = System.getenv("JAX_ENABLE_X64");
  private static final String ENV_DISABLE_JIT = System.getenv("JAX_DISABLE_JIT");

  static boolean bool(String property, String env) {
    return truthy(string(property, env));
  }

  private static boolean truthy(String v) {
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      default -> false;
    };
  }
}
