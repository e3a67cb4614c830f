package org.jaxpresso.runtime.cpu.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.Dot;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/** {@code dot_general} on the CPU backend's GEMM against the reference implementation. */
class DotGeneralOpTest {
  private static final DType[] FLOATS = {
    DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16, DType.FLOAT16
  };

  /** A dot_general problem: operands and params. */
  private record Case(Array lhs, Array rhs, Params params, long terms) {
    @Override
    public String toString() {
      return "dot_general " + lhs.aval().str() + " x " + rhs.aval().str() + " "
          + params.get("dimension_numbers") + " preferred="
          + params.get("preferred_element_type");
    }
  }

  @Test
  void eagerCallsRunOnTheCpuBackend() {
    assertInstanceOf(CpuBackend.class, Backends.defaultBackend());
  }

  @Test
  void randomDimensionNumbersAndLayoutsMatchTheReference() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      DType dt = FLOATS[trial % FLOATS.length];
      Case c = randomCase(rnd, dt, dt, null);
      Array got = (Array) Dispatch.apply(Dot.DOT_GENERAL, c.params(), List.of(c.lhs(), c.rhs()))
          .get(0);
      Tolerance.check(Dot.DOT_GENERAL, c.params(), c.lhs(), c.rhs(), got, c.terms(),
          c.toString());
    }
  }

  @Test
  void mixedAndPreferredDtypes() {
    Random rnd = new Random(12);
    DType[][] combos = {
      {DType.FLOAT32, DType.FLOAT64, null},
      {DType.BFLOAT16, DType.BFLOAT16, DType.FLOAT32},
      {DType.FLOAT16, DType.FLOAT16, DType.FLOAT32},
      {DType.BFLOAT16, DType.FLOAT32, null},
      {DType.FLOAT16, DType.FLOAT16, DType.FLOAT64},
      {DType.FLOAT32, DType.FLOAT32, DType.FLOAT64},
      {DType.INT8, DType.INT8, DType.FLOAT32},
      {DType.INT32, DType.INT32, DType.FLOAT64},
    };
    for (int trial = 0; trial < 160; trial++) {
      DType[] combo = combos[trial % combos.length];
      Case c = randomCase(rnd, combo[0], combo[1], combo[2]);
      Array got = DotGeneralOp.apply(c.lhs(), c.rhs(), c.params(),
          Dot.DOT_GENERAL.abstractEval(List.of(c.lhs().aval(), c.rhs().aval()), c.params())
              .get(0));
      Tolerance.check(Dot.DOT_GENERAL, c.params(), c.lhs(), c.rhs(), got, c.terms(),
          c.toString());
    }
  }

  @Test
  void integerResultsRunTheIntegerGemmAndBoolOnesTheReference() {
    Random rnd = new Random(13);
    for (DType dt : new DType[] {DType.INT32, DType.INT8, DType.UINT16, DType.INT64,
        DType.UINT32, DType.UINT8}) {
      for (int trial = 0; trial < 20; trial++) {
        Case c = randomCase(rnd, dt, dt, null);
        Array got = DotGeneralOp.apply(c.lhs(), c.rhs(), c.params(), Dot.DOT_GENERAL
            .abstractEval(List.of(c.lhs().aval(), c.rhs().aval()), c.params()).get(0));
        assertSameInts(c, got);
      }
    }
    Array t = Array.of(new boolean[] {true, false, true, true}, 2, 2);
    Array got = (Array) Lax.dotGeneral(t, t, DotDimensionNumbers.of(new int[] {1}, new int[] {0}));
    assertEquals("[[True, False], [True, True]]", got.tolist().toString()
        .replace("true", "True").replace("false", "False"));
  }

  @Test
  void integerProductsOnVectorTilesWrapLikeTheReference() {
    Random rnd = new Random(16);
    // Sizes past the 4-row, two-vector tiles (n 70, 140), transposed B (copied), batches,
    // the pool (130 x 140 x 120), values whose sums wrap around int32, preferred int32 of
    // uint8 and int8 operands, an int8 result, int64.
    int[][] mnk = {{37, 70, 45}, {130, 140, 120}, {5, 3, 200}, {4, 32, 1}};
    DType[][] combos = {
      {DType.INT32, null}, {DType.INT64, null}, {DType.UINT32, null}, {DType.UINT8, DType.INT32},
      {DType.INT8, DType.INT32}, {DType.INT8, null}, {DType.UINT64, null},
    };
    for (int[] s : mnk) {
      for (DType[] combo : combos) {
        for (boolean transposedB : new boolean[] {false, true}) {
          DType dt = combo[0];
          Array lhs = big(rnd, dt, 2, s[0], s[2]);
          Array rhs = transposedB ? big(rnd, dt, 2, s[1], s[2]) : big(rnd, dt, 2, s[2], s[1]);
          DotDimensionNumbers dn = new DotDimensionNumbers(new int[] {2},
              new int[] {transposedB ? 2 : 1}, new int[] {0}, new int[] {0});
          Params params = Dot.params(dn, null, combo[1]);
          Case c = new Case(lhs, rhs, params, s[2]);
          Array got = DotGeneralOp.apply(lhs, rhs, params, Dot.DOT_GENERAL
              .abstractEval(List.of(lhs.aval(), rhs.aval()), params).get(0));
          assertSameInts(c, got);
        }
      }
    }
  }

  @Test
  void integerOperandsConvertToTheResultType() {
    Random rnd = new Random(17);
    // Operands whose storage is not the result's: sign and zero extension to int64, bool to
    // int32, int8 and uint8 to int32, an int16 result that wraps.
    DType[][] combos = {
      {DType.INT32, DType.INT64}, {DType.UINT32, DType.UINT64}, {DType.UINT8, DType.UINT64},
      {DType.INT8, DType.INT32}, {DType.UINT8, DType.INT32}, {DType.INT16, null},
      {DType.INT16, DType.INT64},
    };
    for (DType[] combo : combos) {
      for (boolean transposedB : new boolean[] {false, true}) {
        Array lhs = big(rnd, combo[0], 2, 9, 40);
        Array rhs = transposedB ? big(rnd, combo[0], 2, 35, 40) : big(rnd, combo[0], 2, 40, 35);
        DotDimensionNumbers dn = new DotDimensionNumbers(new int[] {2},
            new int[] {transposedB ? 2 : 1}, new int[] {0}, new int[] {0});
        Params params = Dot.params(dn, null, combo[1]);
        Array got = DotGeneralOp.apply(lhs, rhs, params, Dot.DOT_GENERAL
            .abstractEval(List.of(lhs.aval(), rhs.aval()), params).get(0));
        assertSameInts(new Case(lhs, rhs, params, 40), got);
      }
    }
    boolean[] bits = new boolean[6 * 7];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = rnd.nextBoolean();
    }
    Array t = Array.of(bits, 6, 7);
    Array u = Array.of(java.util.Arrays.copyOf(bits, 7 * 6), 7, 6);
    Params params = Dot.params(DotDimensionNumbers.of(new int[] {1}, new int[] {0}), null,
        DType.INT32);
    Array got = DotGeneralOp.apply(t, u, params, Dot.DOT_GENERAL
        .abstractEval(List.of(t.aval(), u.aval()), params).get(0));
    assertSameInts(new Case(t, u, params, 7), got);
  }

  /** Integers spread over the type's range (int32 sums of 100 terms overflow). */
  private static Array big(Random rnd, DType dt, int... shape) {
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    long[] v = new long[size];
    for (int i = 0; i < size; i++) {
      v[i] = switch (dt.bits()) {
        case 8 -> dt.isUnsigned() ? rnd.nextInt(256) : rnd.nextInt(256) - 128;
        case 16 -> dt.isUnsigned() ? rnd.nextInt(65536) : rnd.nextInt(65536) - 32768;
        case 32 -> dt.isUnsigned() ? rnd.nextInt() & 0xffffffffL : rnd.nextInt();
        default -> rnd.nextLong();
      };
    }
    return Array.fromLongs(dt, v, shape);
  }

  /** The kernel's result is the reference implementation's, element for element. */
  private static void assertSameInts(Case c, Array got) {
    Array want = (Array) Dot.DOT_GENERAL.impl(List.of(c.lhs(), c.rhs()), c.params()).get(0);
    assertEquals(want.dtype(), got.dtype(), c.toString());
    assertEquals(Arrays.toString(want.aval().shape().dims()),
        Arrays.toString(got.aval().shape().dims()), c.toString());
    for (int i = 0; i < want.aval().size(); i++) {
      assertEquals(want.getLong(i), got.getLong(i), c + " element " + i);
    }
  }

  @Test
  void oddMatrixSizesAndTransposes() {
    Random rnd = new Random(14);
    int[][] mkn = {
      {1, 1, 1}, {7, 7, 7}, {33, 33, 33}, {257, 33, 7}, {7, 257, 33}, {33, 7, 257},
      {1, 257, 257}, {257, 257, 1}, {257, 1, 33}, {120, 300, 130}, {257, 257, 257},
    };
    for (int[] s : mkn) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        for (int variant = 0; variant < 4; variant++) {
          boolean ta = (variant & 1) != 0;
          boolean tb = (variant & 2) != 0;
          Array a = Tolerance.random(rnd, dt, ta ? new int[] {s[1], s[0]} : new int[] {s[0], s[1]});
          Array b = Tolerance.random(rnd, dt, tb ? new int[] {s[2], s[1]} : new int[] {s[1], s[2]});
          DotDimensionNumbers dn =
              DotDimensionNumbers.of(new int[] {ta ? 0 : 1}, new int[] {tb ? 1 : 0});
          Params p = Dot.params(dn, null, null);
          Array got = (Array) Lax.dotGeneral(a, b, dn);
          Tolerance.check(Dot.DOT_GENERAL, p, a, b, got, s[1],
              Arrays.toString(s) + " " + dt + " variant " + variant);
        }
      }
    }
  }

  @Test
  void emptyDimensions() {
    int[][][] shapes = {
      {{0, 3}, {3, 4}}, {{3, 0}, {0, 4}}, {{3, 5}, {5, 0}}, {{0, 0}, {0, 0}},
    };
    for (int[][] s : shapes) {
      Array a = Array.fromDoubles(DType.FLOAT32, new double[s[0][0] * s[0][1]], s[0]);
      Array b = Array.fromDoubles(DType.FLOAT32, new double[s[1][0] * s[1][1]], s[1]);
      Array got = (Array) Lax.dot(a, b);
      assertEquals(List.of(s[0][0], s[1][1]),
          Arrays.stream(got.aval().shape().dims()).boxed().toList());
      for (int i = 0; i < got.aval().size(); i++) {
        assertEquals(0.0, got.getDouble(i));
      }
    }
    Array a = Array.fromDoubles(DType.FLOAT64, new double[0], 0, 2, 3);
    Array b = Array.fromDoubles(DType.FLOAT64, new double[0], 0, 3, 4);
    DotDimensionNumbers dn =
        new DotDimensionNumbers(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0});
    assertEquals("float64[0,2,4]", ((Array) Lax.dotGeneral(a, b, dn)).aval().str());
  }

  @Test
  void jittedProgramsAndNestedJitUseTheKernels() {
    Random rnd = new Random(15);
    Array x = Tolerance.random(rnd, DType.FLOAT32, 40, 50);
    Array y = Tolerance.random(rnd, DType.FLOAT32, 50, 30);
    DotDimensionNumbers dn = DotDimensionNumbers.of(new int[] {1}, new int[] {0});
    BiFunction<NDArray, NDArray, NDArray> inner = Jax.jit((a, b) -> Lax.dotGeneral(a, b, dn));
    BiFunction<NDArray, NDArray, NDArray> outer =
        Jax.jit((a, b) -> Lax.add(inner.apply(a, b), 1.0f));
    Array got = (Array) outer.apply(x, y);
    Params p = Dot.params(dn, null, null);
    Array ref = Dot.DOT_GENERAL.impl(List.of(x, y), p).get(0);
    Array shifted = Lax.sub(got, 1.0f) instanceof Array s ? s : null;
    Tolerance.check(Dot.DOT_GENERAL, p, x, y, shifted, 50, "jit(dot) + 1");
    assertEquals(ref.aval(), got.aval());
  }

  /** A random dot_general: batch, free and contracting dims placed at random axes. */
  private static Case randomCase(Random rnd, DType lt, DType rt, DType preferred) {
    int nb = rnd.nextInt(3);
    int nc = rnd.nextInt(3);
    int nlf = rnd.nextInt(3);
    int nrf = rnd.nextInt(3);
    boolean empty = rnd.nextInt(12) == 0;
    int[] bs = sizes(rnd, nb, new int[] {1, 2, 3});
    int[] cs = sizes(rnd, nc, new int[] {1, 3, 7, 33});
    int[] lfs = sizes(rnd, nlf, new int[] {1, 2, 5, 7, 17});
    int[] rfs = sizes(rnd, nrf, new int[] {1, 2, 5, 7, 19});
    if (empty) {
      int which = rnd.nextInt(4);
      int[] g = which == 0 ? bs : which == 1 ? cs : which == 2 ? lfs : rfs;
      if (g.length > 0) {
        g[rnd.nextInt(g.length)] = 0;
      }
    }
    int[] lperm = perm(rnd, nb + nlf + nc);
    int[] rperm = perm(rnd, nb + nc + nrf);
    int[] lshape = new int[lperm.length];
    int[] rshape = new int[rperm.length];
    int[] lb = new int[nb];
    int[] rb = new int[nb];
    int[] lc = new int[nc];
    int[] rc = new int[nc];
    for (int i = 0; i < nb; i++) {
      lb[i] = lperm[i];
      rb[i] = rperm[i];
      lshape[lb[i]] = bs[i];
      rshape[rb[i]] = bs[i];
    }
    for (int i = 0; i < nlf; i++) {
      lshape[lperm[nb + i]] = lfs[i];
    }
    for (int i = 0; i < nc; i++) {
      lc[i] = lperm[nb + nlf + i];
      rc[i] = rperm[nb + i];
      lshape[lc[i]] = cs[i];
      rshape[rc[i]] = cs[i];
    }
    for (int i = 0; i < nrf; i++) {
      rshape[rperm[nb + nc + i]] = rfs[i];
    }
    long terms = 1;
    for (int c : cs) {
      terms *= c;
    }
    Params p = Dot.params(new DotDimensionNumbers(lc, rc, lb, rb), null, preferred);
    return new Case(Tolerance.random(rnd, lt, lshape), Tolerance.random(rnd, rt, rshape), p,
        terms);
  }

  private static int[] sizes(Random rnd, int n, int[] choices) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = choices[rnd.nextInt(choices.length)];
    }
    return r;
  }

  private static int[] perm(Random rnd, int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    Collections.shuffle(l, rnd);
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
