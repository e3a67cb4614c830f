package org.jaxpresso.lax;

import java.util.Arrays;
import java.util.Objects;
import org.jaxpresso.core.DType;

/**
 * The optional arguments of {@link Lax#convGeneralDilated(Object, Object, int[], Padding,
 * ConvOptions)}, as an immutable value with withers; every unset field takes JAX's default.
 *
 * <pre>{@code
 * ConvOptions o = ConvOptions.defaults()
 *     .dimensionNumbers("NHWC", "HWIO", "NHWC")
 *     .rhsDilation(2, 2)
 *     .featureGroupCount(3);
 * Lax.convGeneralDilated(x, w, new int[] {1, 1}, Lax.SAME, o);
 * }</pre>
 */
public final class ConvOptions {
  private static final ConvOptions DEFAULTS =
      new ConvOptions(null, null, null, null, 1, 1, null, null);

  private final int[] lhsDilation;
  private final int[] rhsDilation;
  private final ConvDimensionNumbers dimensionNumbers;
  private final String[] layout;
  private final int featureGroupCount;
  private final int batchGroupCount;
  private final Precision precision;
  private final DType preferredElementType;

  private ConvOptions(int[] lhsDilation, int[] rhsDilation,
      ConvDimensionNumbers dimensionNumbers, String[] layout, int featureGroupCount,
      int batchGroupCount, Precision precision, DType preferredElementType) {
    this.lhsDilation = lhsDilation;
    this.rhsDilation = rhsDilation;
    this.dimensionNumbers = dimensionNumbers;
    this.layout = layout;
    this.featureGroupCount = featureGroupCount;
    this.batchGroupCount = batchGroupCount;
    this.precision = precision;
    this.preferredElementType = preferredElementType;
  }

  /**
   * No dilation, NCHW/OIHW/NCHW layout, no grouping, default precision and result type.
   *
   * @return the default options: no dilation, NCHW/OIHW/NCHW layout, no grouping, default precision
   *     and result type
   */
  public static ConvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * LHS (input) dilation per spatial dimension: transposed convolution.
   *
   * @param dilation the dilation in each spatial dimension
   * @return a copy of these options with this LHS dilation
   */
  public ConvOptions lhsDilation(int... dilation) {
    return new ConvOptions(dilation.clone(), rhsDilation, dimensionNumbers, layout,
        featureGroupCount, batchGroupCount, precision, preferredElementType);
  }

  /**
   * RHS (kernel) dilation per spatial dimension: atrous convolution.
   *
   * @param dilation the dilation in each spatial dimension
   * @return a copy of these options with this RHS dilation
   */
  public ConvOptions rhsDilation(int... dilation) {
    return new ConvOptions(lhsDilation, dilation.clone(), dimensionNumbers, layout,
        featureGroupCount, batchGroupCount, precision, preferredElementType);
  }

  /**
   * Explicit dimension numbers.
   *
   * @param dn which dimensions play which role
   * @return a copy of these options with these dimension numbers
   */
  public ConvOptions dimensionNumbers(ConvDimensionNumbers dn) {
    return new ConvOptions(lhsDilation, rhsDilation, Objects.requireNonNull(dn), null,
        featureGroupCount, batchGroupCount, precision, preferredElementType);
  }

  /**
   * Dimension numbers as layout strings, e.g. {@code ("NHWC", "HWIO", "NHWC")}.
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param out the output layout, e.g. {@code "NHWC"}
   * @return a copy of these options with these dimension numbers
   */
  public ConvOptions dimensionNumbers(String lhs, String rhs, String out) {
    return new ConvOptions(lhsDilation, rhsDilation, null,
        new String[] {Objects.requireNonNull(lhs), Objects.requireNonNull(rhs),
            Objects.requireNonNull(out)},
        featureGroupCount, batchGroupCount, precision, preferredElementType);
  }

