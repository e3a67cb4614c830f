/**
 * The kernel IR: what fusion produces and every backend lowers. A {@link
 * org.jaxpresso.jit.compiler.kir.KernelProgram} is a list of {@link
 * org.jaxpresso.jit.compiler.kir.Kernel}s over numbered values; a loop or reduction kernel is an
 * index space, loads through {@link org.jaxpresso.jit.compiler.kir.IndexExpr index expressions},
 * a scalar op graph of {@link org.jaxpresso.jit.compiler.kir.Node}s whose ops come from the
 * closed enum {@link org.jaxpresso.jit.compiler.kir.KernelOp}, and stores or reductions. Library
 * kernels ({@code dot_general}, {@code sort}, ...) name their equation instead.
 */
package org.jaxpresso.jit.compiler.kir;
