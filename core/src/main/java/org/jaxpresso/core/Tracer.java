package org.jaxpresso.core;

/**
 * An array stand-in that belongs to a {@link Trace}: operations on it are interpreted by that
 * trace instead of computed. Its repr names the tracer class and its aval, as JAX does:
 * {@code JitTracer(float32[3,4])}, {@code JitTracer(~int32[])}.
 */
public abstract class Tracer implements NDArray {
  /** The trace this tracer belongs to. */
  public abstract Trace trace();

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
