package org.jaxpresso.jit.compiler.exec;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Computes one node of a kernel's op graph on scalars, with the lax reference kernels'
 * semantics: float values are doubles rounded to the node's dtype after every op; integer and
 * bool values are longs as {@link HostBuffer#getLong} reads them (signed types sign-extended,
 * uint8/16/32 and bool zero-extended, uint64 as its bit pattern) wrapped to the node's width
 * after every op; XLA's integer corner cases ({@code x/0 == -1}, {@code x%0 == x}, shifts past
 * the width).
 *
 * <p>The special functions whose reference implementations are long ({@code logistic},
 * inverse hyperbolics, {@code erf}, {@code erfc}, {@code erf_inv}, {@code lgamma}, {@code
 * digamma}, {@code nextafter}, {@code reduce_precision}) are delegated to their primitive's
 * reference implementation on 0-d arrays: slow, but the same values by construction.
 *
 * <p>An evaluator holds scratch buffers and is used by one thread at a time.
 */
final class ScalarEvaluator {
  private final HostBuffer f16 = HostBuffer.allocate(DType.FLOAT16, 1);
  private final HostBuffer bf16 = HostBuffer.allocate(DType.BFLOAT16, 1);

  /** Node values: floats in {@code dv}, integers and bool in {@code lv}, by node number. */
  void eval(List<Node> nodes, int i, double[] dv, long[] lv) {
    Node n = nodes.get(i);
    List<Integer> a = n.args();
    DType d = n.dtype();
    DType in = a.isEmpty() ? d : nodes.get(a.get(0)).dtype();
    KernelOp op = n.op();
    switch (op) {
      case CONVERT -> convert(in, d, dv[a.get(0)], lv[a.get(0)], dv, lv, i);
      case SELECT -> {
        long w = lv[a.get(0)];
        int cases = a.size() - 1;
        int k;
        if (compare(w, 0, in) <= 0) {
          k = 0;
        } else if (compare(w, cases - 1, in) >= 0) {
          k = cases - 1;
        } else {
          k = (int) w;
        }
        dv[i] = dv[a.get(k + 1)];
        lv[i] = lv[a.get(k + 1)];
      }
      case EQ, NE, LT, LE, GT, GE -> lv[i] = in.isFloating()
          ? (floatTest(op, dv[a.get(0)], dv[a.get(1)]) ? 1 : 0)
          : (intTest(op, lv[a.get(0)], lv[a.get(1)], in) ? 1 : 0);
      case IS_FINITE -> lv[i] = Double.isFinite(dv[a.get(0)]) ? 1 : 0;
      case LOGISTIC, ASINH, ACOSH, ATANH, ERF, ERFC, ERF_INV, LGAMMA, DIGAMMA, NEXTAFTER,
          REDUCE_PRECISION -> dv[i] = delegate(n, nodes, dv);
      default -> {
        if (d.isFloating()) {
          dv[i] = round(floatOp(n, dv), d);
        } else {
          lv[i] = wrap(d, intOp(n, lv, in));
        }
      }
    }
  }

  private double floatOp(Node n, double[] dv) {
    List<Integer> a = n.args();
    double x = dv[a.get(0)];
    double y = a.size() > 1 ? dv[a.get(1)] : 0;
    return switch (n.op()) {
      case NEG -> -x;
      case SIGN -> Math.signum(x);
      case ABS -> Math.abs(x);
      case FLOOR -> Math.floor(x);
      case CEIL -> Math.ceil(x);
      case ROUND_EVEN -> Math.rint(x);
      case ROUND_AWAY -> roundHalfAway(x);
      case SQUARE -> x * x;
      case INTEGER_POW -> integerPow(x, n.param(), n.dtype());
      case EXP -> Math.exp(x);
      case EXP2 -> Math.pow(2.0, x);
      case EXPM1 -> Math.expm1(x);
      case LOG -> Math.log(x);
      case LOG1P -> Math.log1p(x);
      case TANH -> Math.tanh(x);
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case TAN -> Math.tan(x);
      case ASIN -> Math.asin(x);
      case ACOS -> Math.acos(x);
      case ATAN -> Math.atan(x);
      case SINH -> Math.sinh(x);
      case COSH -> Math.cosh(x);
      case SQRT -> Math.sqrt(x);
      case RSQRT -> 1.0 / Math.sqrt(x);
      case CBRT -> Math.cbrt(x);
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case REM -> x % y;
      case MAX -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
      case MIN -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
      case ATAN2 -> Math.atan2(x, y);
      case POW -> cPow(x, y);
      case CLAMP -> {
        double hi = dv[a.get(2)];
        double lo = x;
        double v = Double.isNaN(lo) || Double.isNaN(y) ? Double.NaN : Math.max(lo, y);
        yield Double.isNaN(hi) || Double.isNaN(v) ? Double.NaN : Math.min(hi, v);
      }
      default -> throw new IllegalArgumentException(
          "kernel op " + n.op().textName() + " is not defined on " + n.dtype());
    };
  }

