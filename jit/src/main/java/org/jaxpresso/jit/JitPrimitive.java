package org.jaxpresso.jit;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.core.jaxpr.Var;

/**
 * The {@code jit} call primitive (JAX's {@code pjit}, printed {@code jit} since 0.7): a call of a
 * closed sub-jaxpr, with params {@code name} and {@code jaxpr}. A jitted function called while
 * another function is being traced becomes one such equation rather than being inlined.
 */
public final class JitPrimitive {
  private JitPrimitive() {}

  /** {@code outs = jit[name=... jaxpr=...] ins}. */
  public static final Primitive JIT = Primitive.builder("jit")
      .family("call")
      .multipleResults()
      .abstractEval((avals, params) -> {
        ClosedJaxpr j = params.get("jaxpr", ClosedJaxpr.class);
        List<Var> invars = j.jaxpr().invars();
        if (avals.size() != invars.size()) {
          throw new JaxTypeError("jit " + params.get("name") + " takes " + invars.size()
              + " arguments, got " + avals.size());
        }
        for (int i = 0; i < avals.size(); i++) {
          ShapedArray want = invars.get(i).aval();
          ShapedArray got = avals.get(i);
          if (!want.shape().equals(got.shape()) || want.dtype() != got.dtype()) {
            throw new JaxTypeError("jit " + params.get("name") + " argument " + i + " has type "
                + got.str() + " but the jaxpr expects " + want.str());
          }
        }
        List<ShapedArray> out = new ArrayList<>();
        for (Atom a : j.jaxpr().outvars()) {
          out.add(a.aval());
        }
        return out;
      })
      .impl((args, params) -> JaxprInterpreter.eval(params.get("jaxpr", ClosedJaxpr.class), args))
      .build();
}
