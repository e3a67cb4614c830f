/** JMH benchmarks and the side-by-side comparison against NumPy (see BENCHMARKS.md). */
package org.jaxpresso.benchmarks;
