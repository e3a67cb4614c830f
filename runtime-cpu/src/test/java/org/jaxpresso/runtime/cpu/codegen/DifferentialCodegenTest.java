package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * Random small programs (random shapes and dtypes, chains of elementwise ops with broadcasting,
 * transposes, reversals, slices, selects and reductions) compiled for the CPU and compared with
 * {@link org.jaxpresso.core.jaxpr.JaxprInterpreter}; a mismatch prints the seed and program.
 * Tolerances as in {@link CodegenTesting}: float32 1e-4 relative (vector transcendentals and
 * reassociated sums over chains of up to eight ops), float64 1e-10; integers exact, and
 * float16/bfloat16 exact too (their generated code is scalar and rounds after every op, as the
 * reference does).
 */
class DifferentialCodegenTest {
  private static final int PROGRAMS = 600;
  private static final int[] DIMS = {1, 2, 3, 5, 8, 17, 33};

  private int halfPrograms;

  @Test
  void randomProgramsAgreeWithTheInterpreter() {
    for (long seed = 1; seed <= PROGRAMS; seed++) {
      Random r = new Random(seed);
      DType dtype = switch (r.nextInt(7)) {
        case 0 -> DType.FLOAT64;
        case 1 -> DType.INT32;
        case 2 -> DType.FLOAT16;
        case 3 -> DType.BFLOAT16;
        default -> DType.FLOAT32;
      };
      int rank = 1 + r.nextInt(3);
      int[] shape = new int[rank];
      for (int d = 0; d < rank; d++) {
        shape[d] = DIMS[r.nextInt(DIMS.length)];
      }
      Array a = random(dtype, shape, r);
      Array b = random(dtype, shape, r);
      long opsSeed = r.nextLong();
      ClosedJaxpr p;
      try {
        p = Jax.makeJaxpr((NDArray x, NDArray y) -> chain(x, y, new Random(opsSeed)))
            .apply(a, b);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ": building the program failed", e);
      }
      double tol = dtype == DType.FLOAT64 ? 1e-10 : dtype == DType.FLOAT32 ? 1e-4 : 0;
      if (dtype == DType.FLOAT16 || dtype == DType.BFLOAT16) {
        halfPrograms++;
      }
      try {
        CodegenTesting.assertMatches(p, List.of(a, b), tol);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(halfPrograms > PROGRAMS / 10, "16-bit programs");
  }

  private static NDArray chain(NDArray x, NDArray y, Random r) {
    List<NDArray> pool = new ArrayList<>(List.of(x, y));
    boolean floating = x.aval().dtype().isFloating();
    int steps = 2 + r.nextInt(7);
    for (int s = 0; s < steps; s++) {
      NDArray a = pool.get(r.nextInt(pool.size()));
      NDArray b = pool.get(r.nextInt(pool.size()));
      NDArray c = switch (r.nextInt(floating ? 12 : 8)) {
        case 0 -> Lax.add(a, b);
        case 1 -> Lax.mul(a, b);
        case 2 -> Lax.sub(a, b);
        case 3 -> Lax.max(a, b);
        case 4 -> Lax.selectN(Lax.lt(a, b), a, b);
        case 5 -> reduceAndBroadcast(a, r);
        case 6 -> a.shape().length >= 2
            ? Lax.transpose(Lax.transpose(a, reversed(a.shape().length)),
                reversed(a.shape().length))
            : Lax.rev(a, 0);
        case 7 -> Lax.add(a, constant(floating ? 0.5f : 3f, a));
        case 8 -> Lax.sin(a);
        case 9 -> Lax.exp(Lax.neg(Lax.abs(a)));
        case 10 -> Lax.div(a, Lax.add(Lax.abs(b), constant(1f, b)));
        default -> Lax.sqrt(Lax.abs(Lax.tanh(a)));
      };
      pool.add(c);
    }
    NDArray last = pool.get(pool.size() - 1);
    return r.nextInt(3) == 0 ? Lax.reduceSum(last, 0) : last;
  }

  private static NDArray constant(float v, NDArray like) {
    return Lax.broadcastInDim(Array.fromDoubles(like.aval().dtype(), new double[] {v}),
        like.shape(), new int[0]);
  }

  private static NDArray reduceAndBroadcast(NDArray a, Random r) {
    int[] shape = a.shape();
    int axis = r.nextInt(shape.length);
    NDArray red = switch (r.nextInt(3)) {
      case 0 -> Lax.reduceSum(a, axis);
      case 1 -> Lax.reduceMax(a, axis);
      default -> Lax.reduceMin(a, axis);
    };
    int[] dims = new int[shape.length - 1];
    for (int d = 0, k = 0; d < shape.length; d++) {
      if (d != axis) {
        dims[k++] = d;
      }
    }
    return Lax.broadcastInDim(red, shape, dims);
  }

  private static int[] reversed(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = n - 1 - i;
    }
    return p;
  }

  private static Array random(DType dtype, int[] shape, Random r) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = dtype == DType.INT32 ? r.nextInt(21) - 10 : r.nextDouble() * 4 - 2;
    }
    return dtype == DType.INT32 ? (Array) Lax.convertElementType(Array.fromDoubles(DType.FLOAT32,
        v, shape), DType.INT32) : Array.fromDoubles(dtype, v, shape);
  }
}