  private static long intOp(Node n, long[] lv, DType in) {
    List<Integer> a = n.args();
    DType d = n.dtype();
    long x = lv[a.get(0)];
    long y = a.size() > 1 ? lv[a.get(1)] : 0;
    return switch (n.op()) {
      case NEG -> -x;
      case SIGN -> unsigned(d) ? (x != 0 ? 1 : 0) : Long.signum(x);
      case ABS -> Math.abs(x);
      case SQUARE -> x * x;
      case INTEGER_POW -> intPow(x, n.param());
      case NOT -> d.isBool() ? x ^ 1 : ~x;
      case POPULATION_COUNT -> Long.bitCount(x & mask(d));
      case CLZ -> Long.numberOfLeadingZeros(x & mask(d)) - (64 - d.bits());
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> y == 0 ? -1L : (d == DType.UINT64 ? Long.divideUnsigned(x, y) : x / y);
      case REM -> y == 0 ? x : (d == DType.UINT64 ? Long.remainderUnsigned(x, y) : x % y);
      case MAX -> compare(x, y, d) >= 0 ? x : y;
      case MIN -> compare(x, y, d) <= 0 ? x : y;
      case AND -> x & y;
      case OR -> x | y;
      case XOR -> x ^ y;
      case SHIFT_LEFT -> Long.compareUnsigned(y & mask(d), d.bits()) < 0 ? x << y : 0;
      case SHIFT_RIGHT_LOGICAL ->
          Long.compareUnsigned(y & mask(d), d.bits()) < 0 ? (x & mask(d)) >>> y : 0;
      case SHIFT_RIGHT_ARITHMETIC -> {
        long s = signExtend(x, d);
        yield Long.compareUnsigned(y & mask(d), d.bits()) < 0 ? s >> y : (s < 0 ? -1L : 0L);
      }
      case CLAMP -> {
        long hi = lv[a.get(2)];
        long v = compare(x, y, d) >= 0 ? x : y;
        yield compare(hi, v, d) <= 0 ? hi : v;
      }
      default -> throw new IllegalArgumentException(
          "kernel op " + n.op().textName() + " is not defined on " + in);
    };
  }

  private static boolean floatTest(KernelOp op, double x, double y) {
    return switch (op) {
      case EQ -> x == y;
      case NE -> x != y;
      case LT -> x < y;
      case LE -> x <= y;
      case GT -> x > y;
      default -> x >= y;
    };
  }

  private static boolean intTest(KernelOp op, long x, long y, DType d) {
    int c = compare(x, y, d);
    return switch (op) {
      case EQ -> x == y;
      case NE -> x != y;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      default -> c >= 0;
    };
  }

  private double delegate(Node n, List<Node> nodes, double[] dv) {
    Primitive p = Primitive.lookup(n.op().primitiveName());
    if (p == null) {
      org.jaxpresso.lax.LaxPrimitives.all();
      p = Primitive.lookup(n.op().primitiveName());
    }
    if (p == null) {
      throw new IllegalStateException("primitive " + n.op().primitiveName() + " is not loaded");
    }
    Params params = n.op() == KernelOp.REDUCE_PRECISION
        ? Params.of("exponent_bits", n.param() / 1000, "mantissa_bits", n.param() % 1000)
        : Params.EMPTY;
    List<Array> args = new java.util.ArrayList<>();
    for (int k : n.args()) {
      args.add(Array.scalar(dv[k], nodes.get(k).dtype()));
    }
    return p.impl(args, params).get(0).getDouble(0);
  }

