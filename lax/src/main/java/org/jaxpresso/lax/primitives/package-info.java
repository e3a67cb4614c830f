/**
 * The primitive declarations, one family per class (elementwise, shaping, slicing, indexing,
 * reductions, sorting, dot, convolution): each primitive with its shape/dtype rule, its params
 * and its plain-Java reference implementation, the oracle for every backend.
 */
package org.jaxpresso.lax.primitives;
