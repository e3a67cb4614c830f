package org.jaxpresso.jit.compiler.kir;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;

/**
 * The checks {@link KirVerifier} makes on a control-flow kernel: its operands and results
 * match its sub-programs' inputs and outputs (shape and dtype) in the layout {@link ControlFlow}
 * documents, and every sub-program is itself well formed (problems prefixed with where they
 * are).
 */
final class ControlFlowVerifier {
  private ControlFlowVerifier() {}

  /** Adds the problems of control-flow kernel {@code k} of {@code p} to {@code problems}. */
  static void verify(KernelProgram p, Kernel k, String at, List<String> problems) {
    ControlFlow cf = k.controlFlow();
    if (k.kind() != Kernel.Kind.LIBRARY || k.call() == null
        || !k.call().primitive().name().equals(cf.primitive())) {
      problems.add(at + "control flow " + cf.primitive() + " must be a library kernel calling "
          + cf.primitive());
    }
    List<ShapedArray> in = avals(p, k.inputs());
    List<ShapedArray> out = avals(p, k.outputs());
    switch (cf) {
      case ControlFlow.WhileLoop w -> {
        int cn = w.condConsts();
        int bn = w.bodyConsts();
        if (cn < 0 || bn < 0 || cn + bn > in.size()) {
          problems.add(at + "while has " + in.size() + " operands, fewer than cond_consts=" + cn
              + " plus body_consts=" + bn);
          return;
        }
        List<ShapedArray> carry = in.subList(cn + bn, in.size());
        List<ShapedArray> condIn = new ArrayList<>(in.subList(0, cn));
        condIn.addAll(carry);
        List<ShapedArray> bodyIn = new ArrayList<>(in.subList(cn, cn + bn));
        bodyIn.addAll(carry);
        match(at + "while cond inputs", inputs(w.cond()), condIn, problems);
        match(at + "while cond output", outputs(w.cond()),
            List.of(ShapedArray.of(DType.BOOL)), problems);
        match(at + "while body inputs", inputs(w.body()), bodyIn, problems);
        match(at + "while body outputs", outputs(w.body()), carry, problems);
        match(at + "while results", out, carry, problems);
      }
      case ControlFlow.Switch c -> {
        if (in.isEmpty() || !in.get(0).shape().equals(Shape.of())
            || in.get(0).dtype() != DType.INT32) {
          problems.add(at + "cond's first operand must be an int32 scalar index");
          return;
        }
        if (c.branches().isEmpty()) {
          problems.add(at + "cond has no branches");
        }
        for (int b = 0; b < c.branches().size(); b++) {
          KernelProgram br = c.branches().get(b);
          match(at + "cond branch " + b + " inputs", inputs(br), in.subList(1, in.size()),
              problems);
          match(at + "cond branch " + b + " outputs", outputs(br), out, problems);
        }
      }
      case ControlFlow.ScanLoop s -> {
        int nc = s.consts();
        int ncarry = s.carries();
        if (nc < 0 || ncarry < 0 || nc + ncarry > in.size() || s.length() < 0 || s.unroll() < 1) {
          problems.add(at + "scan has " + in.size() + " operands, consts=" + nc + " carries="
              + ncarry + " length=" + s.length() + " unroll=" + s.unroll());
          return;
        }
        List<ShapedArray> bodyIn = new ArrayList<>(in.subList(0, nc + ncarry));
        for (ShapedArray x : in.subList(nc + ncarry, in.size())) {
          bodyIn.add(unstacked(x, s.length(), at + "scanned operand ", problems));
        }
        List<ShapedArray> bodyOut = outputs(s.body());
        match(at + "scan body inputs", inputs(s.body()), bodyIn, problems);
        match(at + "scan body carry outputs",
            bodyOut.subList(0, Math.min(ncarry, bodyOut.size())), in.subList(nc, nc + ncarry),
            problems);
        List<ShapedArray> stacked = new ArrayList<>(bodyOut.subList(0, Math.min(ncarry,
            bodyOut.size())));
        for (ShapedArray y : bodyOut.subList(Math.min(ncarry, bodyOut.size()), bodyOut.size())) {
          int[] d = y.shape().dims();
          int[] sd = new int[d.length + 1];
          sd[0] = s.length();
          System.arraycopy(d, 0, sd, 1, d.length);
          stacked.add(y.withShape(Shape.of(sd)));
        }
        match(at + "scan results", out, stacked, problems);
      }
    }
    List<String> names = switch (cf) {
      case ControlFlow.WhileLoop w -> List.of("cond", "body");
      case ControlFlow.ScanLoop s -> List.of("body");
      case ControlFlow.Switch c -> {
        List<String> n = new ArrayList<>();
        for (int b = 0; b < c.branches().size(); b++) {
          n.add("branch " + b);
        }
        yield n;
      }
    };
    for (int i = 0; i < names.size(); i++) {
      for (String problem : KirVerifier.verify(cf.programs().get(i))) {
        problems.add(at + names.get(i) + ": " + problem);
      }
    }
  }

  private static ShapedArray unstacked(ShapedArray x, int length, String at,
      List<String> problems) {
    if (x.rank() == 0 || x.shape().dim(0) != length) {
      problems.add(at + x.shortStr() + " does not have leading axis length " + length);
      return x;
    }
    int[] d = x.shape().dims();
    return x.withShape(Shape.of(java.util.Arrays.copyOfRange(d, 1, d.length)));
  }

  private static void match(String what, List<ShapedArray> got, List<ShapedArray> want,
      List<String> problems) {
    boolean ok = got.size() == want.size();
    for (int i = 0; ok && i < got.size(); i++) {
      ok = got.get(i).dtype() == want.get(i).dtype()
          && got.get(i).shape().equals(want.get(i).shape());
    }
    if (!ok) {
      problems.add(what + " are " + shortStr(got) + ", expected " + shortStr(want));
    }
  }

  private static String shortStr(List<ShapedArray> avals) {
    List<String> s = new ArrayList<>();
    for (ShapedArray a : avals) {
      s.add(a.shortStr());
    }
    return "(" + String.join(", ", s) + ")";
  }

  private static List<ShapedArray> avals(KernelProgram p, List<Integer> ids) {
    List<ShapedArray> a = new ArrayList<>();
    for (int v : ids) {
      a.add(p.values().get(v).aval());
    }
    return a;
  }

  /** A program's input types, by argument number. */
  static List<ShapedArray> inputs(KernelProgram p) {
    ShapedArray[] a = new ShapedArray[p.inputCount()];
    for (KernelProgram.Value v : p.values()) {
      if (v.source() == KernelProgram.Source.INPUT) {
        a[v.position()] = v.aval();
      }
    }
    return List.of(a);
  }

  /** A program's output types. */
  static List<ShapedArray> outputs(KernelProgram p) {
    return avals(p, p.outputs());
  }
}
