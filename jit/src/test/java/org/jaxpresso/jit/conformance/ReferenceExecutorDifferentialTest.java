package org.jaxpresso.jit.conformance;

/**
 * Random programs through the whole jit pipeline and the kernel IR's reference executor.
 */
class ReferenceExecutorDifferentialTest extends DifferentialSuite {
  @Override
  protected ConformanceBackend backend() {
    return new ReferenceExecutorConformanceTest().backend();
  }
}
