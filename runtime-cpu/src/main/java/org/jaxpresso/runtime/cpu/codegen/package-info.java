/**
 * Code generation for the CPU backend: each kernel of the compiler's kernel program becomes a
 * step ({@link org.jaxpresso.runtime.cpu.codegen.CpuProgram}) that runs a hidden class generated
 * with ASM (Vector API loops, or scalar loops for float16, bfloat16 and a missing Vector API), a
 * library routine, or the primitives' reference implementation. {@link
 * org.jaxpresso.runtime.cpu.codegen.CpuMath} and {@link
 * org.jaxpresso.runtime.cpu.codegen.KernelClasses} are public only for the generated classes
 * and the tests.
 */
package org.jaxpresso.runtime.cpu.codegen;
