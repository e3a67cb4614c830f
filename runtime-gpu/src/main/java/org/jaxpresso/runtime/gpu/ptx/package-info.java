/**
 * PTX code generation for sm_90: loop and reduction kernels ({@link
 * org.jaxpresso.runtime.gpu.ptx.PtxKernelEmitter}), the exhaustive lowering of every kernel op
 * ({@code PtxScalarOps}), the double-precision math library shared with its host mirror ({@link
 * org.jaxpresso.runtime.gpu.ptx.MathLibrary}), and {@link org.jaxpresso.runtime.gpu.ptx.Ptxas}
 * for validating generated code without a GPU.
 */
package org.jaxpresso.runtime.gpu.ptx;
