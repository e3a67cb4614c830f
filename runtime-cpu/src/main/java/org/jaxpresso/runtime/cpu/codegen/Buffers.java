package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;

/** The buffers of one run of a program, allocated on first use as the buffer plan says. */
final class Buffers {
  private final BufferPlan plan;
  private final Object[] arrays;

  Buffers(BufferPlan plan) {
    this.plan = plan;
    this.arrays = new Object[plan.buffers().size()];
  }

  /** The storage of value {@code value}'s planned buffer. */
  Object of(int value) {
    int b = plan.bufferOf().get(value);
    Object a = arrays[b];
    if (a == null) {
      BufferPlan.Buffer spec = plan.buffers().get(b);
      a = switch (spec.dtype()) {
        case FLOAT32 -> new float[spec.length()];
        case FLOAT64 -> new double[spec.length()];
        default -> HostBuffer.allocate(spec.dtype(), spec.length()).data();
      };
      arrays[b] = a;
    }
    return a;
  }
}
