package org.jaxpresso.core.jaxpr;

/** Interim printer; replaced by the Lindig-style document printer. */
public final class JaxprPrinter {
  private JaxprPrinter() {}

  public static String print(Jaxpr j) {
    return "{ lambda ; ... }";
  }

  public static String literal(Literal l) {
    return l.value().getDouble(0) + ":" + l.aval().shortStr();
  }
}
