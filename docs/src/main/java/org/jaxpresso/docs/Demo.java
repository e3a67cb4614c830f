package org.jaxpresso.docs;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.Lax;

/**
 * The main job until the tour lands: a few cells of "How to think in JAX" that the foundation
 * already supports (strict lax, weak types, JAX's printing), run on the default backend.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo, printing each cell and its result. */
  public static void main(String[] args) {
    System.out.println("jaxpresso demo, backend: " + Backends.defaultBackend().platform());
    cell("Lax.add(1, 1)", () -> Lax.add(1, 1).repr());
    cell("Lax.add(1.0, 2.0)", () -> Lax.add(1.0, 2.0).repr());
    cell("Lax.add(Array.scalar(1, FLOAT32), 1.0)", () -> Lax.add(Array.scalar(1.0, DType.FLOAT32), 1.0).repr());
    cell("Lax.add(1, 1.0)", () -> Lax.add(1, 1.0).repr());
    Array x = Array.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
    Array row = Array.of(new float[] {10, 20, 30}, 1, 3);
    cell("Lax.add(x[2,3], row[1,3])", () -> Lax.add(x, row).repr());
  }

  private static void cell(String code, java.util.function.Supplier<String> body) {
    System.out.println(">>> " + code);
    try {
      System.out.println(body.get());
    } catch (JaxTypeError e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
