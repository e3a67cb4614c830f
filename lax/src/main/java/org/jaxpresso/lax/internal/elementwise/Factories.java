package org.jaxpresso.lax.internal.elementwise;

import org.jaxpresso.lax.internal.DTypeSet;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.internal.LaxSupport;

/**
 * The factories that declare elementwise primitives with all their rules at once, as JAX's
 * {@code standard_unop} and {@code standard_naryop} do.
 */
public final class Factories {
  private Factories() {}

  /** The family name the elementwise primitives are declared under. */
  public static final String FAMILY = "elementwise";

  /**
   * A unary primitive: operand in {@code accepted}, same shape, dtype {@code out} (null: the
   * operand's), weak iff the operand is. With {@code accuracy} it takes JAX's {@code accuracy}
   * param, printed only when not None.
   *
   * @param name the primitive's name, as jaxprs print it
   * @param accepted the dtypes accepted
   * @param out the result dtype, or {@code null} for the operand's
   * @param accuracy whether the primitive takes JAX's {@code accuracy} param
   * @param f the operation on floating-point elements
   * @param g the operation on integer (and bool) elements
   * @return a unary primitive
   */
  public static Primitive unary(String name, DTypeSet accepted, DType out, boolean accuracy,
      Kernels.FloatUnary f, Kernels.IntUnary g) {
    Primitive.Builder b = Primitive.builder(name)
        .family(FAMILY)
        .abstractEval((avals, params) -> List.of(Rules.unary(name, accepted, out, avals)))
        .impl((args, params) -> {
          ShapedArray o = Rules.unary(name, accepted, out, LaxSupport.avals(args));
          return List.of(Kernels.unary(o, args.get(0), f, g));
        });
    if (accuracy) {
      b.printedParams(p -> Rules.hideIfNone(p, "accuracy"));
    }
    return b.build();
  }

  /**
   * A binary {@code naryop}: both operands in {@code accepted}, same dtype, broadcasting.
   *
   * @param name the primitive's name, as jaxprs print it
   * @param accepted the dtypes accepted
   * @param f the operation on floating-point elements
   * @param g the operation on integer (and bool) elements
   * @return a binary {@code naryop}: both operands in {@code accepted}, same dtype, broadcasting
   */
  public static Primitive binary(String name, DTypeSet accepted, Kernels.FloatBinary f,
      Kernels.IntBinary g) {
    return Primitive.builder(name)
        .family(FAMILY)
        .abstractEval((avals, params) -> List.of(Rules.nary(name, accepted, null, avals, 2)))
        .impl((args, params) -> {
          ShapedArray o = Rules.nary(name, accepted, null, LaxSupport.avals(args), 2);
          return List.of(Kernels.binary(o, args.get(0), args.get(1), f, g));
        })
        .build();
  }

  /**
   * A comparison: operands in {@code accepted}, same dtype, broadcasting; a bool result.
   *
   * @param name the primitive's name, as jaxprs print it
   * @param accepted the dtypes accepted
   * @param f the operation on floating-point elements
   * @param g the operation on integer (and bool) elements
   * @return a comparison: operands in {@code accepted}, same dtype, broadcasting; a bool result
   */
  public static Primitive comparison(String name, DTypeSet accepted, Kernels.FloatTest f,
      Kernels.IntTest g) {
    return Primitive.builder(name)
        .family(FAMILY)
        .abstractEval(
            (avals, params) -> List.of(Rules.nary(name, accepted, DType.BOOL, avals, 2)))
        .impl((args, params) -> {
          ShapedArray o = Rules.nary(name, accepted, DType.BOOL, LaxSupport.avals(args), 2);
          return List.of(Kernels.compare(o, args.get(0), args.get(1), f, g));
        })
        .build();
  }
}
