package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.reductions.Kernels;

/**
 * {@code conv_general_dilated}: XLA's convolution (a cross-correlation: the kernel is not
 * flipped) over any number of spatial dimensions, with strides, explicit padding, lhs
 * (transposed-convolution) and rhs (atrous) dilation, layout permutations, and feature or batch
 * grouping. All ten params print, as in JAX 0.11.
 *
 * <p>Both operands must share a dtype (any dtype); {@code preferred_element_type} may widen the
 * result. The reference converts the operands to the result dtype and accumulates in double
 * (floats) or wrapping 64-bit integers, rounding once; bool results are the OR of ANDs.
 */
public final class Convolution {
  private Convolution() {}

  /**
   * {@code conv_general_dilated[batch_group_count dimension_numbers feature_group_count
   * lhs_dilation out_sharding padding precision preferred_element_type rhs_dilation
   * window_strides]}.
   */
  public static final Primitive CONV_GENERAL_DILATED = Primitive.builder("conv_general_dilated")
      .family("convolution")
      .abstractEval((avals, params) -> List.of(aval(avals.get(0), avals.get(1), params)))
      .impl((args, params) -> {
        ShapedArray out = aval(args.get(0).aval(), args.get(1).aval(), params);
        return List.of(conv(args.get(0), args.get(1), params, out));
      })
      .build();

  /**
   * The params, all ten of them; {@code padding} already resolved to pairs.
   *
   * @param windowStrides the stride of the window in each spatial dimension
   * @param padding the padding of each spatial dimension
   * @param lhsDilation JAX's {@code lhs_dilation}: the input dilation per spatial dimension
   * @param rhsDilation JAX's {@code rhs_dilation}: the kernel dilation per spatial dimension
   * @param dimensionNumbers which dimensions play which role
   * @param featureGroupCount JAX's {@code feature_group_count}
   * @param batchGroupCount JAX's {@code batch_group_count}
   * @param precision the requested matmul precision, or {@code null} for the default
   * @param preferredElementType the result dtype, or {@code null} for the operands'
   * @return the params, all ten of them; {@code padding} already resolved to pairs
   */
  public static Params params(int[] windowStrides, int[][] padding, int[] lhsDilation,
      int[] rhsDilation, ConvDimensionNumbers dimensionNumbers, int featureGroupCount,
      int batchGroupCount, List<Precision> precision, DType preferredElementType) {
    return Params.of("window_strides", windowStrides, "padding", padding,
        "lhs_dilation", lhsDilation, "rhs_dilation", rhsDilation,
        "dimension_numbers", dimensionNumbers, "feature_group_count", featureGroupCount,
        "batch_group_count", batchGroupCount,
        "precision", precision == null ? null : List.copyOf(precision),
        "preferred_element_type", preferredElementType, "out_sharding", null);
  }

  /** The operand's dims in (batch, feature, spatial...) order of {@code spec}. */
  private static int[] permute(int[] dims, int[] spec) {
    int[] r = new int[spec.length];
    for (int i = 0; i < spec.length; i++) {
      r[i] = dims[spec[i]];
    }
    return r;
  }

  private static ShapedArray aval(ShapedArray lhs, ShapedArray rhs, Params p) {
    Shape shape = shape(lhs, rhs, p);
    LaxSupport.checkSameDtypes("conv_general_dilated", List.of(lhs, rhs));
    DType result = lhs.dtype();
    DType preferred = p.dtype("preferred_element_type");
    if (preferred != null) {
      validatePreferred(result, preferred);
      result = preferred;
    }
    return new ShapedArray(shape, result, lhs.weakType() && rhs.weakType());
  }

  /** JAX's {@code _validate_preferred_element_type}, with its messages. */
  static void validatePreferred(DType in, DType preferred) {
    if (!(in.isInteger() && preferred.isFloating())) {
      if ((in.isInteger() && !preferred.isInteger())
          || (in.isFloating() && !preferred.isFloating())) {
        throw new JaxTypeError("Input type is incompatible with `preferred_element_type`. The"
            + " compatible combinations of (input_type, preferred_element_type) are (integral,"
            + " integral), (integral, floating), (floating, floating), (complex, complex.");
      }
      if (in.isSignedInteger() && !preferred.isSignedInteger()) {
        throw new JaxTypeError(
            "`preferred_element_type` must have the same signedness as the original type.");
      }
    }
    if (preferred.itemSize() < in.itemSize()) {
      throw new JaxTypeError(
          "`preferred_element_type` must not be narrower than the original type.");
    }
  }

