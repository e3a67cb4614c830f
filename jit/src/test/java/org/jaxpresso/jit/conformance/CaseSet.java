package org.jaxpresso.jit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;

/**
 * Collects the cases of one primitive: each {@link #add} traces a function of the arguments;
 * a dtype the primitive rejects (JAX's {@code TypeError}/{@code ValueError} while tracing) adds
 * nothing, and a traced program that does not contain the primitive is an error.
 */
public final class CaseSet {
  private final String primitive;
  private final List<ConformanceCase> cases = new ArrayList<>();

  /**
   * A set for {@code primitive}.
   *
   * @param primitive the primitive's name
   */
  public CaseSet(String primitive) {
    this.primitive = primitive;
  }

  /**
   * Traces {@code fn} on {@code args} and adds the case, unless the primitive rejects the types.
   *
   * @param label what the case does
   * @param dtype the dtype the case is about
   * @param args the arguments
   * @param fn the program: arguments to an {@link NDArray} or a list of them
   * @return whether the case was added
   */
  public boolean add(String label, DType dtype, List<Array> args,
      Function<List<NDArray>, Object> fn) {
    ClosedJaxpr p;
    try {
      p = Jax.makeJaxpr((List<NDArray> xs) -> fn.apply(xs)).apply(new ArrayList<NDArray>(args));
    } catch (JaxTypeError | JaxValueError rejected) {
      return false;
    }
    if (!contains(p.jaxpr(), primitive)) {
      throw new IllegalStateException("the case " + label + " of " + primitive + " on " + dtype
          + " does not contain " + primitive + ":\n" + p);
    }
    cases.add(new ConformanceCase(primitive, label, dtype, p, List.copyOf(args)));
    return true;
  }

  /**
   * Adds a case for every dtype {@code fn} accepts, with arguments from {@code args}.
   *
   * @param label what the cases do
   * @param args the arguments for a dtype
   * @param fn the program
   */
  public void forEachDtype(String label, Function<DType, List<Array>> args,
      Function<List<NDArray>, Object> fn) {
    for (DType d : DType.values()) {
      add(label, d, args.apply(d), fn);
    }
  }

  private static boolean contains(Jaxpr j, String name) {
    for (Eqn e : j.eqns()) {
      if (e.primitive().name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The cases added.
   *
   * @return the cases
   */
  public List<ConformanceCase> cases() {
    return List.copyOf(cases);
  }
}
