package org.jaxpresso.lax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.internal.PyFormat;

/**
 * Where the batch, feature and spatial dimensions of a convolution's operands and result are,
 * as JAX's {@code ConvDimensionNumbers} named tuple: {@code lhsSpec} and {@code outSpec} list
 * (batch, feature, spatial...) dimensions, {@code rhsSpec} lists (out-feature, in-feature,
 * spatial...) dimensions. Spatial dimensions are matched in the order of the kernel's.
 *
 * <p>{@link #toString()} prints as JAX does in a jaxpr:
 * {@code ConvDimensionNumbers(lhs_spec=(0, 3, 1, 2), rhs_spec=(3, 2, 0, 1),
 * out_spec=(0, 3, 1, 2))}.
 *
 * <pre>{@code
 * ConvDimensionNumbers nhwc = ConvDimensionNumbers.of("NHWC", "HWIO", "NHWC");
 * ConvDimensionNumbers nchw = ConvDimensionNumbers.defaults(4);   // NCHW, OIHW, NCHW
 * }</pre>
 *
 * @param lhsSpec (batch, feature, spatial...) dimensions of the input
 * @param rhsSpec (out feature, in feature, spatial...) dimensions of the kernel
 * @param outSpec (batch, feature, spatial...) dimensions of the output
 */
public record ConvDimensionNumbers(int[] lhsSpec, int[] rhsSpec, int[] outSpec) {

