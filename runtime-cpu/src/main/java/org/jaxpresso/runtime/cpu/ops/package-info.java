/**
 * The library implementations of {@code dot_general} ({@link
 * org.jaxpresso.runtime.cpu.ops.DotGeneralOp}) and {@code conv_general_dilated} ({@link
 * org.jaxpresso.runtime.cpu.ops.ConvOp}) for floating results: operands gathered into float32
 * or float64 working arrays, multiplied by {@link org.jaxpresso.runtime.cpu.kernels.Gemm}, and
 * the result rounded once to its dtype.
 */
package org.jaxpresso.runtime.cpu.ops;
