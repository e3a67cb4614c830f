/**
 * Building blocks of lax's elementwise primitive families: the dtype classes JAX's rules name
 * ({@link org.jaxpresso.lax.internal.DTypeSet}), the shared shape/dtype rules
 * ({@link org.jaxpresso.lax.internal.elementwise.Rules}), the reference loops
 * ({@link org.jaxpresso.lax.internal.elementwise.Kernels}) and the scalar semantics of XLA on CPU
 * for integers ({@link org.jaxpresso.lax.semantics.IntOps}), floats
 * ({@link org.jaxpresso.lax.semantics.FloatOps},
 * {@link org.jaxpresso.lax.internal.elementwise.SpecialFunctions}) and conversions
 * ({@link org.jaxpresso.lax.semantics.Conversion}).
 */
package org.jaxpresso.lax.internal.elementwise;
