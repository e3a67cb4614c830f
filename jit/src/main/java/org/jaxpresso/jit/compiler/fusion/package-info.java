/**
 * Fusion: which jaxpr equations run together in one kernel. {@link
 * org.jaxpresso.jit.compiler.fusion.OpClass} classifies primitives, {@link
 * org.jaxpresso.jit.compiler.fusion.FusionPlanner} groups equations, and {@link
 * org.jaxpresso.jit.compiler.fusion.FusionPlan} is the printable, testable result.
 */
package org.jaxpresso.jit.compiler.fusion;