  /**
   * Feature groups (depthwise convolution when equal to the input feature count).
   *
   * @param count the number of feature groups
   * @return a copy of these options with this feature group count
   */
  public ConvOptions featureGroupCount(int count) {
    return new ConvOptions(lhsDilation, rhsDilation, dimensionNumbers, layout, count,
        batchGroupCount, precision, preferredElementType);
  }

  /**
   * Batch groups.
   *
   * @param count the number of batch groups
   * @return a copy of these options with this batch group count
   */
  public ConvOptions batchGroupCount(int count) {
    return new ConvOptions(lhsDilation, rhsDilation, dimensionNumbers, layout,
        featureGroupCount, count, precision, preferredElementType);
  }

  /**
   * Precision for both operands (null for the backend default).
   *
   * @param p the precision, or {@code null} for the default
   * @return a copy of these options with this precision
   */
  public ConvOptions precision(Precision p) {
    return new ConvOptions(lhsDilation, rhsDilation, dimensionNumbers, layout,
        featureGroupCount, batchGroupCount, p, preferredElementType);
  }

  /**
   * The result (accumulation) dtype; null for the operands' dtype.
   *
   * @param d the dtype
   * @return a copy of these options with this result dtype
   */
  public ConvOptions preferredElementType(DType d) {
    return new ConvOptions(lhsDilation, rhsDilation, dimensionNumbers, layout,
        featureGroupCount, batchGroupCount, precision, d);
  }

  /**
   * The lhs dilation, or null for all ones.
   *
   * @return the lhs dilation, or null for all ones
   */
  public int[] lhsDilation() {
    return lhsDilation == null ? null : lhsDilation.clone();
  }

  /**
   * The rhs dilation, or null for all ones.
   *
   * @return the rhs dilation, or null for all ones
   */
  public int[] rhsDilation() {
    return rhsDilation == null ? null : rhsDilation.clone();
  }

  /**
   * The dimension numbers for operands of rank {@code lhsRank} and {@code rhsRank}, resolving
   * layout strings (or the default) as JAX's {@code conv_dimension_numbers} does.
   *
   * @param lhsRank the rank of the input
   * @param rhsRank the rank of the kernel
   * @return the dimension numbers for operands of rank {@code lhsRank} and {@code rhsRank},
   *     resolving layout strings (or the default) as JAX's {@code conv_dimension_numbers} does
   */
  public ConvDimensionNumbers dimensionNumbers(int lhsRank, int rhsRank) {
    if (dimensionNumbers != null) {
      return dimensionNumbers;
    }
    if (layout != null) {
      return ConvDimensionNumbers.of(layout[0], layout[1], layout[2], lhsRank, rhsRank);
    }
    if (lhsRank != rhsRank) {
      throw new org.jaxpresso.core.errors.JaxTypeError("convolution requires lhs and rhs ndim"
          + " to be equal, got " + lhsRank + " and " + rhsRank + ".");
    }
    return ConvDimensionNumbers.defaults(lhsRank);
  }

  /**
   * The feature group count.
   *
   * @return the feature group count
   */
  public int featureGroupCount() {
    return featureGroupCount;
  }

  /**
   * The batch group count.
   *
   * @return the batch group count
   */
  public int batchGroupCount() {
    return batchGroupCount;
  }

  /**
   * The precision, or null.
   *
   * @return the precision, or null
   */
  public Precision precision() {
    return precision;
  }

  /**
   * The preferred element type, or null.
   *
   * @return the preferred element type, or null
   */
  public DType preferredElementType() {
    return preferredElementType;
  }

  @Override
  public String toString() {
    return "ConvOptions[lhsDilation=" + Arrays.toString(lhsDilation) + ", rhsDilation="
        + Arrays.toString(rhsDilation) + ", dimensionNumbers="
        + (layout != null ? Arrays.toString(layout) : dimensionNumbers) + ", featureGroupCount="
        + featureGroupCount + ", batchGroupCount=" + batchGroupCount + ", precision=" + precision
        + ", preferredElementType=" + preferredElementType + "]";
  }
}
