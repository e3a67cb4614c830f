package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.bcast;
import static org.jaxpresso.lax.primitives.RuleSupport.c;
import static org.jaxpresso.lax.primitives.RuleSupport.jvp;
import static org.jaxpresso.lax.primitives.RuleSupport.unbroadcast;
import static org.jaxpresso.lax.primitives.RuleSupport.zeros;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;

/**
 * JVP, transpose and batching rules of the elementwise families ({@link Elementwise}, {@link
 * Transcendental}, {@link Bitwise}, {@link Comparisons}, {@link Conversions}, {@link
 * Selection}), as JAX's {@code lax.py} declares them. Registered onto the primitives when
 * {@link Elementwise} loads.
 */
final class ElementwiseRules {
  private ElementwiseRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    arithmetic();
    transcendental();
    discrete();
    conversions();
    selection();
  }

  private static NDArray x(List<NDArray> p) {
    return p.get(0);
  }

  private static NDArray y(List<NDArray> p) {
    return p.get(1);
  }

  private static void linearBinary(Primitive p) {
    p.defineBatch(RuleSupport.broadcasting(p));
  }

  private static void arithmetic() {
    Elementwise.ADD.defineJvp(jvp(Elementwise.ADD, (t, p, o, q) -> t, (t, p, o, q) -> t))
        .defineTranspose((ct, args, avals, q) -> Arrays.asList(
            args.get(0) == null ? unbroadcast(ct.get(0), avals.get(0)) : null,
            args.get(1) == null ? unbroadcast(ct.get(0), avals.get(1)) : null));
    Elementwise.SUB.defineJvp(jvp(Elementwise.SUB, (t, p, o, q) -> t,
            (t, p, o, q) -> Lax.neg(t)))
        .defineTranspose((ct, args, avals, q) -> Arrays.asList(
            args.get(0) == null ? unbroadcast(ct.get(0), avals.get(0)) : null,
            args.get(1) == null ? unbroadcast(Lax.neg(ct.get(0)), avals.get(1)) : null));
    Elementwise.MUL.defineJvp(jvp(Elementwise.MUL, (t, p, o, q) -> Lax.mul(t, y(p)),
            (t, p, o, q) -> Lax.mul(x(p), t)))
        .defineTranspose((ct, args, avals, q) -> {
          if (args.get(0) == null && args.get(1) == null) {
            throw new IllegalArgumentException("mul: transpose of a product of two linear"
                + " values (the jaxpr is not linear)");
          }
          return args.get(0) == null
              ? Arrays.asList(unbroadcast(Lax.mul(ct.get(0), args.get(1)), avals.get(0)), null)
              : Arrays.asList(null, unbroadcast(Lax.mul(args.get(0), ct.get(0)), avals.get(1)));
        });
    Elementwise.DIV.defineJvp(jvp(Elementwise.DIV, (t, p, o, q) -> Lax.div(t, y(p)),
            (t, p, o, q) -> Lax.mul(Lax.mul(Lax.neg(t), x(p)), Lax.integerPow(y(p), -2))))
        .defineTranspose((ct, args, avals, q) -> {
          if (args.get(1) == null) {
            throw new IllegalArgumentException("div: the divisor of a linear division must be"
                + " a constant (the jaxpr is not linear)");
          }
          return Arrays.asList(unbroadcast(Lax.div(ct.get(0), args.get(1)), avals.get(0)), null);
        });
    Elementwise.NEG.defineJvp(RuleSupport.linearJvp(Elementwise.NEG))
        .defineTranspose((ct, args, avals, q) -> List.of(Lax.neg(ct.get(0))));
    Elementwise.REM.defineJvp(jvp(Elementwise.REM, (t, p, o, q) -> t,
        (t, p, o, q) -> Lax.mul(Lax.neg(t), Lax.mul(Lax.sign(Lax.div(x(p), y(p))),
            Lax.floor(Lax.abs(Lax.div(x(p), y(p))))))));
    for (Primitive m : List.of(Elementwise.MAX, Elementwise.MIN)) {
      boolean isMax = m == Elementwise.MAX;
      m.defineJvp(jvp(m, (t, p, o, q) -> Lax.mul(t, balanced(p, isMax, true)),
          (t, p, o, q) -> Lax.mul(t, balanced(p, isMax, false))));
    }
    Elementwise.ATAN2.defineJvp(jvp(Elementwise.ATAN2,
        (t, p, o, q) -> Lax.mul(t, Lax.div(y(p), sumSquares(p))),
        (t, p, o, q) -> Lax.mul(t, Lax.div(Lax.neg(x(p)), sumSquares(p)))));
    Elementwise.POW.defineJvp(jvp(Elementwise.POW, (t, p, o, q) -> {
      NDArray yf = RuleSupport.convert(y(p), x(p).aval().dtype());
      NDArray yb = bcast(yf, o.aval().shape());
      NDArray xb = bcast(x(p), o.aval().shape());
      return Lax.mul(t, Lax.mul(yb, Lax.pow(xb, Lax.sub(yb, c(yb, 1)))));
    }, (t, p, o, q) -> Lax.mul(t, Lax.mul(Lax.log(bcast(x(p), o.aval().shape())), o))));
    Elementwise.INTEGER_POW.defineJvp((p, ts, q) -> {
      int n = q.getInt("y");
      NDArray out = Elementwise.INTEGER_POW.bind(p, q).get(0);
      if (n == 0) {
        return Primitive.JvpResult.of(out, null);
      }
      NDArray xn = n - 1 == 1 ? x(p) : Lax.integerPow(x(p), n - 1);
      return Primitive.JvpResult.of(out, Lax.mul(ts.get(0), Lax.mul(c(x(p), n), xn)));
    });
    Elementwise.SQUARE.defineJvp(jvp(Elementwise.SQUARE,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(x(p), 2), x(p)))));
    Elementwise.ABS.defineJvp(jvp(Elementwise.ABS,
        (t, p, o, q) -> Lax.mul(t, Lax.sign(x(p)))));
    Elementwise.COPY.defineJvp(RuleSupport.linearJvp(Elementwise.COPY))
        .defineTranspose((ct, args, avals, q) -> List.of(ct.get(0)));
    for (Primitive p : List.of(Elementwise.ADD, Elementwise.SUB, Elementwise.MUL,
        Elementwise.DIV, Elementwise.REM, Elementwise.MAX, Elementwise.MIN, Elementwise.ATAN2,
        Elementwise.NEXTAFTER, Elementwise.POW)) {
      linearBinary(p);
    }
    for (Primitive p : List.of(Elementwise.NEG, Elementwise.SIGN, Elementwise.ABS,
        Elementwise.FLOOR, Elementwise.CEIL, Elementwise.ROUND, Elementwise.IS_FINITE,
        Elementwise.SQUARE, Elementwise.INTEGER_POW, Elementwise.COPY,
        Elementwise.STOP_GRADIENT)) {
      p.defineBatch(RuleSupport.vectorized(p));
    }
    for (Primitive p : List.of(Elementwise.SIGN, Elementwise.FLOOR, Elementwise.CEIL,
        Elementwise.ROUND, Elementwise.IS_FINITE, Elementwise.NEXTAFTER,
        Elementwise.STOP_GRADIENT)) {
      p.defineJvp(RuleSupport.zeroJvp(p));
    }
  }

  /** JAX's {@code _balanced_eq}: 1 where this side wins, 0.5 on ties, 0 elsewhere. */
  private static NDArray balanced(List<NDArray> p, boolean isMax, boolean first) {
    NDArray a = first ? x(p) : y(p);
    NDArray b = first ? y(p) : x(p);
    NDArray wins = isMax ? Lax.gt(a, b) : Lax.lt(a, b);
    DType d = a.aval().dtype();
    NDArray one = RuleSupport.convert(wins, d, a.aval().weakType());
    NDArray tie = RuleSupport.convert(Lax.eq(a, b), d, a.aval().weakType());
    return Lax.add(one, Lax.mul(c(a, 0.5), tie));
  }

  private static NDArray sumSquares(List<NDArray> p) {
    return Lax.add(Lax.mul(x(p), x(p)), Lax.mul(y(p), y(p)));
  }

  private static void transcendental() {
    Transcendental.EXP.defineJvp(jvp(Transcendental.EXP, (t, p, o, q) -> Lax.mul(t, o)));
    Transcendental.EXP2.defineJvp(jvp(Transcendental.EXP2,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(o, Math.log(2)), o))));
    Transcendental.EXPM1.defineJvp(jvp(Transcendental.EXPM1,
        (t, p, o, q) -> Lax.mul(t, Lax.add(o, c(o, 1)))));
    Transcendental.LOG.defineJvp(jvp(Transcendental.LOG, (t, p, o, q) -> Lax.div(t, x(p))));
    Transcendental.LOG1P.defineJvp(jvp(Transcendental.LOG1P,
        (t, p, o, q) -> Lax.div(t, Lax.add(x(p), c(x(p), 1)))));
    Transcendental.TANH.defineJvp(jvp(Transcendental.TANH,
        (t, p, o, q) -> Lax.mul(t, Lax.sub(c(o, 1), Lax.mul(o, o)))));
    Transcendental.LOGISTIC.defineJvp(jvp(Transcendental.LOGISTIC,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(o, Lax.sub(c(o, 1), o)))));
    Transcendental.SIN.defineJvp(jvp(Transcendental.SIN,
        (t, p, o, q) -> Lax.mul(t, Lax.cos(x(p)))));
    Transcendental.COS.defineJvp(jvp(Transcendental.COS,
        (t, p, o, q) -> Lax.mul(Lax.neg(t), Lax.sin(x(p)))));
    Transcendental.TAN.defineJvp(jvp(Transcendental.TAN,
        (t, p, o, q) -> Lax.mul(t, Lax.add(c(o, 1), Lax.mul(o, o)))));
    Transcendental.ASIN.defineJvp(jvp(Transcendental.ASIN,
        (t, p, o, q) -> Lax.mul(t, Lax.rsqrt(Lax.sub(c(x(p), 1), Lax.mul(x(p), x(p)))))));
    Transcendental.ACOS.defineJvp(jvp(Transcendental.ACOS,
        (t, p, o, q) -> Lax.mul(Lax.neg(t),
            Lax.rsqrt(Lax.sub(c(x(p), 1), Lax.mul(x(p), x(p)))))));
    Transcendental.ATAN.defineJvp(jvp(Transcendental.ATAN,
        (t, p, o, q) -> Lax.div(t, Lax.add(c(x(p), 1), Lax.mul(x(p), x(p))))));
    Transcendental.SINH.defineJvp(jvp(Transcendental.SINH,
        (t, p, o, q) -> Lax.mul(t, Lax.cosh(x(p)))));
    Transcendental.COSH.defineJvp(jvp(Transcendental.COSH,
        (t, p, o, q) -> Lax.mul(t, Lax.sinh(x(p)))));
    Transcendental.ASINH.defineJvp(jvp(Transcendental.ASINH,
        (t, p, o, q) -> Lax.mul(t, Lax.rsqrt(Lax.add(Lax.mul(x(p), x(p)), c(x(p), 1))))));
    Transcendental.ACOSH.defineJvp(jvp(Transcendental.ACOSH,
        (t, p, o, q) -> Lax.mul(t, Lax.rsqrt(Lax.mul(Lax.sub(x(p), c(x(p), 1)),
            Lax.add(x(p), c(x(p), 1)))))));
    Transcendental.ATANH.defineJvp(jvp(Transcendental.ATANH,
        (t, p, o, q) -> Lax.div(t, Lax.sub(c(x(p), 1), Lax.mul(x(p), x(p))))));
    Transcendental.SQRT.defineJvp(jvp(Transcendental.SQRT,
        (t, p, o, q) -> Lax.mul(t, Lax.div(c(o, 0.5), o))));
    Transcendental.RSQRT.defineJvp(jvp(Transcendental.RSQRT,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(o, -0.5), Lax.div(o, x(p))))));
    Transcendental.CBRT.defineJvp(jvp(Transcendental.CBRT,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(o, 1.0 / 3.0), Lax.integerPow(o, -2)))));
    double twoOverSqrtPi = 2.0 / Math.sqrt(Math.PI);
    Transcendental.ERF.defineJvp(jvp(Transcendental.ERF,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(x(p), twoOverSqrtPi),
            Lax.exp(Lax.neg(Lax.mul(x(p), x(p))))))));
    Transcendental.ERFC.defineJvp(jvp(Transcendental.ERFC,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(x(p), -twoOverSqrtPi),
            Lax.exp(Lax.neg(Lax.mul(x(p), x(p))))))));
    Transcendental.ERF_INV.defineJvp(jvp(Transcendental.ERF_INV,
        (t, p, o, q) -> Lax.mul(t, Lax.mul(c(o, Math.sqrt(Math.PI) / 2),
            Lax.exp(Lax.mul(o, o))))));
    Transcendental.LGAMMA.defineJvp(jvp(Transcendental.LGAMMA,
        (t, p, o, q) -> Lax.mul(t, Lax.digamma(x(p)))));
    Transcendental.DIGAMMA.defineJvp(jvp(Transcendental.DIGAMMA,
        (t, p, o, q) -> Lax.mul(t, Lax.polygamma(c(x(p), 1), x(p)))));
    Polygamma.POLYGAMMA.defineJvp(jvp(Polygamma.POLYGAMMA,
        (t, p, o, q) -> {
          throw new JaxValueError("polygamma gradient with respect to m is not supported");
        },
        (t, p, o, q) -> Lax.mul(t, Lax.polygamma(Lax.add(x(p), c(x(p), 1)), y(p)))))
        .defineBatch(RuleSupport.broadcasting(Polygamma.POLYGAMMA));
    for (Primitive p : List.of(Transcendental.EXP, Transcendental.EXP2, Transcendental.EXPM1,
        Transcendental.LOG, Transcendental.LOG1P, Transcendental.TANH, Transcendental.LOGISTIC,
        Transcendental.SIN, Transcendental.COS, Transcendental.TAN, Transcendental.ASIN,
        Transcendental.ACOS, Transcendental.ATAN, Transcendental.SINH, Transcendental.COSH,
        Transcendental.ASINH, Transcendental.ACOSH, Transcendental.ATANH, Transcendental.SQRT,
        Transcendental.RSQRT, Transcendental.CBRT, Transcendental.ERF, Transcendental.ERFC,
        Transcendental.ERF_INV, Transcendental.LGAMMA, Transcendental.DIGAMMA)) {
      p.defineBatch(RuleSupport.vectorized(p));
    }
  }

  private static void discrete() {
    for (Primitive p : List.of(Bitwise.NOT, Bitwise.POPULATION_COUNT, Bitwise.CLZ)) {
      p.defineJvp(RuleSupport.zeroJvp(p)).defineBatch(RuleSupport.vectorized(p));
    }
    for (Primitive p : List.of(Bitwise.AND, Bitwise.OR, Bitwise.XOR, Bitwise.SHIFT_LEFT,
        Bitwise.SHIFT_RIGHT_ARITHMETIC, Bitwise.SHIFT_RIGHT_LOGICAL, Comparisons.EQ,
        Comparisons.NE, Comparisons.LT, Comparisons.LE, Comparisons.GT, Comparisons.GE)) {
      p.defineJvp(RuleSupport.zeroJvp(p)).defineBatch(RuleSupport.broadcasting(p));
    }
  }

  private static void conversions() {
    Primitive cet = Conversions.CONVERT_ELEMENT_TYPE;
    cet.defineJvp((p, ts, q) -> {
      NDArray out = cet.bind(p, q).get(0);
      boolean diff = x(p).aval().dtype().isFloating() && out.aval().dtype().isFloating();
      return Primitive.JvpResult.of(out, diff ? cet.bind(ts, q).get(0) : null);
    }).defineTranspose((ct, args, avals, q) -> List.of(cet.bind(List.of(ct.get(0)),
        q.with("new_dtype", avals.get(0).dtype()).with("weak_type", avals.get(0).weakType()))
        .get(0))).defineBatch(RuleSupport.vectorized(cet));
    Primitive rp = Conversions.REDUCE_PRECISION;
    rp.defineJvp(RuleSupport.linearJvp(rp))
        .defineTranspose((ct, args, avals, q) -> rp.bind(ct, q))
        .defineBatch(RuleSupport.vectorized(rp));
    Primitive bc = Conversions.BITCAST_CONVERT_TYPE;
    bc.defineJvp(RuleSupport.zeroJvp(bc)).defineBatch((vals, dims, q) -> {
      NDArray v = RuleSupport.moveAxis(vals.get(0), dims[0], 0);
      return new Primitive.BatchResult(bc.bind(List.of(v), q), new int[] {0});
    });
  }

  private static void selection() {
    Primitive sel = Selection.SELECT_N;
    sel.defineJvp((p, ts, q) -> {
      NDArray out = sel.bind(p, q).get(0);
      List<NDArray> args = new ArrayList<>();
      args.add(p.get(0));
      for (int i = 1; i < p.size(); i++) {
        NDArray t = ts.get(i);
        args.add(t != null ? bcast(t, out.aval().shape())
            : zeros(out.aval().withWeakType(p.get(i).aval().weakType())));
      }
      return Primitive.JvpResult.of(out, sel.bind(args, q).get(0));
    }).defineTranspose((ct, args, avals, q) -> {
      if (args.get(0) == null) {
        throw new IllegalArgumentException("select_n: the predicate cannot be linear");
      }
      List<NDArray> res = new ArrayList<>();
      res.add(null);
      NDArray z = zeros(ct.get(0).aval());
      for (int i = 1; i < args.size(); i++) {
        if (args.get(i) != null) {
          res.add(null);
          continue;
        }
        List<NDArray> a = new ArrayList<>();
        a.add(args.get(0));
        for (int k = 1; k < args.size(); k++) {
          a.add(k == i ? ct.get(0) : z);
        }
        res.add(unbroadcast(sel.bind(a, q).get(0), avals.get(i)));
      }
      return res;
    }).defineBatch(RuleSupport.fullBroadcasting(sel));
    Primitive clamp = Selection.CLAMP;
    clamp.defineJvp(jvp(clamp,
        (t, p, o, q) -> Lax.selectN(Lax.lt(p.get(1), p.get(0)), zeros(o.aval()),
            bcast(t, o.aval().shape())),
        (t, p, o, q) -> Lax.selectN(Lax.bitwiseAnd(Lax.ge(p.get(1), p.get(0)),
            Lax.le(p.get(1), p.get(2))), zeros(o.aval()), t),
        (t, p, o, q) -> Lax.selectN(Lax.lt(p.get(2), p.get(1)), zeros(o.aval()),
            bcast(t, o.aval().shape()))))
        .defineBatch(RuleSupport.fullBroadcasting(clamp));
  }
}
