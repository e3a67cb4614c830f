/**
 * The CUDA backend ({@link org.jaxpresso.runtime.gpu.GpuBackend}): PTX generated from the
 * compiler's kernel IR, run through the CUDA driver API and cuBLAS bound with FFM. Dormant (not
 * available, no native calls) on machines without an NVIDIA driver and device. Results stay in
 * device memory ({@link org.jaxpresso.runtime.gpu.GpuBuffer}) taken from a size-class pool
 * ({@link org.jaxpresso.runtime.gpu.DevicePool}); everything above the driver is written
 * against {@link org.jaxpresso.runtime.gpu.DeviceApi}, so the tests run it on a simulated
 * device. See {@code docs/gpu.md} and ADR 0017.
 */
package org.jaxpresso.runtime.gpu;
