/**
 * The backend-neutral compiler: named passes over jaxprs ({@link
 * org.jaxpresso.jit.compiler.passes}), fusion into kernels ({@link
 * org.jaxpresso.jit.compiler.fusion}), the kernel IR every backend lowers ({@link
 * org.jaxpresso.jit.compiler.kir}), the buffer plan, and a reference executor for the kernel IR
 * ({@link org.jaxpresso.jit.compiler.exec}). {@link org.jaxpresso.jit.compiler.Compiler} runs
 * the whole pipeline and returns a {@link org.jaxpresso.jit.compiler.CompiledProgram}.
 */
package org.jaxpresso.jit.compiler;