  private void convert(DType from, DType to, double x, long v, double[] dv, long[] lv, int i) {
    if (to.isBool()) {
      lv[i] = from.isFloating() ? (x != 0.0 ? 1 : 0) : (v != 0 ? 1 : 0);
    } else if (from.isFloating()) {
      if (to.isFloating()) {
        dv[i] = round(x, to);
      } else {
        lv[i] = floatToInt(x, to);
      }
    } else if (to == DType.FLOAT64) {
      dv[i] = from == DType.UINT64 ? HostBuffer.unsignedToDouble(v) : (double) v;
    } else if (to.isFloating()) {
      dv[i] = round(intToDouble(v, from == DType.UINT64), to);
    } else {
      lv[i] = wrap(to, v);
    }
  }

  /** {@code v} rounded to nearest-even in float dtype {@code d}. */
  double round(double v, DType d) {
    return switch (d) {
      case FLOAT64 -> v;
      case FLOAT32 -> (float) v;
      case FLOAT16 -> {
        f16.setDouble(0, v);
        yield f16.getDouble(0);
      }
      case BFLOAT16 -> {
        bf16.setDouble(0, v);
        yield bf16.getDouble(0);
      }
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  /** {@code v} wrapped to integer or bool dtype {@code d}, as {@link HostBuffer#getLong} reads. */
  static long wrap(DType d, long v) {
    return switch (d) {
      case BOOL -> v != 0 ? 1 : 0;
      case INT8 -> (byte) v;
      case UINT8 -> v & 0xFF;
      case INT16 -> (short) v;
      case UINT16 -> v & 0xFFFF;
      case INT32 -> (int) v;
      case UINT32 -> v & 0xFFFFFFFFL;
      default -> v;
    };
  }

  private static boolean unsigned(DType d) {
    return d.isUnsigned() || d.isBool();
  }

  /** Three-way comparison in {@code d}'s order. */
  static int compare(long a, long b, DType d) {
    return unsigned(d) ? Long.compareUnsigned(a, b) : Long.compare(a, b);
  }

  private static long mask(DType d) {
    return d.bits() == 64 ? -1L : (1L << d.bits()) - 1;
  }

  private static long signExtend(long v, DType d) {
    int s = 64 - d.bits();
    return (v << s) >> s;
  }

  private static long intPow(long a, int y) {
    long acc = 1;
    long x = a;
    for (int e = y; e > 0; e >>= 1) {
      if ((e & 1) != 0) {
        acc *= x;
      }
      x *= x;
    }
    return acc;
  }

  private double integerPow(double x, int y, DType d) {
    if (y == 0) {
      return 1.0;
    }
    long e = Math.abs((long) y);
    double acc = Double.NaN;
    boolean first = true;
    double base = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        acc = first ? base : round(acc * base, d);
        first = false;
      }
      e >>= 1;
      if (e > 0) {
        base = round(base * base, d);
      }
    }
    return y < 0 ? round(1.0 / acc, d) : acc;
  }

  private static double roundHalfAway(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double a = Math.abs(x);
    double t = Math.floor(a);
    if (a - t >= 0.5) {
      t += 1.0;
    }
    return Math.copySign(t, x);
  }

  private static double cPow(double x, double y) {
    if (x == 1.0 || y == 0.0) {
      return 1.0;
    }
    if (x == -1.0 && Double.isInfinite(y)) {
      return 1.0;
    }
    return Math.pow(x, y);
  }

  private static long floatToInt(double v, DType to) {
    if (Double.isNaN(v)) {
      return 0;
    }
    double t = v < 0 ? Math.ceil(v) : Math.floor(v);
    if (to == DType.UINT64) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 0x1p64) {
        return -1L;
      }
      return t >= 0x1p63 ? (long) (t - 0x1p63) + Long.MIN_VALUE : (long) t;
    }
    if (to == DType.INT64) {
      return (long) t;
    }
    long lo = to.isUnsigned() ? 0 : -(1L << (to.bits() - 1));
    long hi = to.isUnsigned() ? (1L << to.bits()) - 1 : (1L << (to.bits() - 1)) - 1;
    return t <= lo ? lo : (t >= hi ? hi : (long) t);
  }

  private static double intToDouble(long v, boolean unsigned64) {
    boolean negative = !unsigned64 && v < 0;
    long mag = negative ? -v : v;
    if (Long.compareUnsigned(mag, 1L << 53) <= 0) {
      double d = (double) mag;
      return negative ? -d : d;
    }
    int shift = 64 - Long.numberOfLeadingZeros(mag) - 53;
    long kept = mag >>> shift;
    if ((mag & ((1L << shift) - 1)) != 0) {
      kept |= 1;
    }
    double d = Math.scalb((double) kept, shift);
    return negative ? -d : d;
  }
}
