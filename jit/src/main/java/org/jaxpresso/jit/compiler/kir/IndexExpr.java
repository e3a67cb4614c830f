package org.jaxpresso.jit.compiler.kir;

/**
 * An integer expression over the loop indices of a kernel's index space ({@code i0}, {@code
 * i1}, ...): how a load finds its element, or the value of an {@link KernelOp#INDEX} node.
 * Broadcasts, transposes, slices, reversals and squeezes give affine expressions ({@link Axis},
 * {@link Const}, {@link Add}, {@link Scale}); a reshape linearizes the output index and splits
 * it again with {@link FloorDiv} and {@link Mod}; a pad reads its operand through {@link Clamp}
 * so that a load is always in bounds, and selects the padding value where the index falls
 * outside; a concatenate reads each operand shifted by its offset and selects by the index, its
 * loads clamped into their inputs. Build expressions with the simplifying factories ({@link #add}, {@link #scale}, ...).
 */
public sealed interface IndexExpr {
  /**
   * The value at loop indices {@code idx}.
   *
   * @param idx the loop indices
   * @return the value at loop indices {@code idx}
   */
  long eval(long[] idx);

  /**
   * Loop index {@code axis} of the kernel's index space.
   *
   * @param axis the axis to operate along; negative values count from the end
   */
  record Axis(int axis) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return idx[axis];
    }

    @Override
    public String toString() {
      return "i" + axis;
    }
  }

  /**
   * A constant.
   *
   * @param value the constant
   */
  record Const(long value) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return value;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /**
   * {@code a + b}.
   *
   * @param a the left operand
   * @param b the right operand
   */
  record Add(IndexExpr a, IndexExpr b) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return a.eval(idx) + b.eval(idx);
    }

    @Override
    public String toString() {
      return b instanceof Const c && c.value() < 0
          ? "(" + a + " - " + (-c.value()) + ")"
          : "(" + a + " + " + b + ")";
    }
  }

  /**
   * {@code factor * a}.
   *
   * @param a the left operand
   * @param factor the constant factor
   */
  record Scale(IndexExpr a, long factor) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return factor * a.eval(idx);
    }

    @Override
    public String toString() {
      return factor + "*" + a;
    }
  }

  /**
   * {@code floor(a / divisor)}, divisor positive.
   *
   * @param a the left operand
   * @param divisor the divisor
   */
  record FloorDiv(IndexExpr a, long divisor) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return Math.floorDiv(a.eval(idx), divisor);
    }

    @Override
    public String toString() {
      return "(" + a + " // " + divisor + ")";
    }
  }

  /**
   * {@code a mod divisor} in {@code [0, divisor)}, divisor positive.
   *
   * @param a the left operand
   * @param divisor the divisor
   */
  record Mod(IndexExpr a, long divisor) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return Math.floorMod(a.eval(idx), divisor);
    }

    @Override
    public String toString() {
      return "(" + a + " % " + divisor + ")";
    }
  }

  /**
   * {@code a} clamped to {@code [lo, hi]}.
   *
   * @param a the left operand
   * @param lo the lower bound
   * @param hi the upper bound
   */
  record Clamp(IndexExpr a, long lo, long hi) implements IndexExpr {
    @Override
    public long eval(long[] idx) {
      return Math.min(hi, Math.max(lo, a.eval(idx)));
    }

    @Override
    public String toString() {
      return "clamp(" + a + ", " + lo + ", " + hi + ")";
    }
  }

  /**
   * Loop index {@code axis}.
   *
   * @param axis the axis to operate along; negative values count from the end
   * @return loop index {@code axis}
   */
  static IndexExpr axis(int axis) {
    return new Axis(axis);
  }

  /**
   * The constant {@code v}.
   *
   * @param v the value
   * @return the constant {@code v}
   */
  static IndexExpr constant(long v) {
    return new Const(v);
  }

  /**
   * {@code a + b}, folding constants.
   *
   * @param a the left operand
   * @param b the right operand
   * @return {@code a + b}, folding constants
   */
  static IndexExpr add(IndexExpr a, IndexExpr b) {
    if (a instanceof Const x && b instanceof Const y) {
      return new Const(x.value() + y.value());
    }
    if (b instanceof Const y && y.value() == 0) {
      return a;
    }
    if (a instanceof Const x && x.value() == 0) {
      return b;
    }
    if (a instanceof Const) {
      return add(b, a);
    }
    if (a instanceof Add(IndexExpr p, Const q) && b instanceof Const y) {
      return add(p, new Const(q.value() + y.value()));
    }
    return new Add(a, b);
  }

  /**
   * {@code a + c}.
   *
   * @param a the left operand
   * @param c the constant to add
   * @return {@code a + c}
   */
  static IndexExpr add(IndexExpr a, long c) {
    return add(a, new Const(c));
  }

  /**
   * {@code factor * a}, folding constants and 0 and 1.
   *
   * @param a the left operand
   * @param factor the constant factor
   * @return {@code factor * a}, folding constants and 0 and 1
   */
  static IndexExpr scale(IndexExpr a, long factor) {
    if (factor == 1) {
      return a;
    }
    if (factor == 0) {
      return new Const(0);
    }
    if (a instanceof Const x) {
      return new Const(x.value() * factor);
    }
    if (a instanceof Scale(IndexExpr p, long f)) {
      return scale(p, f * factor);
    }
    return new Scale(a, factor);
  }

  /**
   * {@code floor(a / divisor)}, folding a divisor of 1 and constants.
   *
   * @param a the left operand
   * @param divisor the divisor
   * @return {@code floor(a / divisor)}, folding a divisor of 1 and constants
   */
  static IndexExpr floorDiv(IndexExpr a, long divisor) {
    if (divisor == 1) {
      return a;
    }
    if (a instanceof Const x) {
      return new Const(Math.floorDiv(x.value(), divisor));
    }
    return new FloorDiv(a, divisor);
  }

  /**
   * {@code a mod divisor}; {@code bound} is an exclusive upper bound of {@code a} known to be
   * non-negative (or {@link Long#MAX_VALUE} when unknown): when it is at most the divisor the
   * mod is dropped.
   *
   * @param a the left operand
   * @param divisor the divisor
   * @param bound an exclusive upper bound of {@code a}, or a negative value when unknown
   * @return {@code a mod divisor}
   */
  static IndexExpr mod(IndexExpr a, long divisor, long bound) {
    if (divisor == 1) {
      return new Const(0);
    }
    if (bound <= divisor) {
      return a;
    }
    if (a instanceof Const x) {
      return new Const(Math.floorMod(x.value(), divisor));
    }
    return new Mod(a, divisor);
  }

  /**
   * {@code a} clamped to {@code [lo, hi]}.
   *
   * @param a the left operand
   * @param lo the lower bound
   * @param hi the upper bound
   * @return {@code a} clamped to {@code [lo, hi]}, folding constants and {@code lo == hi}
   */
  static IndexExpr clamp(IndexExpr a, long lo, long hi) {
    if (lo == hi) {
      return new Const(lo);
    }
    if (a instanceof Const x) {
      return new Const(Math.min(hi, Math.max(lo, x.value())));
    }
    return new Clamp(a, lo, hi);
  }
}