  /** Copies the arrays and checks that each is a permutation of one rank. */
  public ConvDimensionNumbers {
    lhsSpec = lhsSpec.clone();
    rhsSpec = rhsSpec.clone();
    outSpec = outSpec.clone();
    int n = lhsSpec.length;
    if (rhsSpec.length != n || outSpec.length != n || n < 2) {
      throw new JaxTypeError("ConvDimensionNumbers specs must have one equal length >= 2, got "
          + PyFormat.str(lhsSpec) + ", " + PyFormat.str(rhsSpec) + ", " + PyFormat.str(outSpec));
    }
    for (int[] spec : List.of(lhsSpec, rhsSpec, outSpec)) {
      int[] sorted = spec.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        if (sorted[i] != i) {
          throw new JaxTypeError("ConvDimensionNumbers spec " + PyFormat.str(spec)
              + " is not a permutation of the dimensions of a rank-" + n + " array");
        }
      }
    }
  }

  /**
   * JAX's default for {@code dimension_numbers=None}: the identity (NCHW, OIHW, NCHW).
   *
   * @param rank the number of dimensions
   * @return JAX's default for {@code dimension_numbers=None}: the identity (NCHW, OIHW, NCHW)
   */
  public static ConvDimensionNumbers defaults(int rank) {
    int[] iota = new int[rank];
    for (int i = 0; i < rank; i++) {
      iota[i] = i;
    }
    return new ConvDimensionNumbers(iota, iota, iota);
  }

  /**
   * From layout strings, as JAX's {@code conv_general_permutations}: {@code N} batch and
   * {@code C} feature for lhs and out, {@code O}/{@code I} for the kernel, any other distinct
   * characters for spatial dimensions, e.g. {@code ("NHWC", "HWIO", "NHWC")}.
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param out the output layout, e.g. {@code "NHWC"}
   * @return the dimension numbers the layouts describe
   * @throws JaxTypeError with JAX's messages for malformed strings
   */
  public static ConvDimensionNumbers of(String lhs, String rhs, String out) {
    String[] specs = {lhs, rhs, out};
    char[][] pairs = {{'N', 'C'}, {'O', 'I'}, {'N', 'C'}};
    for (int i = 0; i < 3; i++) {
      String s = specs[i];
      char a = pairs[i][0];
      char b = pairs[i][1];
      if (count(s, a) != 1 || count(s, b) != 1) {
        throw new JaxTypeError("convolution dimension_numbers[" + i
            + "] must contain the characters '" + a + "' and '" + b + "' exactly once, got "
            + s + ".");
      }
      if (s.chars().distinct().count() != s.length()) {
        throw new JaxTypeError("convolution dimension_numbers[" + i
            + "] cannot have duplicate characters, got " + s + ".");
      }
    }
    if (!spatial(lhs, pairs[0]).equals(spatial(rhs, pairs[1]))
        || !spatial(rhs, pairs[1]).equals(spatial(out, pairs[2]))) {
      throw new JaxTypeError("convolution dimension_numbers elements must each have the same"
          + " set of spatial characters, got ('" + lhs + "', '" + rhs + "', '" + out + "').");
    }
    return new ConvDimensionNumbers(
        perm(lhs, pairs[0], rhs), perm(rhs, pairs[1], rhs), perm(out, pairs[2], rhs));
  }

  /**
   * Layout strings checked against the operand ranks first, as JAX's
   * {@code conv_dimension_numbers}: each string must have the operands' rank.
   */
  static ConvDimensionNumbers of(String lhs, String rhs, String out, int lhsRank, int rhsRank) {
    if (lhsRank != rhsRank) {
      throw new JaxTypeError("convolution requires lhs and rhs ndim to be equal, got " + lhsRank
          + " and " + rhsRank + ".");
    }
    String[] specs = {lhs, rhs, out};
    for (int i = 0; i < 3; i++) {
      if (specs[i].length() != lhsRank) {
        throw new JaxTypeError("convolution dimension_numbers[" + i + "] must have len equal to"
            + " the ndim of lhs and rhs, got " + specs[i].length() + " for lhs and rhs ranks "
            + lhsRank + " and " + rhsRank + ".");
      }
    }
    return of(lhs, rhs, out);
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }

  private static Set<Character> spatial(String s, char[] pair) {
    Set<Character> set = new TreeSet<>();
    for (char c : s.toCharArray()) {
      if (c != pair[0] && c != pair[1]) {
        set.add(c);
      }
    }
    return set;
  }

  private static int[] perm(String spec, char[] pair, String rhs) {
    List<Integer> sp = new ArrayList<>();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c != pair[0] && c != pair[1]) {
        sp.add(i);
      }
    }
    if (!spec.equals(rhs)) {
      sp.sort((x, y) -> Integer.compare(rhs.indexOf(spec.charAt(x)), rhs.indexOf(spec.charAt(y))));
    }
    int[] p = new int[spec.length()];
    p[0] = spec.indexOf(pair[0]);
    p[1] = spec.indexOf(pair[1]);
    for (int i = 0; i < sp.size(); i++) {
      p[2 + i] = sp.get(i);
    }
    return p;
  }

  /**
   * The number of spatial dimensions.
   *
   * @return the number of spatial dimensions
   */
  public int spatialRank() {
    return lhsSpec.length - 2;
  }

  /**
   * A copy of the lhs spec.
   *
   * @return a copy of the lhs spec
   */
  @Override
  public int[] lhsSpec() {
    return lhsSpec.clone();
  }

  /**
   * A copy of the rhs spec.
   *
   * @return a copy of the rhs spec
   */
  @Override
  public int[] rhsSpec() {
    return rhsSpec.clone();
  }

  /**
   * A copy of the out spec.
   *
   * @return a copy of the out spec
   */
  @Override
  public int[] outSpec() {
    return outSpec.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvDimensionNumbers d && Arrays.equals(lhsSpec, d.lhsSpec)
        && Arrays.equals(rhsSpec, d.rhsSpec) && Arrays.equals(outSpec, d.outSpec);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {lhsSpec, rhsSpec, outSpec});
  }

  /** As JAX prints the named tuple. */
  @Override
  public String toString() {
    return "ConvDimensionNumbers(lhs_spec=" + PyFormat.str(lhsSpec) + ", rhs_spec="
        + PyFormat.str(rhsSpec) + ", out_spec=" + PyFormat.str(outSpec) + ")";
  }
}
