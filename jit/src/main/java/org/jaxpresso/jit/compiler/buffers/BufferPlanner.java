package org.jaxpresso.jit.compiler.buffers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * Plans buffers by liveness. Walking the kernels in order, each result of a kernel takes a free
 * buffer of the same dtype and element count if there is one, else a new buffer; after a kernel
 * runs, the buffers of values it was the last to read (or that nothing reads) become free.
 * Buffers are freed only after the kernel, so a kernel never writes a buffer it reads. Program
 * outputs always get fresh buffers that are never reused.
 */
public final class BufferPlanner {
  private BufferPlanner() {}

  /** The buffer plan of {@code program}. */
  public static BufferPlan plan(KernelProgram program) {
    int nv = program.values().size();
    List<Kernel> kernels = program.kernels();
    int[] lastUse = new int[nv];
    Arrays.fill(lastUse, -1);
    for (Kernel k : kernels) {
      for (int v : k.inputs()) {
        lastUse[v] = Math.max(lastUse[v], k.id());
      }
    }
    Set<Integer> outputs = new HashSet<>(program.outputs());
    Integer[] bufferOf = new Integer[nv];
    Arrays.fill(bufferOf, -1);
    List<ShapedArray> specs = new ArrayList<>();
    List<Boolean> isOutput = new ArrayList<>();
    List<List<Integer>> holds = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (Kernel k : kernels) {
      for (int v : k.outputs()) {
        ShapedArray aval = program.values().get(v).aval();
        int b = -1;
        if (!outputs.contains(v)) {
          for (int f : free) {
            ShapedArray s = specs.get(f);
            if (s.dtype() == aval.dtype() && s.size() == aval.size()) {
              b = f;
              break;
            }
          }
        }
        if (b >= 0) {
          free.remove(Integer.valueOf(b));
        } else {
          b = specs.size();
          specs.add(aval);
          isOutput.add(outputs.contains(v));
          holds.add(new ArrayList<>());
        }
        bufferOf[v] = b;
        holds.get(b).add(v);
      }
      for (int v : k.inputs()) {
        release(v, k.id(), lastUse, bufferOf, outputs, free);
      }
      for (int v : k.outputs()) {
        release(v, k.id(), lastUse, bufferOf, outputs, free);
      }
    }
    List<BufferPlan.Buffer> buffers = new ArrayList<>();
    for (int b = 0; b < specs.size(); b++) {
      buffers.add(new BufferPlan.Buffer(specs.get(b).dtype(),
          Math.toIntExact(specs.get(b).size()), isOutput.get(b), holds.get(b)));
    }
    return new BufferPlan(Arrays.asList(bufferOf), buffers);
  }

  /** Frees {@code v}'s buffer if kernel {@code k} was its last reader (or it has none). */
  private static void release(int v, int k, int[] lastUse, Integer[] bufferOf,
      Set<Integer> outputs, List<Integer> free) {
    int b = bufferOf[v];
    if (b < 0 || outputs.contains(v) || lastUse[v] > k || free.contains(b)) {
      return;
    }
    if (lastUse[v] == k || lastUse[v] < 0) {
      free.add(b);
    }
  }
}
