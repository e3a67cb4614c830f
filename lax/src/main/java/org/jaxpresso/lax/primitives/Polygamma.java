package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.elementwise.Kernels;
import org.jaxpresso.lax.internal.elementwise.Polygammas;
import org.jaxpresso.lax.internal.elementwise.Rules;

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

  /** The family {@code polygamma} is declared under (see the class comment). */
  public static final String FAMILY = "special";

  /**
   * {@code polygamma m x}: float, same dtypes, lax broadcasting. Its family is {@value
   * #FAMILY}, not {@code elementwise}: the compiler has no kernel op for it, so inside compiled
   * code it runs as a library op through this reference implementation (the elementwise
   * family lists what the compiler fuses).
   */
  public static final Primitive POLYGAMMA = Primitive.builder("polygamma")
      .family(FAMILY)
      .abstractEval((avals, params) -> List.of(Rules.nary("polygamma", DTypeSet.FLOAT, null,
          avals, 2)))
      .impl((args, params) -> {
        ShapedArray o = Rules.nary("polygamma", DTypeSet.FLOAT, null, LaxSupport.avals(args), 2);
        return List.of(Kernels.binary(o, args.get(0), args.get(1),
            (m, x, d) -> Polygammas.polygamma(m, x), null));
      })
      .build();

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
