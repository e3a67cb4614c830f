/**
 * The scalar semantics of lax's elementwise primitives as XLA defines them on the CPU (integer
 * division by zero, INT_MIN / -1, over-wide shifts, NaN-propagating max/min, saturating
 * float-to-int conversion, single rounding to the narrow float formats, ...). The reference
 * kernels, the compiler's kernel-IR executor and the CPU code generator all call these, so the
 * rules are written once.
 */
package org.jaxpresso.lax.semantics;
