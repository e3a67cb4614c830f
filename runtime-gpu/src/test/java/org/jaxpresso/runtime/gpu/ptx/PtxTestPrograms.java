package org.jaxpresso.runtime.gpu.ptx;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/** One-op kernel programs, their arguments and the tolerances of the GPU conformance tests. */
public final class PtxTestPrograms {
  private static final double[] SPECIALS = {0.0, -0.0, 1.0, -1.0, 0.5, -2.5, Double.NaN,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-30, 3e4};

  private PtxTestPrograms() {}

  /** The one-op loop kernel of {@code op} on {@code d}, or null when the op is not defined. */
  public static KernelProgram oneOpOrNull(KernelOp op, DType d) {
    if (op.arity() == KernelOp.Arity.LEAF || op.arity() == KernelOp.Arity.COMBINER
        || op == KernelOp.CONVERT) {
      return null;
    }
    int param = op == KernelOp.INTEGER_POW ? 5 : op == KernelOp.REDUCE_PRECISION ? 5002 : 0;
    KernelProgram p = PtxOpCoverageTest.oneOp("k_" + op.textName() + "_" + d.shortName(), op,
        PtxOpCoverageTest.operandTypes(op, d), PtxOpCoverageTest.resultType(op, d), param);
    try {
      PtxKernelEmitter.emit(p, p.kernels().get(0));
      return p;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Arguments for the inputs of {@code p}: special values first, then random ones. */
  public static List<Array> arguments(KernelProgram p, Random rnd) {
    List<Array> args = new ArrayList<>();
    for (KernelProgram.Value v : p.values()) {
      if (v.source() != KernelProgram.Source.INPUT) {
        continue;
      }
      ShapedArray aval = v.aval();
      int n = Math.toIntExact(aval.size());
      DType d = aval.dtype();
      int[] dims = aval.shape().dims();
      if (d.isFloating()) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = i < SPECIALS.length && rnd.nextBoolean() ? SPECIALS[i]
              : (rnd.nextDouble() * 20 - 10);
        }
        args.add(Array.fromDoubles(d, x, dims));
      } else {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
          x[i] = d.isBool() ? rnd.nextInt(2) : args.isEmpty() && p.kernels().get(0).nodes()
              .get(p.kernels().get(0).nodes().size() - 1).op() == KernelOp.SELECT
              ? rnd.nextInt(6) - 1 : rnd.nextInt(200) - (d.isUnsigned() ? 0 : 100);
        }
        args.add(Array.fromLongs(d, x, dims));
      }
    }
    return args;
  }

  /** A 6x10 matrix of smooth values in dtype {@code d}. */
  public static Array matrix(DType d) {
    double[] v = new double[60];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i) * 3;
    }
    return Array.fromDoubles(d, v, 6, 10);
  }

  private static boolean transcendental(KernelOp op) {
    return switch (op) {
      case EXP, EXP2, EXPM1, LOG, LOG1P, TANH, LOGISTIC, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH,
          COSH, ASINH, ACOSH, ATANH, CBRT, ERF, ERFC, ERF_INV, LGAMMA, DIGAMMA, ATAN2, POW,
          REDUCE_SUM -> true;
      default -> false;
    };
  }

  /** The unit in the last place of {@code v} in float dtype {@code d}. */
  static double ulp(double v, DType d) {
    int mantissa = switch (d) {
      case FLOAT64 -> 52;
      case FLOAT32 -> 23;
      case FLOAT16 -> 10;
      default -> 7;
    };
    return Math.ulp(v) * Math.scalb(1.0, 52 - mantissa);
  }

  /**
   * Why {@code got} (GPU) differs from {@code want} (reference) beyond the documented bound for
   * {@code op}, or null: bit-exact for exact ops, 2 ulps of float32/16 (computed in double and
   * rounded once), relative 1e-12 in float64 (erf_inv: 1e-6, the reference's own accuracy;
   * pow: 1e-11; lgamma/digamma: also 1e-12 absolute near their roots).
   */
  public static String difference(KernelOp op, Array want, Array got, List<Array> args) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    int n = Math.toIntExact(want.aval().size());
    DType d = want.dtype();
    for (int k = 0; k < n; k++) {
      boolean ok;
      if (d.isFloating()) {
        double a = want.getDouble(k);
        double b = got.getDouble(k);
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || !transcendental(op)) {
          ok = Double.compare(a, b) == 0 || (Double.isNaN(a) && Double.isNaN(b));
        } else if (d == DType.FLOAT64) {
          double rel = op == KernelOp.ERF_INV ? 1e-6 : op == KernelOp.POW ? 1e-11 : 1e-12;
          double abs = op == KernelOp.LGAMMA || op == KernelOp.DIGAMMA ? 1e-12 : 0;
          ok = Math.abs(a - b) <= rel * Math.abs(a) + abs;
        } else {
          ok = Math.abs(a - b) <= 2 * ulp(a, d);
        }
      } else {
        ok = want.getLong(k) == got.getLong(k);
      }
      if (!ok) {
        return "element " + k + ": " + got.repr() + " instead of " + want.repr() + " for "
            + args;
      }
    }
    return null;
  }

  /** Why {@code got} is not within {@code rel} (relative to max(1, |want|)) of {@code want}. */
  public static String close(Array want, Array got, double rel) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    for (int k = 0; k < want.aval().size(); k++) {
      double a = want.getDouble(k);
      double b = got.getDouble(k);
      if (!(Math.abs(a - b) <= rel * Math.max(1, Math.abs(a)))) {
        return "element " + k + ": " + b + " instead of " + a;
      }
    }
    return null;
  }
}
