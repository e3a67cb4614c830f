package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/** Assembles generated PTX with ptxas, skipping (JUnit assumption) where it is not installed. */
final class PtxasAssumptions {
  private PtxasAssumptions() {}

  /** Kernels assembled so far in this JVM (reported by the tests). */
  static int assembled;

  /** Assembles {@code kernels} as one module for sm_90 and fails with ptxas's log if it fails. */
  static void assertAssembles(List<PtxKernel> kernels, String what) {
    assumeTrue(Ptxas.find().isPresent(), "ptxas is not installed");
    String module = Ptxas.merge(kernels);
    Ptxas.Result r = Ptxas.assemble(module, PtxKernelEmitter.TARGET);
    assertTrue(r.ok(), () -> what + ": ptxas failed:\n" + r.log() + "\n" + numbered(module));
    assembled += kernels.size();
    System.out.println("ptxas -arch=" + PtxKernelEmitter.TARGET + ": " + kernels.size()
        + " kernels of " + what.lines().findFirst().orElse("") + " assembled (" + assembled
        + " in this JVM)");
  }

  private static String numbered(String text) {
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      sb.append(i + 1).append(": ").append(lines[i]).append('\n');
    }
    return sb.length() > 200_000 ? sb.substring(0, 200_000) : sb.toString();
  }
}
