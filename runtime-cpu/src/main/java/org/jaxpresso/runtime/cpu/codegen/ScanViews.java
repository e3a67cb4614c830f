package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * Which operands of a scan body run as views into the scan's stacked storage, so the frame
 * ({@link ScanFrame}) copies nothing per iteration for them:
 *
 * <ul>
 *   <li>a scanned element {@code x} is read at offset {@code i * size} in the stacked operand
 *       when every step reading it is a generated loop ({@link LoopStep#onViews}) and the body
 *       does not return it;
 *   <li>a {@code y} is written in place at offset {@code i * size} of the stacked result when
 *       the generated loop step computing it writes nothing else (or only other such ys of its
 *       size: the step's outputs share one base), every step reading it in the body is a
 *       generated loop, and the body returns it once as a y. A {@code y} that is also carry
 *       {@code c} (a cumulative scan's {@code (c, c)}) stays a view: the next iteration reads
 *       carry {@code c} in the stacked result, so carry input {@code c} must be read only by
 *       generated loops and not returned.
 * </ul>
 *
 * Everything else (a library or reference step reading {@code x}, a {@code y} forwarded from
 * an input) keeps the copies: such steps need a standalone array.
 *
 * @param xView per scanned operand, whether its element is read in place
 * @param yView per {@code y}, whether it is written in place
 * @param steps the body's steps, those touching views replaced by their view-running form
 */
record ScanViews(boolean[] xView, boolean[] yView, Step[] steps) {

  /** Plans the views of {@code body}, a scan body with {@code consts} and {@code ncarry}. */
  static ScanViews plan(SubProgram body, int consts, int ncarry) {
    KernelProgram p = body.program;
    Step[] steps = body.steps.clone();
    int nvalues = p.values().size();
    List<List<Integer>> readers = new ArrayList<>();
    for (int v = 0; v < nvalues; v++) {
      readers.add(new ArrayList<>());
    }
    for (int s = 0; s < steps.length; s++) {
      for (int v : p.kernels().get(s).inputs()) {
        readers.get(v).add(s);
      }
    }
    int xBase = consts + ncarry;
    int nx = body.inputIds.length - xBase;
    int ny = body.outputIds.length - ncarry;
    boolean[] view = new boolean[nvalues];
    boolean[] xView = new boolean[nx];
    for (int k = 0; k < nx; k++) {
      int v = body.inputIds[xBase + k];
      xView[k] = viewReaders(steps, readers.get(v)) && count(body.outputIds, v, 0) == 0;
      view[v] = xView[k];
    }
    boolean[] yView = new boolean[ny];
    for (int k = 0; k < ny; k++) {
      yView[k] = yCandidate(body, steps, readers, ncarry, consts, k);
    }
    // A step's outputs share one base: all of them views of one element size, or none.
    for (int k = 0; k < ny; k++) {
      if (!yView[k]) {
        continue;
      }
      int v = body.outputIds[ncarry + k];
      Kernel producer = p.kernels().get(p.values().get(v).position());
      long size = size(p, v);
      for (int w : producer.outputs()) {
        int y = indexOf(body.outputIds, w, ncarry);
        if (y < 0 || !yView[y - ncarry] || size(p, w) != size) {
          for (int w2 : producer.outputs()) {
            int y2 = indexOf(body.outputIds, w2, ncarry);
            if (y2 >= 0) {
              yView[y2 - ncarry] = false;
            }
          }
          break;
        }
      }
    }
    for (int k = 0; k < ny; k++) {
      if (yView[k]) {
        int v = body.outputIds[ncarry + k];
        view[v] = true;
        int c = indexOf(body.outputIds, v, 0);
        if (c >= 0 && c < ncarry) {
          view[body.inputIds[consts + c]] = true;
        }
      }
    }
    for (int s = 0; s < steps.length; s++) {
      if (!(steps[s] instanceof LoopStep l) || !l.viewable()) {
        continue;
      }
      boolean touches = false;
      for (int v : l.inputIds()) {
        touches |= view[v];
      }
      int[] outs = l.outputIds();
      boolean[] inPlace = new boolean[outs.length];
      for (int o = 0; o < outs.length; o++) {
        inPlace[o] = view[outs[o]];
        touches |= inPlace[o];
      }
      if (touches) {
        steps[s] = l.onViews(body.offSlot, inPlace);
      }
    }
    return new ScanViews(xView, yView, steps);
  }

  /** Whether y {@code k} can be written in place (before the shared-base check). */
  private static boolean yCandidate(SubProgram body, Step[] steps, List<List<Integer>> readers,
      int ncarry, int consts, int k) {
    KernelProgram p = body.program;
    int v = body.outputIds[ncarry + k];
    KernelProgram.Value value = p.values().get(v);
    if (value.source() != KernelProgram.Source.KERNEL
        || !(steps[value.position()] instanceof LoopStep l) || !l.viewable()
        || count(body.outputIds, v, ncarry) != 1 || count(body.outputIds, v, 0) > 2
        || !viewReaders(steps, readers.get(v))) {
      return false;
    }
    int c = indexOf(body.outputIds, v, 0);
    if (c >= ncarry) {
      return true;
    }
    int cin = body.inputIds[consts + c];
    return viewReaders(steps, readers.get(cin)) && count(body.outputIds, cin, 0) == 0;
  }

  /** Whether every step in {@code readers} can read views. */
  private static boolean viewReaders(Step[] steps, List<Integer> readers) {
    for (int s : readers) {
      if (!(steps[s] instanceof LoopStep l) || !l.viewable()) {
        return false;
      }
    }
    return true;
  }

  private static int count(int[] ids, int v, int from) {
    int n = 0;
    for (int i = from; i < ids.length; i++) {
      n += ids[i] == v ? 1 : 0;
    }
    return n;
  }

  private static int indexOf(int[] ids, int v, int from) {
    for (int i = from; i < ids.length; i++) {
      if (ids[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static long size(KernelProgram p, int v) {
    return p.values().get(v).aval().size();
  }
}
