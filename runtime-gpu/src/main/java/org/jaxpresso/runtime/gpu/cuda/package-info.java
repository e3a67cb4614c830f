/**
 * FFM bindings to the CUDA driver API ({@link org.jaxpresso.runtime.gpu.cuda.CudaDriver}) and
 * cuBLAS ({@link org.jaxpresso.runtime.gpu.cuda.Cublas}), and how their libraries are found
 * ({@link org.jaxpresso.runtime.gpu.cuda.CudaLibraries}).
 */
package org.jaxpresso.runtime.gpu.cuda;
