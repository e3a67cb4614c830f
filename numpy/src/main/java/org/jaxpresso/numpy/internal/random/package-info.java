/**
 * The implementation of {@link org.jaxpresso.numpy.Random}: the Threefry-2x32 cipher and JAX's
 * partitionable key derivation ({@link org.jaxpresso.numpy.internal.random.Threefry}) and the
 * sampler bodies ({@link org.jaxpresso.numpy.internal.random.Samplers}), all lowered to
 * {@code Lax} primitives.
 */
package org.jaxpresso.numpy.internal.random;
