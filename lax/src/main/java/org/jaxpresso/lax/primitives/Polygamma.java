package org.jaxpresso.lax.primitives;

import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.internal.elementwise.Polygammas;

/**
 * The special-function primitive {@code polygamma m x} of {@code jax.lax.polygamma}: JAX's
 * {@code standard_naryop([_float, _float], 'polygamma')}, so both operands are floats of one
 * dtype, broadcast as every lax binary op. The reference implementation ({@link Polygammas})
 * computes in double and rounds once to the dtype, with XLA's domain conventions: NaN for an
 * order that is negative or not an integer, {@code digamma x} for order 0, an infinity at the
 * poles {@code x = 0, -1, -2, ...} for higher orders.
 *
 * <p>Its JVP with respect to {@code x} is {@code polygamma(m + 1, x)}; with respect to {@code
 * m} JAX raises {@code ValueError: polygamma gradient with respect to m is not supported}, and
 * so does this rule. {@code digamma}'s JVP is {@code polygamma(1, x)}.
 */
public final class Polygamma {
  private Polygamma() {}

  /** {@code polygamma m x}: float, same dtypes, lax broadcasting. */
  public static final Primitive POLYGAMMA = Factories.binary("polygamma", DTypeSet.FLOAT,
      (m, x, d) -> Polygammas.polygamma(m, x), null);

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
