/**
 * The heavy numeric kernels of the CPU backend: packed, cache-blocked, register-tiled float32
 * and float64 matrix products ({@link org.jaxpresso.runtime.cpu.kernels.Gemm}) with a scalar
 * fallback, the shared thread pool they split over ({@link
 * org.jaxpresso.runtime.cpu.kernels.CpuPool}) and a peak FLOP/s probe for benchmarks ({@link
 * org.jaxpresso.runtime.cpu.kernels.PeakFlops}).
 */
package org.jaxpresso.runtime.cpu.kernels;
