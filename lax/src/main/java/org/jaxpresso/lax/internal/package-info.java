/** Helpers for the primitive declarations and reference kernels; not API. */
package org.jaxpresso.lax.internal;
