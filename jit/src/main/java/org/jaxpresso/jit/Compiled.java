package org.jaxpresso.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.Pytree;

/**
 * A program compiled ahead of time ({@code jax.stages.Compiled}): callable only with arguments
 * of the types it was compiled for; it never retraces.
 *
 * <pre>{@code
 * Compiled c = Jax.jit((NDArray x) -> x.mul(2)).lower(Jnp.ones(3)).compile();
 * c.call(Jnp.zeros(3));   // [0. 0. 0.]
 * c.call(Jnp.zeros(4));   // JaxTypeError: Argument types differ from the types for which this
 *                         //   computation was compiled. ...
 * }</pre>
 */
public final class Compiled {
  private final String name;
  private final ClosedJaxpr jaxpr;
  private final List<ShapedArray> inAvals;
  private final Pytree.TreeDef outTree;
  private final Executable executable;
  private final Function<Object[], List<NDArray>> leaves;

  Compiled(String name, ClosedJaxpr jaxpr, List<ShapedArray> inAvals, Pytree.TreeDef outTree,
      Executable executable, Function<Object[], List<NDArray>> leaves) {
    this.name = name;
    this.jaxpr = jaxpr;
    this.inAvals = inAvals;
    this.outTree = outTree;
    this.executable = executable;
    this.leaves = leaves;
  }

  /**
   * Runs the compiled program on concrete arguments (static arguments must be passed again, as
   * at lowering; they are not used).
   *
   * @param args the arguments, static ones included, in the function's order
   * @return the outputs
   * @throws JaxTypeError listing every argument whose type differs from the compiled one
   */
  public Object call(Object... args) {
    List<NDArray> in = leaves.apply(args);
    List<String> mismatches = new ArrayList<>();
    if (in.size() != inAvals.size()) {
      mismatches.add("compiled for " + inAvals.size() + " array arguments, called with " + in.size());
    } else {
      for (int i = 0; i < in.size(); i++) {
        ShapedArray got = in.get(i).aval();
        ShapedArray want = inAvals.get(i);
        if (!got.shape().equals(want.shape()) || got.dtype() != want.dtype()) {
          mismatches.add("Argument " + i + " compiled with " + want.str() + " and called with " + got.str());
        }
      }
    }
    if (!mismatches.isEmpty()) {
      throw new JaxTypeError("Argument types differ from the types for which this computation was compiled."
          + " Perhaps you are calling the compiled executable with a different x64 mode than when it was"
          + " compiled? The mismatches are:\n" + String.join("\n", mismatches));
    }
    List<Array> arrays = new ArrayList<>(in.size());
    for (NDArray a : in) {
      if (!(a instanceof Array arr)) {
        throw new JaxTypeError("a compiled " + name + " runs on concrete arrays; call the jitted function"
            + " inside traced code instead");
      }
      arrays.add(arr);
    }
    return Pytree.unflatten(outTree, executable.execute(arrays));
  }

  /**
   * The compiled program's jaxpr text.
   *
   * @return the compiled program's jaxpr text
   */
  public String asText() {
    return jaxpr.toString();
  }
}
