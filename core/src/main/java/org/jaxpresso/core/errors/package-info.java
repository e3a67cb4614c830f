/**
 * The error types jaxpresso raises, named as JAX names them: {@link
 * org.jaxpresso.core.errors.ConcretizationTypeError}, {@link
 * org.jaxpresso.core.errors.TracerBoolConversionError}, {@link
 * org.jaxpresso.core.errors.NonConcreteBooleanIndexError}, ... Shape and dtype errors are
 * {@link org.jaxpresso.core.errors.JaxTypeError}s whose messages name the operation, the operands
 * and the rule broken.
 */
package org.jaxpresso.core.errors;
