package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Random small programs run through the whole pipeline and compared with the interpreter bit for
 * bit; a mismatch prints the seed, the program, its fusion plan and kernel IR.
 */
class DifferentialTest {
  private static final int PROGRAMS = 1000;

  @Test
  void randomProgramsAgreeWithTheInterpreter() {
    long start = System.nanoTime();
    int kernels = 0;
    for (long seed = 1; seed <= PROGRAMS; seed++) {
      RandomPrograms.Case c;
      try {
        c = RandomPrograms.generate(seed);
      } catch (RuntimeException e) {
        throw new AssertionError("generating program " + seed + " failed", e);
      }
      try {
        kernels += CompilerTesting.assertSameAsInterpreter(c.program(), c.args())
            .kernels().kernels().size();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + c.program(), e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(kernels >= PROGRAMS, "programs should compile to kernels");
    assertTrue(seconds < 20, "differential test took " + seconds + " s");
  }
}
