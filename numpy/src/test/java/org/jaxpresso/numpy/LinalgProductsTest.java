package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * dot, matmul, vdot, inner, outer and tensordot against NumPy over every dtype, mixed dtypes,
 * 0-d, 1-D, batched and empty shapes (references from tools/refgen/gen_numpy_linalg.py).
 */
class LinalgProductsTest {
  private static final List<LinalgReferenceCases.Case> CASES =
      LinalgReferenceCases.load("/ref/numpy_linalg_products.npz");

  static NDArray apply(LinalgReferenceCases.Case c) {
    NDArray a = c.inputs().get(0);
    NDArray b = c.inputs().get(1);
    return switch (c.op()) {
      case "dot" -> Jnp.dot(a, b);
      case "matmul" -> Jnp.matmul(a, b);
      case "vdot" -> Jnp.vdot(a, b);
      case "inner" -> Jnp.inner(a, b);
      case "outer" -> Jnp.outer(a, b);
      case "tensordot" -> {
        String axes = c.param("axes");
        if (axes.contains(":")) {
          String[] xy = axes.split(":");
          yield Jnp.tensordot(a, b, ints(xy[0]), ints(xy[1]));
        }
        yield Jnp.tensordot(a, b, Integer.parseInt(axes));
      }
      default -> throw new IllegalArgumentException(c.op());
    };
  }

  private static int[] ints(String dotted) {
    return Stream.of(dotted.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  @TestFactory
  Stream<DynamicTest> matchesNumpy() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      DType want = NumpySupport.resultType(c.inputs()).dtype();
      LinalgReferenceCases.check(c, apply(c), want);
    }));
  }

  @Test
  void coversEveryOpAndDtype() {
    for (String op : List.of("dot", "matmul", "vdot", "inner", "outer", "tensordot")) {
      for (DType d : DType.values()) {
        String name = d.toString();
        assertTrue(CASES.stream().anyMatch(c -> c.op().equals(op)
            && c.dtypes().equals(name + "," + name)), op + " " + name);
      }
    }
  }
}
