/**
 * The reference executor of the kernel IR: plain Java loops over each kernel's index space that
 * evaluate the op graph one element at a time with the lax reference semantics. It is the
 * fallback backend and the oracle that generated code is compared with.
 */
package org.jaxpresso.jit.compiler.exec;
