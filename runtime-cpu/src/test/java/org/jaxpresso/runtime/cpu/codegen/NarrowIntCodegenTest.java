package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loop kernels over 8- and 16-bit integers and uint32 run generated scalar code that wraps to the width
 * after every op, and match the interpreter exactly (overflow, division by zero, the minimum
 * divided by -1, bitwise not of unsigned values, pads); bool kernels likewise over 0 or 1. With
 * the Vector API, chains that have a vector form run ByteVector/ShortVector loops (all-bool ones
 * on 0/1 byte lanes).
 */
class NarrowIntCodegenTest {
  private static Array data(DType d, int n, int seed) {
    long lo = d.isUnsigned() ? 0 : -(1L << (d.bits() - 1));
    long span = 1L << d.bits();
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i < 6 ? new long[] {lo, lo + span - 1, 0, 1, -1 - lo, lo + 1}[(i + seed) % 6]
          : lo + Math.floorMod((long) i * 2654435761L * (seed + 3) + seed, span);
      if (d.isUnsigned() && v[i] < 0) {
        v[i] = 0;
      }
    }
    return Array.fromLongs(d, v, n);
  }

  private static void check(BiFunction<NDArray, NDArray, NDArray> fn, Array x, Array y) {
    ClosedJaxpr p = Jax.makeJaxpr(fn).apply(x, y);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x, y), 0);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(),
        () -> p + "\n" + c.kernels() + c.report());
  }

  @ParameterizedTest
  @EnumSource(names = {"INT8", "UINT8", "INT16", "UINT16", "UINT32"})
  void arithmeticChainsWrapLikeTheReference(DType d) {
    for (int n : new int[] {1, 7, 4099}) {
      Array x = data(d, n, 0);
      Array y = data(d, n, 1);
      check((a, b) -> Lax.add(Lax.mul(a, b), Lax.sub(Lax.neg(a),
          d.isUnsigned() ? Lax.min(a, b) : Lax.abs(b))), x, y);
      check((a, b) -> Lax.max(Lax.div(a, b), Lax.rem(b, a)), x, y);
      check((a, b) -> Lax.selectN(Lax.lt(a, b), Lax.bitwiseNot(a), Lax.mul(b, b)), x, y);
      check((a, b) -> Lax.add(a, Lax.pad(Lax.mul(Lax.slice(b, new int[] {1},
          new int[] {n}), Lax.slice(a, new int[] {0}, new int[] {n - 1})),
          Array.fromLongs(d, new long[] {3}), new int[][] {{1, 0, 0}})), x, y);
    }
  }

  /**
   * Chains with a vector form run on ByteVector/ShortVector lanes (full vectors and masked tails
   * of every length, unsigned compares, max, min and clamp, constants past the signed range,
   * stride-0 loads of a broadcast 0-d operand) and agree with the reference exactly.
   */
  @ParameterizedTest
  @EnumSource(names = {"INT8", "UINT8", "INT16", "UINT16"})
  void vectorChainsMatchTheReference(DType d) {
    long big = d.isUnsigned() ? (1L << d.bits()) - 56 : (1L << (d.bits() - 1)) - 3;
    Array c = Array.fromLongs(d, new long[] {big});
    Array s = Array.fromLongs(d, new long[] {d.isUnsigned() ? 3 : -3});
    for (int n : new int[] {1, 63, 64, 65, 130, 4099}) {
      Array x = data(d, n, 0);
      Array y = data(d, n, 2);
      check((a, b) -> Lax.add(Lax.mul(Lax.sub(a, b), Lax.max(a, b)), Lax.min(Lax.mul(a, a), c)),
          x, y);
      check((a, b) -> Lax.selectN(Lax.lt(a, b), Lax.clamp(s, a, c),
          Lax.selectN(Lax.ge(a, c), b, Lax.neg(a))), x, y);
      check((a, b) -> Lax.selectN(Lax.gt(a, s), Lax.add(a, s),
          Lax.selectN(Lax.eq(a, b), Lax.mul(b, s), Lax.max(b, s))), x, y);
      check((a, b) -> Lax.selectN(Lax.le(b, a), Lax.sub(a, c), Lax.add(b, c)), x, y);
    }
    if (CpuBackend.simdAvailable()) {
      Array x = data(d, 100, 0);
      ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.max(Lax.mul(a, b), c))
          .apply(x, x);
      Step step = new StepCompiler(CpuProgram.compile(p, "t", true).kernels(), "t", true,
          Dump.none()).compileAll().get(0);
      assertTrue(step instanceof LoopStep l && LoopStep.vectorized(l.body()), d.toString());
    }
  }

  @org.junit.jupiter.api.Test
  void boolChainsRunGeneratedCode() {
    for (int n : new int[] {1, 5, 3001}) {
      long[] a = new long[n];
      long[] b = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = (i * 5 + 1) % 3 == 0 ? 1 : 0;
        b[i] = (i * 7) % 4 < 2 ? 1 : 0;
      }
      Array x = Array.fromLongs(DType.BOOL, a, n);
      Array y = Array.fromLongs(DType.BOOL, b, n);
      check((p, q) -> Lax.bitwiseOr(Lax.bitwiseAnd(p, Lax.bitwiseNot(q)),
          Lax.bitwiseXor(Lax.bitwiseNot(p), q)), x, y);
      check((p, q) -> Lax.selectN(p, Lax.lt(p, q), Lax.max(Lax.ne(p, q), Lax.min(p, q))), x,
          y);
      check((p, q) -> Lax.bitwiseAnd(Lax.ge(p, q), Lax.bitwiseNot(Lax.eq(q, p))), x, y);
      if (CpuBackend.simdAvailable()) {
        ClosedJaxpr p = Jax.makeJaxpr((NDArray u, NDArray w) -> Lax.selectN(Lax.gt(u, w),
            Lax.bitwiseXor(u, w), Lax.bitwiseNot(u))).apply(x, y);
        Step step = new StepCompiler(CpuProgram.compile(p, "t", true).kernels(), "t", true,
            Dump.none()).compileAll().get(0);
        assertTrue(step instanceof LoopStep l && LoopStep.vectorized(l.body()));
        check((u, w) -> Lax.selectN(Lax.gt(u, w), Lax.bitwiseXor(u, w), Lax.bitwiseNot(u)), x,
            y);
      }
    }
  }
}
