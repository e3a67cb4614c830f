/**
 * Index arithmetic and element orderings shared by the reference kernels of the reduction,
 * scan, sort, dot and convolution primitives; not API.
 */
package org.jaxpresso.lax.internal.reductions;
