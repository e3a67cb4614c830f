package org.jaxpresso.jit.compiler.exec;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.lax.semantics.Conversion;
import org.jaxpresso.lax.semantics.FloatOps;
import org.jaxpresso.lax.semantics.IntOps;

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
      case ROUND_AWAY -> FloatOps.roundHalfAwayFromZero(x);
      case SQUARE -> x * x;
      case INTEGER_POW -> FloatOps.integerPow(x, n.param(), n.dtype());
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
      case POW -> FloatOps.pow(x, y);
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
      case SIGN -> IntOps.isUnsigned(d) ? (x != 0 ? 1 : 0) : Long.signum(x);
      case ABS -> Math.abs(x);
      case SQUARE -> x * x;
      case INTEGER_POW -> IntOps.pow(x, n.param());
      case NOT -> d.isBool() ? x ^ 1 : ~x;
      case POPULATION_COUNT -> Long.bitCount(x & IntOps.mask(d));
      case CLZ -> Long.numberOfLeadingZeros(x & IntOps.mask(d)) - (64 - d.bits());
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
      case SHIFT_LEFT -> Long.compareUnsigned(y & IntOps.mask(d), d.bits()) < 0 ? x << y : 0;
      case SHIFT_RIGHT_LOGICAL ->
          Long.compareUnsigned(y & IntOps.mask(d), d.bits()) < 0 ? (x & IntOps.mask(d)) >>> y : 0;
      case SHIFT_RIGHT_ARITHMETIC -> {
        long s = IntOps.signExtend(x, d);
        yield Long.compareUnsigned(y & IntOps.mask(d), d.bits()) < 0 ? s >> y : (s < 0 ? -1L : 0L);
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
        lv[i] = Conversion.floatToInt(x, to);
      }
    } else if (to == DType.FLOAT64) {
      dv[i] = from == DType.UINT64 ? HostBuffer.unsignedToDouble(v) : (double) v;
    } else if (to.isFloating()) {
      dv[i] = round(Conversion.intToDouble(v, from == DType.UINT64), to);
    } else {
      lv[i] = wrap(to, v);
    }
  }

  /** {@code v} rounded to nearest-even in float dtype {@code d}. */
  double round(double v, DType d) {
    return FloatOps.round(v, d);
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

  /** Three-way comparison in {@code d}'s order. */
  static int compare(long a, long b, DType d) {
    return IntOps.compare(a, b, d);
  }

}
