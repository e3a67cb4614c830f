/**
 * Compiled control flow for the CPU backend: {@code cond}, {@code while} and {@code scan}
 * equations whose sub-jaxprs are compiled once, when the enclosing program is compiled, into
 * CPU programs ({@link org.jaxpresso.runtime.cpu.codegen.CpuProgram}), and run by a loop in
 * Java instead of being interpreted equation by equation on every iteration.
 */
package org.jaxpresso.runtime.cpu.controlflow;
