package org.jaxpresso.lax.internal.elementwise;

import org.jaxpresso.lax.internal.DTypeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.internal.LaxSupport;

/**
 * The shape/dtype rules shared by elementwise primitives, in the order JAX applies them: the
 * shape rule first (lax broadcasting), then the dtype rule (per-position dtype classes, then
 * equal dtypes), then the weak-type rule (weak iff every operand is weak).
 */
public final class Rules {
  private Rules() {}

  /** Params of the transcendental ops that take {@code accuracy}: {@code accuracy=None}. */
  public static final Params ACCURACY_NONE = Params.of("accuracy", null);

  /**
   * Checks the operand count (a programming error, not a user's type error).
   *
   * @param name the operation's name, for error messages
   * @param expected the number of operands the primitive takes
   * @param avals the abstract values (shape and dtype) of the inputs
   * @throws IllegalArgumentException naming the primitive and the counts
   */
  public static void checkArity(String name, int expected, List<ShapedArray> avals) {
    if (avals.size() != expected) {
      throw new IllegalArgumentException(
          name + " takes " + expected + " operand" + (expected == 1 ? "" : "s") + ", got "
              + avals.size());
    }
  }

  /**
   * The unary rule: the dtype class check; same shape; dtype {@code out} (null: the input's).
   *
   * @param name the operation's name, for error messages
   * @param accepted the dtypes accepted
   * @param out the result dtype, or {@code null} for the operand's
   * @param avals the abstract values (shape and dtype) of the inputs
   * @return the unary rule: the dtype class check; same shape; dtype {@code out} (null: the
   *     input's)
   */
  public static ShapedArray unary(String name, DTypeSet accepted, DType out,
      List<ShapedArray> avals) {
    checkArity(name, 1, avals);
    ShapedArray x = avals.get(0);
    accepted.check(name, x);
    return new ShapedArray(x.shape(), out == null ? x.dtype() : out, x.weakType());
  }

  /**
   * JAX's {@code naryop} rule: broadcasting shape, each operand in its position's class, equal
   * dtypes (with the jnp tip), result dtype {@code out} (null: the operands'), weak iff all weak.
   *
   * @param name the operation's name, for error messages
   * @param accepted the dtypes accepted
   * @param out the result dtype, or {@code null} for the operand's
   * @param avals the abstract values (shape and dtype) of the inputs
   * @param arity the number of operands
   * @return JAX's {@code naryop} rule
   */
  public static ShapedArray nary(String name, DTypeSet accepted, DType out, List<ShapedArray> avals,
      int arity) {
    checkArity(name, arity, avals);
    Shape shape = LaxSupport.broadcastingShape(name, avals);
    for (int i = 0; i < avals.size(); i++) {
      accepted.checkAt(name, i, avals.get(i));
    }
    LaxSupport.checkSameDtypes(name, avals);
    DType dtype = out == null ? avals.get(0).dtype() : out;
    return new ShapedArray(shape, dtype, LaxSupport.allWeak(avals));
  }

  /**
   * {@code params} without {@code name} when its value is null (JAX hides such defaults).
   *
   * @param params the primitive's parameters
   * @param name the operation's name, for error messages
   * @return {@code params} without {@code name} when its value is null (JAX hides such defaults)
   */
  public static Params hideIfNone(Params params, String name) {
    if (!params.has(name) || params.get(name) != null) {
      return params;
    }
    List<Object> kv = new ArrayList<>();
    for (Map.Entry<String, Object> e : params.asMap().entrySet()) {
      if (!e.getKey().equals(name)) {
        kv.add(e.getKey());
        kv.add(e.getValue());
      }
    }
    return Params.of(kv.toArray());
  }
}
