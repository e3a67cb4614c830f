package org.jaxpresso.lax;

import java.util.Arrays;

/**
 * Which dimensions {@code dot_general} contracts and which it batches over, as JAX's
 * {@code ((lhs_contracting, rhs_contracting), (lhs_batch, rhs_batch))}.
 *
 * <p>{@link #toString()} prints the way JAX prints the param in a jaxpr, with lists inside:
 * {@code (([1], [0]), ([], []))}.
 *
 * <pre>{@code
 * DotDimensionNumbers matmul = DotDimensionNumbers.of(new int[] {1}, new int[] {0});
 * DotDimensionNumbers bmm =
 *     new DotDimensionNumbers(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0});
 * }</pre>
 *
 * @param lhsContracting contracted dimensions of the left operand
 * @param rhsContracting contracted dimensions of the right operand, paired with lhs's in order
 * @param lhsBatch batch dimensions of the left operand
 * @param rhsBatch batch dimensions of the right operand, paired with lhs's in order
 */
public record DotDimensionNumbers(
    int[] lhsContracting, int[] rhsContracting, int[] lhsBatch, int[] rhsBatch) {

  /** Copies the arrays, so the record is immutable. */
  public DotDimensionNumbers {
    lhsContracting = lhsContracting.clone();
    rhsContracting = rhsContracting.clone();
    lhsBatch = lhsBatch.clone();
    rhsBatch = rhsBatch.clone();
  }

  /**
   * Contraction without batch dimensions.
   *
   * @param lhsContracting the contracting dimensions of the left operand
   * @param rhsContracting the contracting dimensions of the right operand, paired with the left's
   * @return contraction without batch dimensions
   */
  public static DotDimensionNumbers of(int[] lhsContracting, int[] rhsContracting) {
    return new DotDimensionNumbers(lhsContracting, rhsContracting, new int[0], new int[0]);
  }

  /**
   * A copy of the lhs contracting dimensions.
   *
   * @return a copy of the lhs contracting dimensions
   */
  @Override
  public int[] lhsContracting() {
    return lhsContracting.clone();
  }

  /**
   * A copy of the rhs contracting dimensions.
   *
   * @return a copy of the rhs contracting dimensions
   */
  @Override
  public int[] rhsContracting() {
    return rhsContracting.clone();
  }

  /**
   * A copy of the lhs batch dimensions.
   *
   * @return a copy of the lhs batch dimensions
   */
  @Override
  public int[] lhsBatch() {
    return lhsBatch.clone();
  }

  /**
   * A copy of the rhs batch dimensions.
   *
   * @return a copy of the rhs batch dimensions
   */
  @Override
  public int[] rhsBatch() {
    return rhsBatch.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DotDimensionNumbers d
        && Arrays.equals(lhsContracting, d.lhsContracting)
        && Arrays.equals(rhsContracting, d.rhsContracting)
        && Arrays.equals(lhsBatch, d.lhsBatch)
        && Arrays.equals(rhsBatch, d.rhsBatch);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {lhsContracting, rhsContracting, lhsBatch, rhsBatch});
  }

  /** As JAX prints it in a jaxpr: {@code (([1], [0]), ([], []))}. */
  @Override
  public String toString() {
    return "((" + list(lhsContracting) + ", " + list(rhsContracting) + "), (" + list(lhsBatch)
        + ", " + list(rhsBatch) + "))";
  }

  private static String list(int[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i > 0 ? ", " : "").append(a[i]);
    }
    return sb.append(']').toString();
  }
}