  /** JAX's {@code _conv_general_dilated_shape_rule} and {@code conv_shape_tuple}. */
  static Shape shape(ShapedArray lhs, ShapedArray rhs, Params p) {
    ConvDimensionNumbers dn = p.get("dimension_numbers", ConvDimensionNumbers.class);
    int[] strides = p.ints("window_strides");
    int[][] padding = p.intPairs("padding");
    int[] lhsDil = p.ints("lhs_dilation");
    int[] rhsDil = p.ints("rhs_dilation");
    int g = p.getInt("feature_group_count");
    int bg = p.getInt("batch_group_count");
    if (lhs.rank() != rhs.rank()) {
      throw new JaxValueError("conv_general_dilated lhs and rhs must have the same number of"
          + " dimensions, but got " + lhs.shape() + " and " + rhs.shape() + ".");
    }
    if (dn.lhsSpec().length != lhs.rank()) {
      throw new JaxTypeError("conv_general_dilated dimension_numbers " + dn + " do not fit"
          + " operands of rank " + lhs.rank());
    }
    int n = lhs.rank() - 2;
    int[] l = permute(lhs.shape().dims(), dn.lhsSpec());
    int[] r = permute(rhs.shape().dims(), dn.rhsSpec());
    if (g <= 0) {
      throw new JaxValueError("conv_general_dilated feature_group_count must be a positive"
          + " integer, got " + g + ".");
    }
    if (l[1] % g != 0) {
      throw new JaxValueError("conv_general_dilated feature_group_count must divide lhs feature"
          + " dimension size, but " + g + " does not divide " + l[1] + ".");
    }
    if (l[1] / g != r[1]) {
      throw new JaxValueError("conv_general_dilated lhs feature dimension size divided by"
          + " feature_group_count must equal the rhs input feature dimension size, but " + l[1]
          + " // " + g + " != " + r[1] + ".");
    }
    if (r[0] % g != 0) {
      throw new JaxValueError("conv_general_dilated rhs output feature dimension size must be a"
          + " multiple of feature_group_count, but " + r[0] + " is not a multiple of " + g + ".");
    }
    if (bg <= 0) {
      throw new JaxValueError("conv_general_dilated batch_group_count must be a positive"
          + " integer, got " + bg + ".");
    }
    if (bg > 1 && l[0] % bg != 0) {
      throw new JaxValueError("conv_general_dilated batch_group_count must divide lhs batch"
          + " dimension size, but " + bg + " does not divide " + l[0] + ".");
    }
    if (r[0] % bg != 0) {
      throw new JaxValueError("conv_general_dilated rhs output feature dimension size must be a"
          + " multiple of batch_group_count, but " + r[0] + " is not a multiple of " + bg + ".");
    }
    if (bg > 1 && g > 1) {
      throw new JaxValueError("At most one of batch_group_count and feature_group_count may be >"
          + " 1, got batch_group_count=" + bg + " and feature_group_count=" + g);
    }
    if (strides.length != n) {
      throw new JaxValueError("conv_general_dilated window and window_strides must have the same"
          + " number of dimensions, but got " + n + " and " + strides.length);
    }
    for (int s : strides) {
      if (s < 1) {
        throw new JaxTypeError("conv_general_dilated window_strides must have every element be"
            + " strictly positive, got " + PyFormat.str(strides) + ".");
      }
    }
    checkDilation("lhs_dilation", lhsDil, n);
    checkDilation("rhs_dilation", rhsDil, n);
    if (padding.length != n) {
      throw new JaxTypeError("Wrong number of explicit pads for convolution: expected " + n
          + ", got " + padding.length + ".");
    }
    int[] lhsSp = new int[n];
    for (int i = 0; i < n; i++) {
      lhsSp[i] = dilate(l[2 + i], lhsDil[i]);
    }
    int[] out = new int[n + 2];
    out[0] = bg > 1 ? l[0] / bg : l[0];
    out[1] = r[0];
    for (int i = 0; i < n; i++) {
      int padded = lhsSp[i] + padding[i][0] + padding[i][1];
      if (padded < 0) {
        throw new JaxValueError("Negative padding is larger than the size of the corresponding"
            + " dimension: got padding=" + PyFormat.str(padding) + " for lhs_shape[2:]="
            + PyFormat.str(lhsSp));
      }
      int window = dilate(r[2 + i], rhsDil[i]);
      out[2 + i] = Math.max(Math.floorDiv(padded - window, strides[i]) + 1, 0);
    }
    int[] spec = dn.outSpec();
    int[] actual = new int[n + 2];
    for (int i = 0; i < n + 2; i++) {
      actual[spec[i]] = out[i];
    }
    return Shape.of(actual);
  }

  private static void checkDilation(String name, int[] dilation, int n) {
    if (dilation.length != n) {
      throw new JaxValueError("conv_general_dilated " + name + " must have one entry per spatial"
          + " dimension (" + n + "), got " + PyFormat.str(dilation) + ".");
    }
    for (int d : dilation) {
      if (d < 1) {
        throw new JaxTypeError("All dilations must be positive, got " + PyFormat.str(dilation)
            + ".");
      }
    }
  }

