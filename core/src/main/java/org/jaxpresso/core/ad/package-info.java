/**
 * Automatic differentiation as interpreters, in JAX's design: {@link
 * org.jaxpresso.core.ad.JvpTrace} (forward mode, one {@link org.jaxpresso.core.Primitive.JvpRule}
 * per primitive, symbolic zero tangents written as null), {@link
 * org.jaxpresso.core.ad.PartialEvalTrace} (stages the tangent computation into a linear jaxpr
 * while primal values are computed by the enclosing trace), and {@link
 * org.jaxpresso.core.ad.Transpose} (JAX's {@code backward_pass}: the linear jaxpr run backwards
 * with the primitives' transpose rules). {@link org.jaxpresso.core.ad.Ad} puts them together as
 * {@code jvp}, {@code linearize} and {@code vjp} over flat lists of arrays.
 */
package org.jaxpresso.core.ad;
