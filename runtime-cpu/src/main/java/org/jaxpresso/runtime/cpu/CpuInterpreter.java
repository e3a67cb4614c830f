package org.jaxpresso.runtime.cpu;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.JitPrimitive;
import org.jaxpresso.lax.primitives.Convolution;
import org.jaxpresso.lax.primitives.Dot;
import org.jaxpresso.runtime.cpu.ops.ConvOp;
import org.jaxpresso.runtime.cpu.ops.DotGeneralOp;

/**
 * The CPU backend's executor until the fusing compiler lands: it walks a jaxpr equation by
 * equation like {@link org.jaxpresso.core.jaxpr.JaxprInterpreter}, but runs {@code dot_general}
 * and {@code conv_general_dilated} on the GEMM kernels ({@link DotGeneralOp}, {@link ConvOp})
 * and evaluates nested {@code jit} calls itself, so their heavy equations use the kernels too.
 * Everything else, and heavy equations whose dtypes the kernels do not take (integers, bool),
 * run the primitives' reference implementations.
 */
final class CpuInterpreter {
  private CpuInterpreter() {}

  /**
   * Runs {@code program} on {@code args}.
   *
   * @throws IllegalArgumentException if the number of arguments is wrong or a constant is
   *     traced
   */
  static List<Array> eval(ClosedJaxpr program, List<Array> args) {
    Jaxpr j = program.jaxpr();
    if (args.size() != j.invars().size()) {
      throw new IllegalArgumentException(
          "jaxpr takes " + j.invars().size() + " arguments, got " + args.size());
    }
    Map<Var, Array> env = new IdentityHashMap<>();
    for (int i = 0; i < j.constvars().size(); i++) {
      NDArray c = program.consts().get(i);
      if (!(c instanceof Array a)) {
        throw new IllegalArgumentException(
            "cannot evaluate a jaxpr whose constant " + i + " is traced");
      }
      env.put(j.constvars().get(i), a);
    }
    for (int i = 0; i < args.size(); i++) {
      env.put(j.invars().get(i), args.get(i));
    }
    for (Eqn e : j.eqns()) {
      List<Array> in = new ArrayList<>(e.inputs().size());
      for (Atom a : e.inputs()) {
        in.add(read(env, a));
      }
      List<Array> out = apply(e, in);
      for (int k = 0; k < e.outputs().size(); k++) {
        Var v = e.outputs().get(k);
        if (!v.isDropVar()) {
          env.put(v, out.get(k));
        }
      }
    }
    List<Array> result = new ArrayList<>(j.outvars().size());
    for (Atom a : j.outvars()) {
      result.add(read(env, a));
    }
    return result;
  }

  /** One equation: a kernel where there is one for it, else the reference implementation. */
  static List<Array> apply(Eqn e, List<Array> in) {
    Array r = null;
    if (e.primitive() == Dot.DOT_GENERAL) {
      r = DotGeneralOp.apply(in.get(0), in.get(1), e.params(), e.outputs().get(0).aval());
    } else if (e.primitive() == Convolution.CONV_GENERAL_DILATED) {
      r = ConvOp.apply(in.get(0), in.get(1), e.params(), e.outputs().get(0).aval());
    } else if (e.primitive() == JitPrimitive.JIT) {
      return eval(e.params().get("jaxpr", ClosedJaxpr.class), in);
    }
    return r != null ? List.of(r) : e.primitive().impl(in, e.params());
  }

  private static Array read(Map<Var, Array> env, Atom a) {
    return switch (a) {
      case Literal l -> l.value();
      case Var v -> {
        Array x = env.get(v);
        if (x == null) {
          throw new IllegalStateException("jaxpr reads variable " + v + " before it is defined");
        }
        yield x;
      }
    };
  }
}