  /**
   * {@code max(0, 1 + dilation * (d - 1))}.
   *
   * @param d the dimension
   * @param dilation the dilation in each spatial dimension
   * @return {@code max(0, 1 + dilation * (d - 1))}
   */
  public static int dilate(int d, int dilation) {
    return Math.max(1 + dilation * (d - 1), 0);
  }

  private static Array conv(Array lhs, Array rhs, Params p, ShapedArray outAval) {
    ConvDimensionNumbers dn = p.get("dimension_numbers", ConvDimensionNumbers.class);
    int[] strides = p.ints("window_strides");
    int[][] padding = p.intPairs("padding");
    int[] lhsDil = p.ints("lhs_dilation");
    int[] rhsDil = p.ints("rhs_dilation");
    int g = p.getInt("feature_group_count");
    int bg = p.getInt("batch_group_count");
    int n = lhs.aval().rank() - 2;
    int[] ls = dn.lhsSpec();
    int[] rs = dn.rhsSpec();
    int[] os = dn.outSpec();
    int[] l = permute(lhs.aval().shape().dims(), ls);
    int[] r = permute(rhs.aval().shape().dims(), rs);
    int[] o = permute(outAval.shape().dims(), os);
    long[] lst = permuteL(lhs.aval().shape().strides(), ls);
    long[] rst = permuteL(rhs.aval().shape().strides(), rs);
    long[] ost = permuteL(outAval.shape().strides(), os);
    DType d = outAval.dtype();
    boolean floating = d.isFloating();
    double[] fa = floating ? Kernels.toDoubles(lhs.host(), d) : null;
    double[] fb = floating ? Kernels.toDoubles(rhs.host(), d) : null;
    long[] ia = floating ? null : Kernels.toLongs(lhs.host(), d);
    long[] ib = floating ? null : Kernels.toLongs(rhs.host(), d);
    HostBuffer res = HostBuffer.allocate(d, Math.toIntExact(outAval.size()));
    int outFeatPerGroup = r[0] / Math.max(g, bg);
    int batchPerGroup = l[0] / bg;
    int inFeat = r[1];
    int[] kernel = java.util.Arrays.copyOfRange(r, 2, n + 2);
    int windowCount = Kernels.product(kernel, 0, n);
    int[] oi = new int[n + 2];
    int total = Math.toIntExact(outAval.size());
    int[] ki = new int[n];
    for (int e = 0; e < total; e++) {
      // decode canonical out index e (row-major over o[])
      int rem = e;
      for (int i = n + 1; i >= 0; i--) {
        oi[i] = rem % o[i];
        rem /= o[i];
      }
      int group = oi[1] / outFeatPerGroup;
      int batch = bg > 1 ? group * batchPerGroup + oi[0] : oi[0];
      int featBase = g > 1 ? group * inFeat : 0;
      double facc = 0;
      long iacc = 0;
      for (int w = 0; w < windowCount; w++) {
        int wr = w;
        for (int i = n - 1; i >= 0; i--) {
          ki[i] = wr % kernel[i];
          wr /= kernel[i];
        }
        long lOff = batch * lst[0];
        long rOff = oi[1] * rst[0];
        boolean inside = true;
        for (int i = 0; i < n && inside; i++) {
          int pos = oi[2 + i] * strides[i] + ki[i] * rhsDil[i] - padding[i][0];
          if (pos < 0 || pos % lhsDil[i] != 0 || pos / lhsDil[i] >= l[2 + i]) {
            inside = false;
          } else {
            lOff += (pos / lhsDil[i]) * lst[2 + i];
            rOff += ki[i] * rst[2 + i];
          }
        }
        if (!inside) {
          continue;
        }
        for (int c = 0; c < inFeat; c++) {
          int li = (int) (lOff + (featBase + c) * lst[1]);
          int ri = (int) (rOff + c * rst[1]);
          if (floating) {
            facc += fa[li] * fb[ri];
          } else {
            iacc += ia[li] * ib[ri];
          }
        }
      }
      long outIdx = 0;
      for (int i = 0; i < n + 2; i++) {
        outIdx += oi[i] * ost[i];
      }
      if (floating) {
        res.setDouble((int) outIdx, facc);
      } else {
        res.setLong((int) outIdx, iacc);
      }
    }
    return Array.wrap(outAval, res);
  }

  private static long[] permuteL(long[] a, int[] spec) {
    long[] r = new long[spec.length];
    for (int i = 0; i < spec.length; i++) {
      r[i] = a[spec[i]];
    }
    return r;
  }

  static {
    Primitive.addRuleLoader(ConvolutionRules::register);
  }
}
