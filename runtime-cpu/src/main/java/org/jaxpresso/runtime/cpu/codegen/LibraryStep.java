package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.lax.primitives.Convolution;
import org.jaxpresso.lax.primitives.Dot;
import org.jaxpresso.runtime.cpu.ops.ConvOp;
import org.jaxpresso.runtime.cpu.ops.DotGeneralOp;

/**
 * A library kernel: {@code dot_general} and {@code conv_general_dilated} on the packed SIMD
 * kernels ({@link DotGeneralOp}, {@link ConvOp}) where they take the dtypes, everything else on
 * the primitive's reference implementation (control flow is not a library step: {@link
 * ControlFlowStep}). The results become the values' storage (no copy into planned buffers).
 */
final class LibraryStep implements Step {
  private final Eqn call;
  private final int[] inputs;
  private final ShapedArray[] inAvals;
  private final int[] outputs;

  LibraryStep(Eqn call, int[] inputs, ShapedArray[] inAvals, int[] outputs) {
    this.call = call;
    this.inputs = inputs;
    this.inAvals = inAvals;
    this.outputs = outputs;
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    List<Array> args = new ArrayList<>(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      args.add(Array.wrap(inAvals[i], HostBuffer.wrap(inAvals[i].dtype(), env[inputs[i]])));
    }
    List<Array> res = apply(call, args);
    for (int o = 0; o < outputs.length; o++) {
      env[outputs[o]] = res.get(o).host().data();
    }
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
