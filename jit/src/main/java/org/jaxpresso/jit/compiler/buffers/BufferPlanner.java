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
 * Buffers are freed only after the kernel, so a kernel never writes a buffer it reads, with one
 * exception: a {@code dynamic_update_slice} or {@code scatter*} whose operand is an intermediate
 * that this kernel reads last takes over the operand's buffer and updates it in place. Program
 * outputs always get fresh buffers that are never reused.
 */
public final class BufferPlanner {
  private BufferPlanner() {}

  /**
   * The buffer plan of {@code program}.
   *
   * @param program the kernel program
   * @return the buffer plan of {@code program}
   */
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
    List<Integer> owner = new ArrayList<>();
    for (Kernel k : kernels) {
      int inPlace = inPlaceOperand(program, k, lastUse, bufferOf, outputs);
      for (int v : k.outputs()) {
        ShapedArray aval = program.values().get(v).aval();
        int b = -1;
        if (inPlace >= 0 && v == k.outputs().get(0)) {
          b = bufferOf[inPlace];
          owner.set(b, v);
          bufferOf[v] = b;
          holds.get(b).add(v);
          continue;
        }
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
          owner.add(v);
        }
        owner.set(b, v);
        bufferOf[v] = b;
        holds.get(b).add(v);
      }
      for (int v : k.inputs()) {
        release(v, k.id(), lastUse, bufferOf, owner, outputs, free);
      }
      for (int v : k.outputs()) {
        release(v, k.id(), lastUse, bufferOf, owner, outputs, free);
      }
    }
    List<BufferPlan.Buffer> buffers = new ArrayList<>();
    for (int b = 0; b < specs.size(); b++) {
      buffers.add(new BufferPlan.Buffer(specs.get(b).dtype(),
          Math.toIntExact(specs.get(b).size()), isOutput.get(b), holds.get(b)));
    }
    return new BufferPlan(Arrays.asList(bufferOf), buffers);
  }

  /**
   * The operand a library update kernel can overwrite in place, or -1: operand 0 of {@code
   * dynamic_update_slice} or a scatter, when it is an intermediate of the result's dtype and size
   * that no later kernel (and no other operand of this one) reads, and the result is not a
   * program output.
   */
  private static int inPlaceOperand(KernelProgram program, Kernel k, int[] lastUse,
      Integer[] bufferOf, Set<Integer> outputs) {
    if (k.kind() != Kernel.Kind.LIBRARY || k.outputs().size() != 1 || k.inputs().isEmpty()) {
      return -1;
    }
    String name = k.call().primitive().name();
    if (!name.equals("dynamic_update_slice") && !name.startsWith("scatter")) {
      return -1;
    }
    int operand = k.inputs().get(0);
    int out = k.outputs().get(0);
    ShapedArray a = program.values().get(operand).aval();
    ShapedArray r = program.values().get(out).aval();
    if (bufferOf[operand] < 0 || outputs.contains(operand) || outputs.contains(out)
        || lastUse[operand] != k.id() || k.inputs().lastIndexOf(operand) != 0
        || a.dtype() != r.dtype() || a.size() != r.size()) {
      return -1;
    }
    return operand;
  }

  /** Frees {@code v}'s buffer if kernel {@code k} was its last reader (or it has none). */
  private static void release(int v, int k, int[] lastUse, Integer[] bufferOf,
      List<Integer> owner, Set<Integer> outputs, List<Integer> free) {
    int b = bufferOf[v];
    if (b < 0 || owner.get(b) != v || outputs.contains(v) || lastUse[v] > k
        || free.contains(b)) {
      return;
    }
    if (lastUse[v] == k || lastUse[v] < 0) {
      free.add(b);
    }
  }
}
