package org.jaxpresso.jit.compiler;

import java.util.Locale;

/**
 * The compiler's own switch, documented in {@code docs/flags.md}: {@code -Djaxpresso.checks=true}
 * (or {@code JAXPRESSO_CHECKS=1}) type-checks the jaxpr after every pass and verifies every
 * kernel IR the compiler builds. The dump directory is core's {@link
 * org.jaxpresso.core.Flags#dumpDir()}.
 */
public final class CompilerFlags {
  private CompilerFlags() {}

  /**
   * Whether every intermediate program is checked ({@code jaxpresso.checks}).
   *
   * @return whether every intermediate program is checked ({@code jaxpresso.checks})
   */
  public static boolean checks() {
    String v = System.getProperty("jaxpresso.checks");
    if (v == null || v.isEmpty()) {
      v = System.getenv("JAXPRESSO_CHECKS");
    }
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      default -> false;
    };
  }
}
