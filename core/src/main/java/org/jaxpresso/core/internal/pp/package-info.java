/**
 * A Wadler/Lindig pretty printer with JAX's exact layout rules: {@link
 * org.jaxpresso.core.internal.pp.Doc} documents laid out by {@link
 * org.jaxpresso.core.internal.pp.DocFormatter}. The jaxpr printer is built on it.
 */
package org.jaxpresso.core.internal.pp;
