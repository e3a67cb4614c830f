package org.jaxpresso.lax;

import java.util.Collection;
import org.jaxpresso.core.Primitive;

/**
 * Loads every primitive family so that {@link Primitive#registered()} lists all of lax's
 * primitives (declarations are static fields, created when their family class loads).
 */
public final class LaxPrimitives {
  private LaxPrimitives() {}

  /**
   * Every lax primitive.
   *
   * @return every lax primitive
   */
  public static Collection<Primitive> all() {
    for (Class<?> family : families()) {
      try {
        Class.forName(family.getName(), true, family.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return Primitive.registered();
  }

  private static Class<?>[] families() {
    return new Class<?>[] {
      // ==== elementwise families ====
      org.jaxpresso.lax.primitives.Elementwise.class,
      org.jaxpresso.lax.primitives.Transcendental.class,
      org.jaxpresso.lax.primitives.Bitwise.class,
      org.jaxpresso.lax.primitives.Comparisons.class,
      org.jaxpresso.lax.primitives.Conversions.class,
      org.jaxpresso.lax.primitives.Selection.class,
      org.jaxpresso.lax.primitives.Polygamma.class,
      // ==== end elementwise families ====
      // ==== shaping families ====
      org.jaxpresso.lax.primitives.Shaping.class,
      org.jaxpresso.lax.primitives.Slicing.class,
      org.jaxpresso.lax.primitives.Gather.class,
      org.jaxpresso.lax.primitives.Scatter.class,
      // ==== end shaping families ====
      // ==== control flow families ====
      org.jaxpresso.lax.primitives.Cond.class,
      org.jaxpresso.lax.primitives.While.class,
      org.jaxpresso.lax.primitives.Scan.class,
      // ==== end control flow families ====
      // ==== reduction families ====
      org.jaxpresso.lax.primitives.Reductions.class,
      org.jaxpresso.lax.primitives.Cumulative.class,
      org.jaxpresso.lax.primitives.Sorting.class,
      org.jaxpresso.lax.primitives.Dot.class,
      org.jaxpresso.lax.primitives.Convolution.class,
      // ==== end reduction families ====
      org.jaxpresso.lax.primitives.Linalg.class,
    };
  }
}
