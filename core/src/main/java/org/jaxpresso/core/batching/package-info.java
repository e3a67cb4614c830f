/**
 * Vectorization as an interpreter, in JAX's design ({@code batching.py}): a {@link
 * org.jaxpresso.core.batching.BatchTracer} is a value with one extra dimension (or none,
 * {@link org.jaxpresso.core.Primitive#NOT_MAPPED}), and {@link
 * org.jaxpresso.core.batching.BatchTrace} applies each primitive's {@link
 * org.jaxpresso.core.Primitive.BatchRule}. {@link org.jaxpresso.core.batching.Batching#vmap}
 * maps a function of flat lists of arrays.
 */
package org.jaxpresso.core.batching;
