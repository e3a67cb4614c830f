/** The front end of {@code conv_general_dilated}: resolving user options into params; not API. */
package org.jaxpresso.lax.internal.conv;
