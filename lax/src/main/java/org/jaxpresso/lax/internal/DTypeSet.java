package org.jaxpresso.lax.internal;

import java.util.function.Predicate;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;

/**
 * A class of dtypes a primitive accepts, as JAX's {@code lax.py} spells them ({@code _num},
 * {@code _float}, ...), with the names its error messages list.
 *
 * <p>JAX builds these as Python sets of NumPy abstract types, so the order of the names in its
 * messages is the set's iteration order; we list them in the order the source writes the union
 * ({@code _int | _float | _complex} is {@code integer, floating, complexfloating}), which is the
 * order observed for {@code _float | _complex}.
 */
public final class DTypeSet {
  /** JAX's {@code _float}: floating only (special functions, floor, round, ...). */
  public static final DTypeSet FLOAT = new DTypeSet("floating", DType::isFloating);

  /** JAX's {@code _float | _complex}: most transcendental functions. */
  public static final DTypeSet FLOAT_OR_COMPLEX =
      new DTypeSet("floating, complexfloating", DType::isFloating);

  /** JAX's {@code _num}: integers, floats, complex (not bool). */
  public static final DTypeSet NUM =
      new DTypeSet("integer, floating, complexfloating", d -> !d.isBool());

  /** JAX's {@code _any}: every dtype. */
  public static final DTypeSet ANY =
      new DTypeSet("integer, floating, complexfloating, bool_", d -> true);

  /** JAX's {@code _int}: signed and unsigned integers. */
  public static final DTypeSet INT = new DTypeSet("integer", DType::isInteger);

  /** JAX's {@code _bool_or_int}. */
  public static final DTypeSet BOOL_OR_INT =
      new DTypeSet("integer, bool_", d -> d.isInteger() || d.isBool());

  /** JAX's {@code _ordered}: integers, floats and bool. */
  public static final DTypeSet ORDERED = new DTypeSet("integer, floating, bool_", d -> true);

  /** JAX's {@code _int | _float} ({@code rem}). */
  public static final DTypeSet INT_OR_FLOAT = new DTypeSet("integer, floating", d -> !d.isBool());

  /** JAX's {@code _signedint | _float | _complex} ({@code abs}). */
  public static final DTypeSet SIGNED_NUM =
      new DTypeSet("signedinteger, floating, complexfloating",
          d -> d.isSignedInteger() || d.isFloating());

  private final String names;
  private final Predicate<DType> members;

  private DTypeSet(String names, Predicate<DType> members) {
    this.names = names;
    this.members = members;
  }

  /**
   * Whether {@code d} belongs to the class.
   *
   * @param d the dtype
   * @return whether {@code d} belongs to the class
   */
  public boolean contains(DType d) {
    return members.test(d);
  }

  /**
   * The NumPy type names as JAX's messages list them, e.g. {@code floating, complexfloating}.
   *
   * @return the NumPy type names as JAX's messages list them, e.g. {@code floating,
   *     complexfloating}
   */
  public String names() {
    return names;
  }

  /**
   * JAX's unary dtype check: {@code sin does not accept dtype int32. Accepted dtypes are
   * subtypes of floating, complexfloating.}
   *
   * @param name the operation's name, for error messages
   * @param aval the abstract value (shape and dtype)
   */
  public void check(String name, ShapedArray aval) {
    if (!contains(aval.dtype())) {
      throw new JaxTypeError(name + " does not accept dtype " + aval.dtype().longName()
          + ". Accepted dtypes are subtypes of " + names + ".");
    }
  }

  /**
   * JAX's n-ary dtype check for the operand at {@code position}: {@code add does not accept
   * dtype bool at position 0. Accepted dtypes at position 0 are subtypes of integer, floating,
   * complexfloating.}
   *
   * @param name the operation's name, for error messages
   * @param position the operand's position
   * @param aval the abstract value (shape and dtype)
   */
  public void checkAt(String name, int position, ShapedArray aval) {
    if (!contains(aval.dtype())) {
      throw new JaxTypeError(name + " does not accept dtype " + aval.dtype().longName()
          + " at position " + position + ". Accepted dtypes at position " + position
          + " are subtypes of " + names + ".");
    }
  }

  @Override
  public String toString() {
    return "{" + names + "}";
  }
}
