/**
 * The CUDA backend ({@link org.jaxpresso.runtime.gpu.GpuBackend}): PTX generated from the
 * compiler's kernel IR, run through the CUDA driver API and cuBLAS bound with FFM. Dormant (not
 * available, no native calls) on machines without an NVIDIA driver and device. See
 * {@code docs/gpu.md}.
 */
package org.jaxpresso.runtime.gpu;
