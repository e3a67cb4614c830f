/**
 * The heavy numeric kernels of the CPU backend: packed, cache-blocked, register-tiled float32
 * and float64 matrix products ({@link org.jaxpresso.runtime.cpu.kernels.Gemm}; one loop nest,
 * {@code GemmDriver} and {@code PackedGemm}, over a small per-type {@code MicroKernel}) with a
 * scalar fallback, the shared thread pool they split over ({@link
 * org.jaxpresso.runtime.cpu.kernels.CpuPool}) and a peak FLOP/s probe for benchmarks ({@link
 * org.jaxpresso.runtime.cpu.kernels.PeakFlops}). ADR 0016 records the design.
 */
package org.jaxpresso.runtime.cpu.kernels;
