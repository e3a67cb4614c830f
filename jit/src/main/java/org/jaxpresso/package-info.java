/** {@code Jax}: jit, makeJaxpr and the transformations (see issue "Tracing, jaxprs and jit"). */
package org.jaxpresso;
