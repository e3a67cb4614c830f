/**
 * JAX's NumPy indexing machinery ({@code jax/_src/numpy/indexing.py}, {@code ops/scatter.py}):
 * parsing indices, lowering reads to {@code slice} / {@code dynamic_slice} / {@code gather} and
 * updates to the scatter family; also the sorting and searching helpers behind {@code Jnp}.
 * Not public API.
 */
package org.jaxpresso.numpy.internal.indexing;
