/**
 * The CPU backend ({@link org.jaxpresso.runtime.cpu.CpuBackend}), the default backend found
 * through {@link java.util.ServiceLoader}: jitted and eager programs compiled to generated SIMD
 * bytecode ({@code jdk.incubator.vector}) with a scalar fallback when that module is absent.
 */
package org.jaxpresso.runtime.cpu;
