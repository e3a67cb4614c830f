package org.jaxpresso.runtime.cpu.codegen;

/**
 * One run of a {@code scan}: the body's {@link LoopFrame}, the trip counter, the scanned
 * operands and the stacked outputs. Element {@code i} of each scanned operand is copied into
 * storage allocated once per run before iteration {@code i} (kernels read whole inputs from
 * offset 0), and each {@code y} is copied into its stacked output at index {@code i} after it.
 * The generated loop runs {@link #trips()} trips of {@code unroll} iterations ({@link
 * #enter()}, the body's steps, {@link #exit()}), then {@link #remainder()} single iterations.
 */
final class ScanFrame extends LoopFrame {
  private final int length;
  private final boolean reverse;
  private final int unroll;
  private final int xBase;
  private final int ncarry;
  private final Object[] xs;
  private final int[] xSize;
  private final Object[] xBuf;
  private final Object[] ys;
  private final int[] ySize;
  private int t;

  /**
   * A frame over the scan's operands {@code consts..., carry..., xs...}.
   *
   * @param body the body program
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
    super(body, consts, java.util.Arrays.copyOfRange(operands, consts, consts + ncarry));
    this.length = length;
    this.reverse = reverse;
    this.unroll = unroll;
    this.ncarry = ncarry;
    this.xBase = consts + ncarry;
    for (int i = 0; i < consts; i++) {
      bind(i, operands[i]);
    }
    int nx = operands.length - xBase;
    xs = new Object[nx];
    xSize = new int[nx];
    xBuf = new Object[nx];
    for (int k = 0; k < nx; k++) {
      var aval = body.program.values().get(body.inputIds[xBase + k]).aval();
      xs[k] = operands[xBase + k];
      xSize[k] = Math.toIntExact(aval.size());
      xBuf[k] = org.jaxpresso.core.backend.HostBuffer.allocate(aval.dtype(), xSize[k]).data();
      bind(xBase + k, xBuf[k]);
    }
    this.ys = ys;
    ySize = new int[ys.length];
    for (int k = 0; k < ys.length; k++) {
      int v = body.outputIds[ncarry + k];
      ySize[k] = Math.toIntExact(body.program.values().get(v).aval().size());
    }
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

  /** Before an iteration: element {@code i} of each scanned operand, the carry. */
  void enter() {
    int i = index();
    for (int k = 0; k < xs.length; k++) {
      System.arraycopy(xs[k], i * xSize[k], xBuf[k], 0, xSize[k]);
    }
    loadCarry();
  }

  /** After an iteration: the ys into their stacked outputs, the new carry. */
  void exit() {
    int i = index();
    for (int k = 0; k < ys.length; k++) {
      System.arraycopy(bodyEnv[body.outputIds[ncarry + k]], 0, ys[k], i * ySize[k], ySize[k]);
    }
    storeCarry(xBuf);
    t++;
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
