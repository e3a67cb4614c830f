package org.jaxpresso.lax.primitives;

import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.semantics.IntOps;

/**
 * Comparison primitives: same dtypes, lax broadcasting, a (never weak) bool result. Floats
 * compare as IEEE does (NaN is unordered: only {@code ne} holds; -0 equals +0), unsigned
 * integers and bool as unsigned.
 */
public final class Comparisons {
  private Comparisons() {}

  /** {@code eq x y}: any dtype. */
  public static final Primitive EQ = Factories.comparison("eq", DTypeSet.ANY,
      (x, y) -> x == y, (x, y, d) -> x == y);

  /** {@code ne x y}: any dtype. */
  public static final Primitive NE = Factories.comparison("ne", DTypeSet.ANY,
      (x, y) -> x != y, (x, y, d) -> x != y);

  /** {@code lt x y}: ordered dtypes (integers, floats, bool). */
  public static final Primitive LT = Factories.comparison("lt", DTypeSet.ORDERED,
      (x, y) -> x < y, (x, y, d) -> IntOps.compare(x, y, d) < 0);

  /** {@code le x y}: ordered dtypes. */
  public static final Primitive LE = Factories.comparison("le", DTypeSet.ORDERED,
      (x, y) -> x <= y, (x, y, d) -> IntOps.compare(x, y, d) <= 0);

  /** {@code gt x y}: ordered dtypes. */
  public static final Primitive GT = Factories.comparison("gt", DTypeSet.ORDERED,
      (x, y) -> x > y, (x, y, d) -> IntOps.compare(x, y, d) > 0);

  /** {@code ge x y}: ordered dtypes. */
  public static final Primitive GE = Factories.comparison("ge", DTypeSet.ORDERED,
      (x, y) -> x >= y, (x, y, d) -> IntOps.compare(x, y, d) >= 0);

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
