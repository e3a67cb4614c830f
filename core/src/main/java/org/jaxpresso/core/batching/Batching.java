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
    return vmap(f, args, inDims, outDims, null, null);
  }

  /**
   * {@link #vmap(Function, List, int[], Function)} with JAX's {@code axis_size} (the batch size
   * when no argument is mapped, checked against the mapped ones otherwise) and a description
   * of each argument for the error about inconsistent sizes ({@code args[0]['w']}, JAX's key
   * paths; null: {@code args[i]}).
   *
   * @param f the function to map, from arguments to outputs
   * @param args the arguments, arrays or tracers
   * @param inDims the batched dimension of each argument, or {@code -1} where not batched
   * @param outDims for each output, the dimension to put the batch in (null: not mapped)
   * @param axisSize the batch size, or null to take it from the mapped arguments
   * @param argNames each argument's key path for error messages, or null
   * @return the outputs, stacked along {@code outDims}
   * @throws JaxValueError if no argument is mapped and no axis size is given, the mapped sizes
   *     differ, or an axis is out of range, in JAX's words
   */
  public static List<NDArray> vmap(Function<List<NDArray>, List<NDArray>> f, List<NDArray> args,
      int[] inDims, Function<Integer, Integer> outDims, Integer axisSize, List<String> argNames) {
    int[] sizes = new int[args.size()];
    java.util.Map<Integer, Integer> counts = new java.util.LinkedHashMap<>();
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
      sizes[i] = args.get(i).aval().shape().dim(d);
      counts.merge(sizes[i], 1, Integer::sum);
    }
    if (counts.isEmpty() && axisSize == null) {
      throw new JaxValueError("vmap must have at least one non-None value in in_axes or"
          + " axis_size must be specified");
    }
    if (counts.size() > 1 || (axisSize != null && !counts.isEmpty()
        && !(counts.size() == 1 && counts.containsKey(axisSize)))) {
      throw new JaxValueError(inconsistentSizes(args, inDims, sizes, counts, axisSize,
          argNames));
    }
    int size = axisSize != null ? axisSize : counts.keySet().iterator().next();
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

  /** JAX's {@code _mapped_axis_size} message: sizes by frequency, one example of each. */
  private static String inconsistentSizes(List<NDArray> args, int[] inDims, int[] sizes,
      java.util.Map<Integer, Integer> counts, Integer axisSize, List<String> argNames) {
    List<java.util.Map.Entry<Integer, Integer>> byCount = new ArrayList<>(counts.entrySet());
    // Counter.most_common: by count, ties in first-seen order (a stable sort keeps it)
    byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    StringBuilder msg = new StringBuilder(
        "vmap got inconsistent sizes for array axes to be mapped:\n");
    if (axisSize != null) {
      msg.append("  * the `axis_size` argument was ").append(axisSize).append(";\n");
    }
    for (int k = 0; k < byCount.size(); k++) {
      int sz = byCount.get(k).getKey();
      int ct = byCount.get(k).getValue();
      int i = 0;
      while (inDims[i] == Primitive.NOT_MAPPED || sizes[i] != sz) {
        i++;
      }
      String name = argNames != null ? argNames.get(i) : "args[" + i + "]";
      org.jaxpresso.core.ShapedArray a = args.get(i).aval();
      String ex = name + " of type " + a.dtype().longName() + "[" + a.shape().compact() + "]";
      if (ct == 1) {
        msg.append("  * one axis had size ").append(sz).append(": axis ").append(inDims[i])
            .append(" of ").append(ex).append(";\n");
      } else {
        msg.append(k == 0 ? "  * most axes (" : "  * some axes (").append(ct)
            .append(" of them) had size ").append(sz).append(", e.g. axis ").append(inDims[i])
            .append(" of ").append(ex).append(";\n");
      }
    }
    return msg.substring(0, msg.length() - 2);
  }
}
