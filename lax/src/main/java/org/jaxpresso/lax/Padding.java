package org.jaxpresso.lax;

import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.PyFormat;

/**
 * The padding of a convolution's spatial dimensions, as {@code jax.lax.conv_general_dilated}
 * takes it: explicit {@code (low, high)} pairs, or one of the named modes {@code 'SAME'},
 * {@code 'SAME_LOWER'}, {@code 'VALID'} that are resolved to pairs from the shapes.
 *
 * <p>{@code toString()} is Python's {@code str} of the value: {@code ((9, 9),)} for pairs,
 * {@code SAME} for a mode. The jaxpr param always holds the resolved pairs.
 *
 * <pre>{@code
 * Padding full = Padding.of(new int[][] {{9, 9}});
 * Padding.SAME.resolve(new int[] {8, 8}, new int[] {3, 3}, new int[] {2, 2});  // {{0, 1}, {0, 1}}
 * }</pre>
 */
public sealed interface Padding permits Padding.Explicit, Padding.Mode {
  /** Output size {@code ceil(in / stride)}; odd padding puts the extra element at the end. */
  Mode SAME = Mode.SAME;
  /** Like {@link #SAME}, with the extra element at the start. */
  Mode SAME_LOWER = Mode.SAME_LOWER;
  /** No padding. */
  Mode VALID = Mode.VALID;

  /**
   * Explicit {@code (low, high)} pairs, one per spatial dimension (negative values crop).
   *
   * @param pairs one {@code {low, high}} pair per spatial dimension
   * @return explicit {@code (low, high)} pairs, one per spatial dimension (negative values crop)
   */
  static Explicit of(int[][] pairs) {
    return new Explicit(pairs);
  }

  /**
   * The {@code (low, high)} pair per spatial dimension for an input of spatial shape
   * {@code inShape}, a (dilated) window of {@code windowShape} and {@code strides}.
   *
   * @param inShape the input's spatial dimensions
   * @param windowShape the window's spatial dimensions
   * @param strides the step in each dimension
   * @return the {@code (low, high)} pair per spatial dimension for an input of spatial shape {@code
   *     inShape}, a (dilated) window of {@code windowShape} and {@code strides}
   */
  int[][] resolve(int[] inShape, int[] windowShape, int[] strides);

  /**
   * Explicit padding.
   *
   * @param pairs one {@code {low, high}} pair per spatial dimension
   */
  record Explicit(int[][] pairs) implements Padding {
    /** Copies and checks the pairs. */
    public Explicit {
      int[][] c = new int[pairs.length][];
      for (int i = 0; i < pairs.length; i++) {
        if (pairs[i] == null || pairs[i].length != 2) {
          throw new JaxValueError(
              "padding argument to conv_general_dilated should be a string or a sequence of"
                  + " (low, high) pairs, got " + PyFormat.str(pairs));
        }
        c[i] = pairs[i].clone();
      }
      pairs = c;
    }

    /**
     * A copy of the pairs.
     *
     * @return a copy of the pairs
     */
    @Override
    public int[][] pairs() {
      int[][] c = new int[pairs.length][];
      for (int i = 0; i < pairs.length; i++) {
        c[i] = pairs[i].clone();
      }
      return c;
    }

    @Override
    public int[][] resolve(int[] inShape, int[] windowShape, int[] strides) {
      return pairs();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Explicit e && java.util.Arrays.deepEquals(pairs, e.pairs);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(pairs);
    }

    /** Python's str of the tuple of pairs: {@code ((1, 1), (0, 2))}. */
    @Override
    public String toString() {
      return PyFormat.str(pairs);
    }
  }

  /** The named padding modes of JAX's {@code PaddingType}. */
  enum Mode implements Padding {
    /** See {@link Padding#SAME}. */
    SAME,
    /** See {@link Padding#SAME_LOWER}. */
    SAME_LOWER,
    /** See {@link Padding#VALID}. */
    VALID;

    /**
     * As JAX's {@code padtype_to_pads}: VALID is all zeros; SAME and SAME_LOWER pad
     * {@code max((ceil(in / s) - 1) * s + k - in, 0)} split in halves, the odd element at the
     * end (SAME) or start (SAME_LOWER).
     */
    @Override
    public int[][] resolve(int[] inShape, int[] windowShape, int[] strides) {
      if (inShape.length != windowShape.length || inShape.length != strides.length) {
        throw new JaxTypeError("padding " + name() + " needs one window size and stride per"
            + " spatial dimension, got input " + PyFormat.str(inShape) + ", window "
            + PyFormat.str(windowShape) + " and strides " + PyFormat.str(strides));
      }
      int[][] pads = new int[inShape.length][];
      for (int i = 0; i < inShape.length; i++) {
        if (this == VALID) {
          pads[i] = new int[] {0, 0};
          continue;
        }
        int out = Math.floorDiv(inShape[i] + strides[i] - 1, strides[i]);
        int pad = Math.max((out - 1) * strides[i] + windowShape[i] - inShape[i], 0);
        pads[i] = this == SAME
            ? new int[] {pad / 2, pad - pad / 2}
            : new int[] {pad - pad / 2, pad / 2};
      }
      return pads;
    }

    /** The mode's name, as Python prints the string: {@code SAME}. */
    @Override
    public String toString() {
      return name();
    }
  }
}
