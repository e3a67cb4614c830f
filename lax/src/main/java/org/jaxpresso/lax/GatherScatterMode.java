package org.jaxpresso.lax;

import org.jaxpresso.core.errors.JaxValueError;

/**
 * How gather and scatter treat out-of-bounds indices, as JAX's {@code GatherScatterMode}. Prints
 * as JAX does in jaxprs: {@code GatherScatterMode.FILL_OR_DROP}.
 */
public enum GatherScatterMode {
  /** Indices are clamped so that the whole slice or window is in bounds. */
  CLIP,
  /**
   * Out-of-bounds gathers return the fill value; out-of-bounds scatter updates are dropped (a
   * slice or window counts as out of bounds if any part of it is).
   */
  FILL_OR_DROP,
  /**
   * The caller promises in-bounds indices; gathers clamp (as XLA does) and scatters drop
   * out-of-bounds windows.
   */
  PROMISE_IN_BOUNDS;

  /**
   * The mode named as JAX's {@code GatherScatterMode.from_any} accepts it: {@code "clip"},
   * {@code "fill"}, {@code "drop"}, {@code "promise_in_bounds"}; null means FILL_OR_DROP.
   *
   * @param s the mode's name
   * @return the mode named as JAX's {@code GatherScatterMode.from_any} accepts it
   * @throws JaxValueError for any other name: {@code Unknown gather mode "wrap"}
   */
  public static GatherScatterMode fromAny(String s) {
    if (s == null) {
      return FILL_OR_DROP;
    }
    return switch (s) {
      case "clip" -> CLIP;
      case "fill", "drop" -> FILL_OR_DROP;
      case "promise_in_bounds" -> PROMISE_IN_BOUNDS;
      default -> throw new JaxValueError("Unknown gather mode \"" + s + "\"");
    };
  }

  /** JAX's repr: {@code GatherScatterMode.CLIP}. */
  @Override
  public String toString() {
    return "GatherScatterMode." + name();
  }
}
