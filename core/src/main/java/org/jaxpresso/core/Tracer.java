package org.jaxpresso.core;

import org.jaxpresso.core.errors.ConcretizationTypeError;
import org.jaxpresso.core.errors.TracerArrayConversionError;
import org.jaxpresso.core.errors.TracerBoolConversionError;

/**
 * An array stand-in that belongs to a {@link Trace}: operations on it are interpreted by that
 * trace instead of computed. Its repr names the tracer class and its aval, as JAX does:
 * {@code JitTracer(float32[3,4])}, {@code JitTracer(~int32[])}.
 */
public abstract class Tracer implements NDArray {
  /** For subclasses, which hold the trace and aval. */
  protected Tracer() {}

  /**
   * The trace this tracer belongs to.
   *
   * @return the trace this tracer belongs to
   */
  public abstract Trace trace();

  /**
   * Where this tracer's value comes from, for error messages: which argument of which traced
   * function, or the operation that produced it. Empty when unknown.
   *
   * @return where this tracer's value comes from, for error messages
   */
  public String origin() {
    return "";
  }

  private String avalText() {
    return aval().str();
  }

  @Override
  public boolean bool() {
    throw new TracerBoolConversionError(avalText(), origin());
  }

  @Override
  public Object item() {
    throw new ConcretizationTypeError(avalText(), joinLines(
        "The problem arose with the `item` function. If trying to convert the data type of a value,"
            + " try using `x.astype(...)` instead.", origin()));
  }

  @Override
  public int intValue() {
    throw intError();
  }

  @Override
  public long longValue() {
    throw intError();
  }

  @Override
  public float floatValue() {
    throw floatError();
  }

  @Override
  public double doubleValue() {
    throw floatError();
  }

  private ConcretizationTypeError intError() {
    return new ConcretizationTypeError(avalText(), joinLines(
        "The problem arose with the `int` function. If trying to convert the data type of a value,"
            + " try using `x.astype(DType.INT32)` or `Jnp.array(x, DType.INT32)` instead.", origin()));
  }

  private ConcretizationTypeError floatError() {
    return new ConcretizationTypeError(avalText(), joinLines(
        "The problem arose with the `float` function. If trying to convert the data type of a value,"
            + " try using `x.astype(DType.FLOAT32)` or `Jnp.array(x, DType.FLOAT32)` instead.", origin()));
  }

  private TracerArrayConversionError arrayError() {
    return new TracerArrayConversionError(avalText(), origin());
  }

  @Override
  public float[] toFloatArray() {
    throw arrayError();
  }

  @Override
  public double[] toDoubleArray() {
    throw arrayError();
  }

  @Override
  public int[] toIntArray() {
    throw arrayError();
  }

  @Override
  public long[] toLongArray() {
    throw arrayError();
  }

  @Override
  public boolean[] toBooleanArray() {
    throw arrayError();
  }

  @Override
  public Object tolist() {
    throw new ConcretizationTypeError(avalText(), joinLines("The problem arose with the `tolist` function.", origin()));
  }

  private static String joinLines(String a, String b) {
    return b == null || b.isEmpty() ? a : a + "\n" + b;
  }

  @Override
  public String repr() {
    return getClass().getSimpleName() + "(" + aval().str() + ")";
  }

  /** Same as {@link #repr()}. */
  @Override
  public String toString() {
    return repr();
  }
}
