package org.jaxpresso.jit.compiler.kir;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;

/** The identity (start value) of each reduction combiner, per dtype. */
public final class Identities {
  private Identities() {}

  /**
   * The identity of {@code combiner} for values of {@code d}: 0 for sum, or and xor; 1 for
   * product; all ones for and; the lowest value (-inf for floats) for max and argmax; the
   * highest (+inf) for min and argmin.
   *
   * @param combiner the reduction combiner
   * @param d the dtype
   * @return the identity of {@code combiner} for values of {@code d}
   */
  public static Array of(KernelOp combiner, DType d) {
    return switch (combiner) {
      case REDUCE_SUM, REDUCE_OR, REDUCE_XOR -> d.isFloating() ? Array.scalar(0.0, d)
          : Array.scalar(0L, d);
      case REDUCE_PROD -> d.isFloating() ? Array.scalar(1.0, d) : Array.scalar(1L, d);
      case REDUCE_AND -> Array.scalar(d.isBool() ? 1L : -1L, d);
      case REDUCE_MAX, ARGMAX -> d.isFloating() ? Array.scalar(Double.NEGATIVE_INFINITY, d)
          : Array.scalar(lowest(d), d);
      case REDUCE_MIN, ARGMIN -> d.isFloating() ? Array.scalar(Double.POSITIVE_INFINITY, d)
          : Array.scalar(highest(d), d);
      default -> throw new IllegalArgumentException(combiner + " is not a reduction combiner");
    };
  }

  /** The smallest value of integer or bool dtype {@code d} as a long. */
  static long lowest(DType d) {
    if (d.isBool() || d.isUnsigned()) {
      return 0;
    }
    return -(1L << (d.bits() - 1));
  }

  /** The largest value of integer or bool dtype {@code d} (uint64's is -1 as a bit pattern). */
  static long highest(DType d) {
    if (d.isBool()) {
      return 1;
    }
    if (d.isUnsigned()) {
      return d.bits() == 64 ? -1L : (1L << d.bits()) - 1;
    }
    return (1L << (d.bits() - 1)) - 1;
  }
}
