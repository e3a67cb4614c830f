/**
 * Plain-Java reference kernels of the linear-algebra primitives ({@code svd}), computed in
 * double precision.
 */
package org.jaxpresso.lax.internal.linalg;
