package org.jaxpresso.core.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.ad.LinearOps;
import org.jaxpresso.core.errors.JaxValueError;

/** {@code vmap} over functions of flat lists of arrays. */
public final class Batching {
  private Batching() {}

  /**
   * Maps {@code f} over dimension {@code inDims[i]} of each argument ({@link
   * Primitive#NOT_MAPPED} for arguments shared by every element) and returns outputs stacked
   * along {@code outDims[j]} (not mapped: the output must not depend on the batch).
   *
   * @param f the function to map, from arguments to outputs
   * @param args the arguments, arrays or tracers
   * @param inDims the batched dimension of each argument, or {@code -1} where not batched
   * @param outDims for each output, the dimension to put the batch in
   * @return outputs stacked along {@code outDims[j]} (not mapped: the output must not depend on the
   *     batch)
   * @throws JaxValueError if no argument is mapped, the mapped sizes differ, or an axis is out
   *     of range, in JAX's words
   */
  public static List<NDArray> vmap(Function<List<NDArray>, List<NDArray>> f, List<NDArray> args,
      int[] inDims, Function<Integer, Integer> outDims) {
    int size = -1;
    for (int i = 0; i < args.size(); i++) {
      int d = inDims[i];
      if (d == Primitive.NOT_MAPPED) {
        continue;
      }
      int rank = args.get(i).aval().rank();
      if (d < 0 || d >= rank) {
        throw new JaxValueError("vmap was requested to map its argument along axis " + d
            + ", which implies that its rank should be at least " + (d + 1) + ", but is only "
            + rank + " (its shape is " + args.get(i).aval().shape() + ")");
      }
      int n = args.get(i).aval().shape().dim(d);
      if (size >= 0 && n != size) {
        throw new JaxValueError("vmap got inconsistent sizes for array axes to be mapped:\n"
            + "argument " + i + " has size " + n + " along axis " + d + ", but an earlier"
            + " argument has size " + size);
      }
      size = n;
    }
    if (size < 0) {
      throw new JaxValueError("vmap must have at least one non-None value in in_axes");
    }
    BatchTrace trace = new BatchTrace(Trace.current(), size);
    List<NDArray> in = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      in.add(inDims[i] == Primitive.NOT_MAPPED ? args.get(i)
          : new BatchTracer(trace, args.get(i), inDims[i]));
    }
    List<NDArray> out = Trace.with(trace, () -> f.apply(in));
    List<NDArray> result = new ArrayList<>();
    for (int j = 0; j < out.size(); j++) {
      NDArray o = out.get(j);
      Integer want = outDims.apply(j);
      if (o instanceof BatchTracer t && t.trace() == trace) {
        if (want == null) {
          throw new JaxValueError("vmap has mapped output but out_axes is None");
        }
        int w = want < 0 ? want + o.aval().rank() + 1 : want;
        result.add(t.batchDim() == w ? t.value() : LinearOps.get().moveAxis(t.value(),
            t.batchDim(), w));
      } else if (want == null) {
        result.add(o);
      } else {
        int w = want < 0 ? want + o.aval().rank() + 1 : want;
        result.add(LinearOps.get().broadcastAxis(o, size, w));
      }
    }
    return result;
  }
}
