package org.jaxpresso.runtime.gpu;

import org.jaxpresso.core.jaxpr.Eqn;

/** Test access to package-private parts of {@link GpuLowering}. */
public final class GpuLoweringAccess {
  private GpuLoweringAccess() {}

  /**
   * Whether the lowering would still rewrite {@code e}.
   *
   * @param e an equation
   * @return whether it is not yet in cuBLAS's form
   */
  public static boolean rewrites(Eqn e) {
    return GpuLowering.rewrites(e);
  }
}
