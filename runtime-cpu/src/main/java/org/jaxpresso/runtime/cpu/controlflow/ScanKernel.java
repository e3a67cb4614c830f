package org.jaxpresso.runtime.cpu.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.internal.controlflow.StagedFunction;
import org.jaxpresso.lax.internal.controlflow.SubJaxprs;
import org.jaxpresso.lax.primitives.Scan;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * {@code scan[jaxpr length reverse ...]}: the body compiled once; a call runs it {@code length}
 * times (index descending when {@code reverse}), slicing each scanned operand along its leading
 * axis per step and copying each step's {@code y}s into output buffers allocated once per call,
 * at the step's index (so reversed ys stay in index order).
 */
final class ScanKernel implements ControlFlowKernel {
  private final CpuProgram body;
  private final int length;
  private final boolean reverse;
  private final int nconsts;
  private final int ncarry;
  private final List<ShapedArray> outAvals;
  private final ShapedArray[] xAvals;
  private final ShapedArray[] yAvals;
  private final ShapedArray[] stackedAvals;

  ScanKernel(Params params) {
    ClosedJaxpr j = SubJaxprs.jaxprParam("scan", params, "jaxpr");
    body = ControlFlowKernel.compileSub(j, "scan_body");
    length = params.getInt("length");
    reverse = params.getBoolean("reverse");
    nconsts = Scan.numConsts(params);
    ncarry = Scan.numCarry(params);
    outAvals = StagedFunction.outAvals(j.jaxpr());
    List<ShapedArray> in = StagedFunction.inAvals(j.jaxpr());
    xAvals = in.subList(nconsts + ncarry, in.size()).toArray(ShapedArray[]::new);
    yAvals = outAvals.subList(ncarry, outAvals.size()).toArray(ShapedArray[]::new);
    stackedAvals = new ShapedArray[yAvals.length];
    for (int k = 0; k < yAvals.length; k++) {
      int[] dims = yAvals[k].shape().dims();
      int[] s = new int[dims.length + 1];
      s[0] = length;
      System.arraycopy(dims, 0, s, 1, dims.length);
      stackedAvals[k] = yAvals[k].withShape(Shape.of(s));
    }
  }

  @Override
  public List<Array> run(List<Array> args) {
    int nxs = xAvals.length;
    Array[] in = new Array[args.size()];
    for (int i = 0; i < nconsts + ncarry; i++) {
      in[i] = args.get(i);
    }
    Object[] xs = new Object[nxs];
    int[] xSize = new int[nxs];
    for (int k = 0; k < nxs; k++) {
      Array x = args.get(nconsts + ncarry + k);
      xs[k] = x.host().data();
      xSize[k] = Math.toIntExact(xAvals[k].size());
    }
    HostBuffer[] ys = new HostBuffer[yAvals.length];
    int[] ySize = new int[yAvals.length];
    for (int k = 0; k < ys.length; k++) {
      ySize[k] = Math.toIntExact(yAvals[k].size());
      ys[k] = HostBuffer.allocate(yAvals[k].dtype(), Math.multiplyExact(ySize[k], length));
    }
    List<Array> inList = Arrays.asList(in);
    for (int step = 0; step < length; step++) {
      int i = reverse ? length - 1 - step : step;
      for (int k = 0; k < nxs; k++) {
        HostBuffer b = HostBuffer.allocate(xAvals[k].dtype(), xSize[k]);
        System.arraycopy(xs[k], i * xSize[k], b.data(), 0, xSize[k]);
        in[nconsts + ncarry + k] = Array.wrap(xAvals[k], b);
      }
      List<Array> out = body.execute(inList);
      for (int c = 0; c < ncarry; c++) {
        in[nconsts + c] = out.get(c);
      }
      for (int k = 0; k < ys.length; k++) {
        Object y = out.get(ncarry + k).host().data();
        System.arraycopy(y, 0, ys[k].data(), i * ySize[k], ySize[k]);
      }
    }
    List<Array> result = new ArrayList<>(ncarry + ys.length);
    for (int c = 0; c < ncarry; c++) {
      result.add(ControlFlowKernel.typed(in[nconsts + c], outAvals.get(c)));
    }
    for (int k = 0; k < ys.length; k++) {
      result.add(Array.wrap(stackedAvals[k], ys[k]));
    }
    return result;
  }
}
