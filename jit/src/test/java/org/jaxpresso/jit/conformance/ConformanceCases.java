package org.jaxpresso.jit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.jit.JitPrimitive;
import org.jaxpresso.lax.LaxPrimitives;

/**
 * The conformance cases of every registered primitive, found by enumerating the primitive
 * registry ({@link Primitive#registered()} after loading lax's families and {@code jit}): a
 * primitive without a case is reported by {@link #missing()}, so a new primitive cannot go
 * untested.
 */
public final class ConformanceCases {
  private ConformanceCases() {}

  /**
   * Primitives that never reach a backend: {@code custom_lin} exists only between the
   * linearization of a {@code custom_vjp} function and its transposition (its impl raises
   * JAX's error), so no program a backend compiles contains it.
   */
  static final java.util.Set<String> NEVER_COMPILED = java.util.Set.of("custom_lin");

  /**
   * Every registered primitive a backend can be given (all but {@link #NEVER_COMPILED}), sorted
   * by name.
   *
   * @return the primitives' names
   */
  public static List<String> primitives() {
    LaxPrimitives.all();
    JitPrimitive.JIT.name();
    List<String> names = new ArrayList<>();
    for (Primitive p : Primitive.registered()) {
      if (!NEVER_COMPILED.contains(p.name())) {
        names.add(p.name());
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * The cases of {@code primitive}, or null when the suite has no builder for it.
   *
   * @param primitive the primitive's name
   * @return its cases (possibly empty when it accepts no dtype), or null
   */
  public static List<ConformanceCase> of(String primitive) {
    LaxPrimitives.all();
    List<ConformanceCase> c = ElementwiseCases.of(primitive);
    if (c == null) {
      c = ShapingCases.of(primitive);
    }
    if (c == null) {
      c = ReductionCases.of(primitive);
    }
    if (c == null) {
      c = ControlCases.of(primitive);
    }
    return c;
  }

  /**
   * Registered primitives without a case, each with the reason.
   *
   * @return primitive name to what is missing; empty when every primitive is covered
   */
  public static Map<String, String> missing() {
    Map<String, String> missing = new TreeMap<>();
    for (String p : primitives()) {
      List<ConformanceCase> c = of(p);
      if (c == null) {
        missing.put(p, "no conformance builder");
      } else if (c.isEmpty()) {
        missing.put(p, "no dtype accepted by its cases");
      }
    }
    return missing;
  }
}
