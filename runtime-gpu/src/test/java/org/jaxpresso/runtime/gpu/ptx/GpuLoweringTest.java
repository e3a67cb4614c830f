package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.lax.ConvOptions;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Padding;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.runtime.gpu.GpuCodegen;
import org.jaxpresso.runtime.gpu.GpuLowering;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GpuLowering}: every rewritten {@code dot_general} and convolution computes what the
 * original does (both programs run by the reference interpreter), leaves only products cuBLAS
 * takes directly, and compiles to kernels that {@code ptxas} assembles.
 */
class GpuLoweringTest {
  /** One case: a two-operand function and its operands. */
  record Case(String name, BiFunction<NDArray, NDArray, NDArray> fn, Array x, Array y,
      boolean rewritten) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Array ramp(DType d, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i * 0.61 + shape.length) * (1 + i % 3);
    }
    return Array.fromDoubles(d, v, shape);
  }

  static DotDimensionNumbers dn(int[] lc, int[] rc, int[] lb, int[] rb) {
    return new DotDimensionNumbers(lc, rc, lb, rb);
  }

  static Case dot(String name, DType d, int[] ls, int[] rs, DotDimensionNumbers dn,
      DType preferred, boolean rewritten) {
    return new Case("dot " + name + " " + d, (a, b) -> Lax.dotGeneral(a, b, dn,
        Precision.HIGHEST, preferred), ramp(d, ls), ramp(d, rs), rewritten);
  }

  static Case conv(String name, DType d, int[] ls, int[] rs, int[] strides, int[][] pad,
      ConvOptions o, boolean rewritten) {
    return new Case("conv " + name + " " + d, (a, b) -> Lax.convGeneralDilated(a, b, strides,
        Padding.of(pad), o.precision(Precision.HIGHEST)), ramp(d, ls), ramp(d, rs), rewritten);
  }

  static Stream<Case> cases() {
    int[] none = {};
    List<Case> c = new ArrayList<>();
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      c.add(dot("matmul", d, new int[] {3, 4}, new int[] {4, 5},
          dn(new int[] {1}, new int[] {0}, none, none), null, false));
      c.add(dot("lhs transposed", d, new int[] {4, 3}, new int[] {4, 5},
          dn(new int[] {0}, new int[] {0}, none, none), null, false));
      c.add(dot("rhs transposed", d, new int[] {3, 4}, new int[] {5, 4},
          dn(new int[] {1}, new int[] {1}, none, none), null, false));
      c.add(dot("vector", d, new int[] {4}, new int[] {4},
          dn(new int[] {0}, new int[] {0}, none, none), null, false));
      c.add(dot("batched", d, new int[] {2, 3, 4}, new int[] {2, 4, 5},
          dn(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0}), null, false));
      c.add(dot("two contracting", d, new int[] {2, 3, 4}, new int[] {3, 4, 5},
          dn(new int[] {1, 2}, new int[] {0, 1}, none, none), null, true));
      c.add(dot("batch not leading", d, new int[] {3, 2, 4}, new int[] {4, 2, 5},
          dn(new int[] {2}, new int[] {0}, new int[] {1}, new int[] {1}), null, true));
      c.add(dot("two free", d, new int[] {2, 3, 4}, new int[] {4, 5},
          dn(new int[] {2}, new int[] {0}, none, none), null, true));
      c.add(dot("outer", d, new int[] {3}, new int[] {4},
          dn(none, none, none, none), null, true));
      c.add(dot("empty contraction", d, new int[] {3, 0}, new int[] {0, 4},
          dn(new int[] {1}, new int[] {0}, none, none), null, true));
      c.add(conv("2d", d, new int[] {2, 3, 6, 5}, new int[] {4, 3, 3, 2}, new int[] {1, 1},
          new int[][] {{0, 0}, {0, 0}}, ConvOptions.defaults(), true));
      c.add(conv("strided padded dilated grouped", d, new int[] {1, 4, 7, 6},
          new int[] {6, 2, 3, 2}, new int[] {2, 1}, new int[][] {{1, 2}, {0, 1}},
          ConvOptions.defaults().lhsDilation(2, 1).rhsDilation(1, 2).featureGroupCount(2),
          true));
      c.add(conv("negative padding", d, new int[] {1, 2, 8, 8}, new int[] {3, 2, 3, 3},
          new int[] {1, 2}, new int[][] {{-1, 1}, {2, -2}}, ConvOptions.defaults(), true));
      c.add(conv("nhwc", d, new int[] {2, 5, 6, 3}, new int[] {3, 2, 3, 4},
          new int[] {1, 1}, new int[][] {{1, 1}, {1, 0}},
          ConvOptions.defaults().dimensionNumbers("NHWC", "HWIO", "NHWC"), true));
      c.add(conv("1d", d, new int[] {2, 3, 9}, new int[] {2, 3, 4}, new int[] {2},
          new int[][] {{1, 1}}, ConvOptions.defaults(), true));
      c.add(conv("3d", d, new int[] {1, 2, 4, 3, 5}, new int[] {2, 2, 2, 2, 3},
          new int[] {1, 1, 2}, new int[][] {{0, 1}, {1, 0}, {0, 0}}, ConvOptions.defaults(),
          true));
    }
    c.add(dot("bfloat16 to float32", DType.BFLOAT16, new int[] {3, 4}, new int[] {4, 5},
        dn(new int[] {1}, new int[] {0}, none, none), DType.FLOAT32, true));
    c.add(dot("float16", DType.FLOAT16, new int[] {3, 4}, new int[] {4, 5},
        dn(new int[] {1}, new int[] {0}, none, none), null, true));
    c.add(dot("int32 stays", DType.INT32, new int[] {3, 4}, new int[] {4, 5},
        dn(new int[] {1}, new int[] {0}, none, none), null, false));
    c.add(conv("bfloat16", DType.BFLOAT16, new int[] {1, 2, 5, 5}, new int[] {2, 2, 3, 3},
        new int[] {1, 1}, new int[][] {{1, 1}, {1, 1}}, ConvOptions.defaults(), true));
    c.add(conv("batch groups stay", DType.FLOAT32, new int[] {4, 2, 5, 5},
        new int[] {4, 2, 3, 3}, new int[] {1, 1}, new int[][] {{0, 0}, {0, 0}},
        ConvOptions.defaults().batchGroupCount(2), false));
    return c.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rewriteComputesTheSameAndAssembles(Case c) {
    ClosedJaxpr j = Jax.makeJaxpr((NDArray a, NDArray b) -> c.fn().apply(a, b)).apply(c.x(),
        c.y());
    ClosedJaxpr lowered = GpuLowering.lower(j);
    if (!c.rewritten()) {
      assertSame(j, lowered, "left as it is");
      return;
    }
    for (Eqn e : lowered.jaxpr().eqns()) {
      assertTrue(!e.primitive().name().equals("conv_general_dilated"), lowered::toString);
      assertTrue(!e.primitive().name().equals("concatenate"), lowered::toString);
    }
    Array want = JaxprInterpreter.eval(j, List.of(c.x(), c.y())).get(0);
    Array got = JaxprInterpreter.eval(lowered, List.of(c.x(), c.y())).get(0);
    assertEquals(want.aval(), got.aval());
    double tol = switch (want.aval().dtype()) {
      case FLOAT64 -> 1e-12;
      case FLOAT32 -> 1e-5;
      default -> 1e-2;
    };
    double[] w = want.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int i = 0; i < w.length; i++) {
      assertTrue(Math.abs(w[i] - g[i]) <= tol * Math.max(1, Math.abs(w[i])),
          c + " element " + i + ": want " + w[i] + ", got " + g[i]);
    }
    CompiledProgram p = Compiler.compile(lowered, "lowered", Dump.none());
    List<PtxKernel> kernels = GpuCodegen.generate(p, Dump.none()).stream()
        .filter(Objects::nonNull).toList();
    if (!kernels.isEmpty()) {
      PtxasAssumptions.assertAssembles(kernels, c.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyRemainingFloatingProductIsInCublasForm(Case c) {
    ClosedJaxpr lowered = GpuLowering.lower(Jax.makeJaxpr((NDArray a, NDArray b) -> c.fn()
        .apply(a, b)).apply(c.x(), c.y()));
    for (Eqn e : lowered.jaxpr().eqns()) {
      if (e.primitive().name().equals("dot_general")
          && e.inputs().get(0).aval().dtype().isFloating()) {
        assertTrue(!org.jaxpresso.runtime.gpu.GpuLoweringAccess.rewrites(e), e::toString);
      }
    }
  }
}
