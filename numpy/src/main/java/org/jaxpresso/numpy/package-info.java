/** The {@code Jnp} facade: NumPy's API on jaxpresso arrays (see issue "The jnp facade"). */
package org.jaxpresso.numpy;
