/**
 * "Thinking in jaxpresso": the runnable tour of the tutorial "How to think in JAX" in Java
 * ({@link org.jaxpresso.docs.ThinkingInJaxpresso}), with its cell printer, its timing helper and
 * its plot. The guides are the Markdown pages beside this module's {@code pom.xml}.
 */
package org.jaxpresso.docs;
