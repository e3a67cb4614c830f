package org.jaxpresso.runtime.cpu.codegen;

import java.util.concurrent.atomic.LongAdder;

/**
 * One run of a {@code scan}: the body's {@link LoopFrame}, the trip counter, the scanned
 * operands and the stacked outputs. Where the body's steps allow ({@link ScanViews}), element
 * {@code i} of a scanned operand is read in place at offset {@code i * size} of the stacked
 * operand, and a {@code y} is written in place at offset {@code i * size} of its stacked output;
 * the offsets go into the body's offset table before each iteration. Elements the body needs
 * standalone are copied into storage allocated once per frame, and ys it cannot write in place
 * are copied into their stacked output after the iteration ({@link #COPIES} counts both). The
 * generated loop runs {@link #trips()} trips of {@code unroll} iterations ({@link #enter()}, the
 * body's steps, {@link #exit()}), then {@link #remainder()} single iterations.
 */
final class ScanFrame extends LoopFrame {
  /** Slice copies made by all scan frames (scanned elements and ys), for tests. */
  static final LongAdder COPIES = new LongAdder();

  private final int length;
  private final boolean reverse;
  private final int unroll;
  private final int consts;
  private final int xBase;
  private final int ncarry;
  private final boolean[] xView;
  private final boolean[] yView;
  private final int[] xId;
  private final int[] xSize;
  private final Object[] xs;
  private final Object[] xBuf;
  private Object[] ys;
  private final int[] yId;
  private final int[] ySize;
  private int t;

  /**
   * A frame over the scan's operands {@code consts..., carry..., xs...}.
   *
   * @param body the body program (its {@link SubProgram#views} set when it runs on views)
   * @param consts the number of constants
   * @param ncarry the number of carries
   * @param length the number of iterations
   * @param reverse whether the index runs downward
   * @param unroll iterations per trip of the generated loop
   * @param operands the scan's operands' storage
   * @param ys the stacked outputs' storage, one per {@code y}
   */
  ScanFrame(SubProgram body, int consts, int ncarry, int length, boolean reverse, int unroll,
      Object[] operands, Object[] ys) {
    super(body, consts, ncarry);
    this.length = length;
    this.reverse = reverse;
    this.unroll = unroll;
    this.consts = consts;
    this.ncarry = ncarry;
    this.xBase = consts + ncarry;
    int nx = body.inputIds.length - xBase;
    int ny = body.outputIds.length - ncarry;
    xView = body.views != null ? body.views.xView() : new boolean[nx];
    yView = body.views != null ? body.views.yView() : new boolean[ny];
    xs = new Object[nx];
    xId = new int[nx];
    xSize = new int[nx];
    xBuf = new Object[nx];
    for (int k = 0; k < nx; k++) {
      xId[k] = body.inputIds[xBase + k];
      var aval = body.program.values().get(xId[k]).aval();
      xSize[k] = Math.toIntExact(aval.size());
      if (!xView[k]) {
        xBuf[k] = org.jaxpresso.core.backend.HostBuffer.allocate(aval.dtype(), xSize[k]).data();
      }
    }
    yId = new int[ny];
    ySize = new int[ny];
    for (int k = 0; k < ny; k++) {
      yId[k] = body.outputIds[ncarry + k];
      ySize[k] = Math.toIntExact(body.program.values().get(yId[k]).aval().size());
    }
    reset(operands, ys);
  }

  /** Starts a run over new operands and stacked outputs (a frame kept by a nested scan). */
  void reset(Object[] operands, Object[] ys) {
    for (int i = 0; i < consts; i++) {
      bind(i, operands[i]);
    }
    for (int k = 0; k < xs.length; k++) {
      xs[k] = operands[xBase + k];
      bind(xBase + k, xView[k] ? xs[k] : xBuf[k]);
    }
    this.ys = ys;
    resetCarry(operands, consts);
    t = 0;
  }

  /** The number of full trips of {@code unroll} iterations. */
  int trips() {
    return length / unroll;
  }

  /** The iterations left after the full trips. */
  int remainder() {
    return length % unroll;
  }

  private int index() {
    return reverse ? length - 1 - t : t;
  }

  /** Before an iteration: element {@code i} of each scanned operand, the ys' views, the carry. */
  void enter() {
    int i = index();
    for (int k = 0; k < xs.length; k++) {
      if (xView[k]) {
        bodyOff[xId[k]] = i * xSize[k];
      } else {
        System.arraycopy(xs[k], i * xSize[k], xBuf[k], 0, xSize[k]);
        COPIES.increment();
      }
    }
    for (int k = 0; k < ys.length; k++) {
      if (yView[k]) {
        bodyEnv[yId[k]] = ys[k];
        bodyOff[yId[k]] = i * ySize[k];
      }
    }
    loadCarry();
  }

  /** After an iteration: the ys not written in place into their stacked outputs, the carry. */
  void exit() {
    int i = index();
    for (int k = 0; k < ys.length; k++) {
      if (!yView[k]) {
        System.arraycopy(bodyEnv[yId[k]], bodyOff[yId[k]], ys[k], i * ySize[k], ySize[k]);
        COPIES.increment();
      }
    }
    storeCarry(xBuf);
    t++;
  }

  /** Whether carry {@code c} lives in a stacked output (a {@code y} written in place). */
  boolean inStack(int c) {
    return carryOff[c] != 0 || aliases(carry[c], ys);
  }

  /** Carry {@code c} once the loop ended, copied into {@code dst} (see {@link #inStack}). */
  Object carryResult(int c, Object dst) {
    System.arraycopy(carry[c], carryOff[c], dst, 0, carrySize[c]);
    return dst;
  }

  /** The loop without generated code: the same calls from a Java loop. */
  void interpret() {
    for (int s = 0; s < length; s++) {
      enter();
      body.runSteps(bodyEnv, bodyBuffers);
      exit();
    }
  }
}
