/** Index arithmetic shared by the shaping, slicing, gather and scatter reference kernels. */
package org.jaxpresso.lax.internal.shaping;
