package org.jaxpresso.core.internal;

import org.jaxpresso.core.Array;

/** Interim printer; replaced by the full NumPy array2string port. */
public final class ArrayPrinter {
  private ArrayPrinter() {}

  public static String repr(Array a) {
    return "Array(" + str(a) + ", dtype=" + a.dtype() + (a.weakType() ? ", weak_type=True" : "") + ")";
  }

  public static String str(Array a) {
    return java.util.Arrays.toString(a.toDoubleArray());
  }
}
