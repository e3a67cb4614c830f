package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;

/** The buffers of one run of a program, allocated on first use as the buffer plan says. */
final class Buffers {
  /**
   * A buffer plan as flat arrays, built once per program, so that a run looks its buffers up
   * without unboxing or walking lists.
   */
  static final class Layout {
    private final int[] bufferOf;
    private final DType[] dtypes;
    private final int[] lengths;

    Layout(BufferPlan plan) {
      bufferOf = new int[plan.bufferOf().size()];
      for (int v = 0; v < bufferOf.length; v++) {
        bufferOf[v] = plan.bufferOf().get(v);
      }
      int n = plan.buffers().size();
      dtypes = new DType[n];
      lengths = new int[n];
      for (int b = 0; b < n; b++) {
        dtypes[b] = plan.buffers().get(b).dtype();
        lengths[b] = plan.buffers().get(b).length();
      }
    }
  }

  private final BufferPlan plan;
  private final Layout layout;
  private final Object[] arrays;

  /**
   * Buffers looked up in {@code plan} itself (for programs run rarely enough that building a
   * {@link Layout} would cost more than it saves).
   */
  Buffers(BufferPlan plan) {
    this.plan = plan;
    this.layout = null;
    this.arrays = new Object[plan.buffers().size()];
  }

  /** Buffers looked up in a layout built once for the program. */
  Buffers(Layout layout) {
    this.plan = null;
    this.layout = layout;
    this.arrays = new Object[layout.dtypes.length];
  }

  /** The storage of value {@code value}'s planned buffer. */
  Object of(int value) {
    Layout l = layout;
    int b = l != null ? l.bufferOf[value] : plan.bufferOf().get(value);
    Object a = arrays[b];
    if (a == null) {
      DType dtype;
      int length;
      if (l != null) {
        dtype = l.dtypes[b];
        length = l.lengths[b];
      } else {
        BufferPlan.Buffer spec = plan.buffers().get(b);
        dtype = spec.dtype();
        length = spec.length();
      }
      a = switch (dtype) {
        case FLOAT32 -> new float[length];
        case FLOAT64 -> new double[length];
        default -> HostBuffer.allocate(dtype, length).data();
      };
      arrays[b] = a;
    }
    return a;
  }
}
