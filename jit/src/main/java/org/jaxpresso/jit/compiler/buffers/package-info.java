/**
 * The buffer plan: which buffer holds each intermediate value of a kernel program, reusing the
 * buffers of dead intermediates ({@link org.jaxpresso.jit.compiler.buffers.BufferPlanner}).
 */
package org.jaxpresso.jit.compiler.buffers;
