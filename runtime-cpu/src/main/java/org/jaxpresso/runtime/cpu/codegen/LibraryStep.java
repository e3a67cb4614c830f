package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.lax.primitives.Convolution;
import org.jaxpresso.lax.primitives.Dot;
import org.jaxpresso.lax.primitives.Shaping;
import org.jaxpresso.runtime.cpu.ops.ConvOp;
import org.jaxpresso.runtime.cpu.ops.DotGeneralOp;

/**
 * A library kernel: {@code dot_general} and {@code conv_general_dilated} on the packed SIMD
 * kernels ({@link DotGeneralOp}, {@link ConvOp}) where they take the dtypes, everything else on
 * the primitive's reference implementation (control flow is not a library step: {@link
 * ControlFlowStep}). The results become the values' storage (no copy into planned buffers),
 * except {@code concatenate}, which copies its operands' rows straight into its planned buffer
 * (no arrays wrapped or allocated per run: it runs in loop bodies, such as a stencil's fixed
 * ends, once per iteration).
 */
final class LibraryStep implements Step {
  private final Eqn call;
  private final int[] inputs;
  private final ShapedArray[] inAvals;
  private final int[] outputs;
  /** For {@code concatenate}: the elements each operand gives per row of the result; else null. */
  private final int[] chunk;
  /** For {@code concatenate}: the number of rows (the product of the axes before the axis). */
  private final int rows;

  LibraryStep(Eqn call, int[] inputs, ShapedArray[] inAvals, int[] outputs) {
    this.call = call;
    this.inputs = inputs;
    this.inAvals = inAvals;
    this.outputs = outputs;
    if (call.primitive() == Shaping.CONCATENATE && inputs.length > 0) {
      int axis = call.params().getInt("dimension");
      int[] dims = inAvals[0].shape().dims();
      long r = 1;
      for (int d = 0; d < axis; d++) {
        r *= dims[d];
      }
      rows = Math.toIntExact(r);
      chunk = new int[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        long n = 1;
        int[] di = inAvals[i].shape().dims();
        for (int d = axis; d < di.length; d++) {
          n *= di[d];
        }
        chunk[i] = Math.toIntExact(n);
      }
    } else {
      rows = 0;
      chunk = null;
    }
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    if (chunk != null) {
      concatenate(env, buffers);
      return;
    }
    List<Array> args = new ArrayList<>(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      args.add(Array.wrap(inAvals[i], HostBuffer.wrap(inAvals[i].dtype(), env[inputs[i]])));
    }
    List<Array> res = apply(call, args);
    for (int o = 0; o < outputs.length; o++) {
      env[outputs[o]] = res.get(o).host().data();
    }
  }

  /** Row {@code r} of the result is row {@code r} of each operand, in order. */
  private void concatenate(Object[] env, Buffers buffers) {
    Object dst = buffers.of(outputs[0]);
    int at = 0;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < chunk.length; i++) {
        if (chunk[i] > 0) {
          System.arraycopy(env[inputs[i]], r * chunk[i], dst, at, chunk[i]);
          at += chunk[i];
        }
      }
    }
    env[outputs[0]] = dst;
  }

  /** One equation on the library kernels or the reference implementation. */
  static List<Array> apply(Eqn e, List<Array> in) {
    Array r = null;
    if (e.primitive() == Dot.DOT_GENERAL) {
      r = DotGeneralOp.apply(in.get(0), in.get(1), e.params(), e.outputs().get(0).aval());
    } else if (e.primitive() == Convolution.CONV_GENERAL_DILATED) {
      r = ConvOp.apply(in.get(0), in.get(1), e.params(), e.outputs().get(0).aval());
    }
    return r != null ? List.of(r) : e.primitive().impl(in, e.params());
  }

  @Override
  public boolean generated() {
    return false;
  }
}
