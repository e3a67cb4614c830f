package org.jaxpresso.lax.internal.conv;

import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.lax.ConvOptions;
import org.jaxpresso.lax.Padding;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.lax.primitives.Convolution;

/**
 * What {@code jax.lax.conv_general_dilated} does before binding: canonicalize the dimension
 * numbers, default the dilations to ones, resolve a named padding against the dilated kernel
 * (an error with lhs dilation), turn one precision into a pair and canonicalize the preferred
 * element type.
 */
public final class ConvParams {
  private ConvParams() {}

  /**
   * The params of {@code conv_general_dilated} for operands of these avals.
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param windowStrides the stride of the window in each spatial dimension
   * @param padding the padding of each spatial dimension
   * @param options the convolution's options (strides, padding, dilations, ...)
   * @return the params of {@code conv_general_dilated} for operands of these avals
   */
  public static Params resolve(ShapedArray lhs, ShapedArray rhs, int[] windowStrides,
      Padding padding, ConvOptions options) {
    if (lhs.rank() < 2 || rhs.rank() < 2) {
      throw new JaxTypeError("conv_general_dilated requires operands of rank n+2 (batch,"
          + " feature, then n spatial dimensions), got shapes " + lhs.shape() + " and "
          + rhs.shape());
    }
    ConvDimensionNumbers dn = options.dimensionNumbers(lhs.rank(), rhs.rank());
    int n = lhs.rank() - 2;
    int[] lhsDil = options.lhsDilation();
    int[] rhsDil = options.rhsDilation();
    if (lhsDil == null) {
      lhsDil = ones(n);
    } else if (padding instanceof Padding.Mode && Arrays.stream(lhsDil).anyMatch(v -> v != 1)) {
      throw new JaxValueError("String padding is not implemented for transposed convolution"
          + " using this op. Please either exactly specify the required padding or use"
          + " conv_transpose.");
    }
    if (rhsDil == null) {
      rhsDil = ones(n);
    }
    int[][] pads;
    if (padding instanceof Padding.Mode mode) {
      if (windowStrides.length != n) {
        throw new JaxValueError("conv_general_dilated window and window_strides must have the"
            + " same number of dimensions, but got " + n + " and " + windowStrides.length);
      }
      int[] lhsDims = lhs.shape().dims();
      int[] rhsDims = rhs.shape().dims();
      int[] in = new int[n];
      int[] window = new int[n];
      for (int i = 0; i < n; i++) {
        in[i] = lhsDims[dn.lhsSpec()[2 + i]];
        int k = rhsDims[dn.rhsSpec()[2 + i]];
        window[i] = i < rhsDil.length ? Convolution.dilate(k, rhsDil[i]) : k;
      }
      pads = mode.resolve(in, window, windowStrides);
    } else {
      pads = ((Padding.Explicit) padding).pairs();
    }
    Precision p = options.precision();
    DType pref = options.preferredElementType();
    return Convolution.params(windowStrides, pads, lhsDil, rhsDil, dn,
        options.featureGroupCount(), options.batchGroupCount(),
        p == null ? null : List.of(p, p), pref == null ? null : pref.canonical());
  }

  private static int[] ones(int n) {
    int[] r = new int[n];
    Arrays.fill(r, 1);
    return r;
  }
}
