package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.runtime.cpu.kernels.IntGemm;

/**
 * {@code dot_general} with an integer result of integer or bool operands, on {@link IntGemm}:
 * the operands are converted to the result's arithmetic (int32 for results of up to 32 bits,
 * int64 for 64-bit ones, as JAX converts them to the result type), the product wraps on
 * overflow, and results narrower than 32 bits keep the low bits, which are those of the same
 * product computed in the narrow type. Any dimension numbers, through the same [batch, free,
 * contracting] views as {@link DotGeneralOp}.
 */
final class IntegerDot {
  private IntegerDot() {}

  /** Whether this path computes {@code dot_general} of these operands into {@code out}. */
  static boolean applies(Array lhs, Array rhs, ShapedArray out) {
    return out.dtype().isInteger() && integral(lhs.dtype()) && integral(rhs.dtype());
  }

  private static boolean integral(DType d) {
    return d.isInteger() || d.isBool();
  }

  /** The product; see {@link DotGeneralOp#apply}. */
  static Array apply(Array lhs, Array rhs, Params params, ShapedArray out) {
    DotGeneralOp.Problem pr = DotGeneralOp.Problem.of(lhs, rhs, params);
    int total = Math.toIntExact(out.size());
    boolean wide = out.dtype().bits() == 64;
    Object c = wide ? new long[total] : new int[total];
    if (total > 0) {
      DotGeneralOp.View a = pr.lhs(wide ? longs(lhs) : ints(lhs));
      DotGeneralOp.View b = pr.rhs(wide ? longs(rhs) : ints(rhs));
      if (wide) {
        IntGemm.lgemm(pr.batch(), pr.m(), pr.n(), pr.k(), (long[]) a.data(), a.s0(), a.s1(),
            a.s2(), (long[]) b.data(), b.s0(), b.s1(), b.s2(), (long[]) c);
      } else {
        IntGemm.igemm(pr.batch(), pr.m(), pr.n(), pr.k(), (int[]) a.data(), a.s0(), a.s1(),
            a.s2(), (int[]) b.data(), b.s0(), b.s1(), b.s2(), (int[]) c);
      }
    }
    return Array.wrap(out, HostBuffer.wrap(out.dtype(), narrow(out.dtype(), c)));
  }

  /** The elements as int32 values (the low 32 bits of each). */
  private static int[] ints(Array x) {
    HostBuffer h = x.host();
    if (h.data() instanceof int[] v) {
      return v;
    }
    int n = Math.toIntExact(x.aval().size());
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = (int) h.getLong(i);
    }
    return v;
  }

  /** The elements as int64 values. */
  private static long[] longs(Array x) {
    HostBuffer h = x.host();
    if (h.data() instanceof long[] v) {
      return v;
    }
    int n = Math.toIntExact(x.aval().size());
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = h.getLong(i);
    }
    return v;
  }

  /** The result in the storage of {@code d}: as is for 32 and 64 bits, else the low bits. */
  private static Object narrow(DType d, Object c) {
    if (d.bits() >= 32) {
      return c;
    }
    int[] v = (int[]) c;
    if (d.bits() == 8) {
      byte[] r = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = (byte) v[i];
      }
      return r;
    }
    short[] r = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (short) v[i];
    }
    return r;
  }
}
