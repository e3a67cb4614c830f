package org.jaxpresso.jit;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.Pytree;

/**
 * A function traced ahead of time for one signature ({@code jax.stages.Lowered}): its jaxpr,
 * input types and output structure. {@link #compile()} gives a {@link Compiled} that runs
 * without retracing.
 *
 * <pre>{@code
 * Compiled c = Jax.jit(f).lower(x).compile();
 * NDArray y = (NDArray) c.call(x);
 * }</pre>
 */
public final class Lowered {
  private final String name;
  private final ClosedJaxpr jaxpr;
  private final List<ShapedArray> inAvals;
  private final Pytree.TreeDef outTree;
  private final Supplier<Executable> executable;
  private final Function<Object[], List<NDArray>> leaves;

  Lowered(String name, ClosedJaxpr jaxpr, List<ShapedArray> inAvals, Pytree.TreeDef outTree,
      Supplier<Executable> executable, Function<Object[], List<NDArray>> leaves) {
    this.name = name;
    this.jaxpr = jaxpr;
    this.inAvals = List.copyOf(inAvals);
    this.outTree = outTree;
    this.executable = executable;
    this.leaves = leaves;
  }

  /**
   * The traced program.
   *
   * @return the traced program
   */
  public ClosedJaxpr jaxpr() {
    return jaxpr;
  }

  /**
   * The avals of the dynamic argument leaves it was traced for.
   *
   * @return the avals of the dynamic argument leaves it was traced for
   */
  public List<ShapedArray> inAvals() {
    return inAvals;
  }

  /**
   * The program's text (the jaxpr: jaxpresso lowers jaxprs directly to its backends).
   *
   * @return the program's text (the jaxpr: jaxpresso lowers jaxprs directly to its backends)
   */
  public String asText() {
    return jaxpr.toString();
  }

  /**
   * Compiles with the default backend.
   *
   * @return the compiled function, for the default backend
   */
  public Compiled compile() {
    return new Compiled(name, jaxpr, inAvals, outTree, executable.get(), leaves);
  }
}
