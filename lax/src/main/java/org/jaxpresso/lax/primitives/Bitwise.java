package org.jaxpresso.lax.primitives;

import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.semantics.IntOps;

/**
 * Bitwise primitives on integers (and logical ones on bool): {@code not and or xor}, the three
 * shifts (an amount of at least the bit width gives 0, or the sign fill for the arithmetic
 * shift, as XLA defines it), {@code population_count} and {@code clz}.
 */
public final class Bitwise {
  private Bitwise() {}

  /** {@code not x}: bitwise not; logical not on bool. */
  public static final Primitive NOT = Factories.unary("not", DTypeSet.BOOL_OR_INT, null, false,
      null, IntOps::not);

  /** {@code and x y}: bitwise and; logical on bool. */
  public static final Primitive AND = Factories.binary("and", DTypeSet.BOOL_OR_INT, null,
      (x, y, d) -> x & y);

  /** {@code or x y}: bitwise or; logical on bool. */
  public static final Primitive OR = Factories.binary("or", DTypeSet.BOOL_OR_INT, null,
      (x, y, d) -> x | y);

  /** {@code xor x y}: bitwise exclusive or; logical on bool. */
  public static final Primitive XOR = Factories.binary("xor", DTypeSet.BOOL_OR_INT, null,
      (x, y, d) -> x ^ y);

  /** {@code shift_left x y}: integers; 0 when y (read unsigned) is at least the bit width. */
  public static final Primitive SHIFT_LEFT = Factories.binary("shift_left", DTypeSet.INT, null,
      IntOps::shiftLeft);

  /** {@code shift_right_arithmetic x y}: integers, sign-filling (also for unsigned types). */
  public static final Primitive SHIFT_RIGHT_ARITHMETIC = Factories.binary(
      "shift_right_arithmetic", DTypeSet.INT, null, IntOps::shiftRightArithmetic);

  /** {@code shift_right_logical x y}: integers, zero-filling (also for signed types). */
  public static final Primitive SHIFT_RIGHT_LOGICAL = Factories.binary(
      "shift_right_logical", DTypeSet.INT, null, IntOps::shiftRightLogical);

  /** {@code population_count x}: integers; the number of set bits. */
  public static final Primitive POPULATION_COUNT = Factories.unary("population_count",
      DTypeSet.INT, null, false, null, IntOps::populationCount);

  /** {@code clz x}: integers; the number of leading zero bits in the dtype's width. */
  public static final Primitive CLZ = Factories.unary("clz", DTypeSet.INT, null, false, null,
      IntOps::clz);

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
