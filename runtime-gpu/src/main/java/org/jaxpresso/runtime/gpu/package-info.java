/** The CUDA backend (see issue "GPU backend"); dormant without a GPU. */
package org.jaxpresso.runtime.gpu;
