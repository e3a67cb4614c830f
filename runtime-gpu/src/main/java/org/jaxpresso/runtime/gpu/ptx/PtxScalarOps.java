package org.jaxpresso.runtime.gpu.ptx;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.runtime.gpu.ptx.PtxWriter.Reg;

/**
 * Emits the PTX of one op-graph node from its operands' registers: the exhaustive map of
 * {@link KernelOp} (a {@code switch} with no {@code default}, so an op added to the IR does not
 * compile here until it is lowered). Semantics follow the reference evaluator of the kernel IR:
 * floats rounded to their dtype after every op, integers wrapped, XLA's integer division and
 * shift corner cases, NaN-propagating max/min, and the transcendentals of {@link MathLibrary}
 * computed in double.
 */
final class PtxScalarOps {
  private final PtxWriter w;
  private final MathLibrary<String, String> lib;
  private final PtxBitOps bitOps;

  PtxScalarOps(PtxWriter w) {
    this.w = w;
    this.lib = new MathLibrary<>(new PtxMathOps(w));
    this.bitOps = new PtxBitOps(w);
  }

  /**
   * The register holding node {@code n}'s value, given its operands' registers and dtypes.
   * Leaves ({@link KernelOp#LOAD} ...) are emitted by the kernel emitter, never here.
   *
   * @throws IllegalArgumentException if the op is a leaf or combiner, or undefined on the dtype
   */
  String emit(Node n, List<String> a, List<DType> t) {
    DType d = n.dtype();
    DType in = t.isEmpty() ? d : t.get(0);
    KernelOp op = n.op();
    return switch (op) {
      case LOAD, CONST, INDEX, REDUCED -> throw new IllegalArgumentException(
          "kernel op " + op.textName() + " is a leaf and is emitted by the kernel emitter");
      case REDUCE_SUM, REDUCE_PROD, REDUCE_MAX, REDUCE_MIN, REDUCE_AND, REDUCE_OR, REDUCE_XOR,
          ARGMAX, ARGMIN -> throw new IllegalArgumentException("kernel op " + op.textName()
              + " is a reduction combiner and cannot be a node of an op graph");
      case NEG -> d.isFloating() ? unaryF("neg", d, a.get(0)) : intOp("neg", d, a.get(0));
      case ABS -> d.isFloating() ? unaryF("abs", d, a.get(0))
          : PtxTypes.unsigned(d) ? a.get(0) : intOp("abs", d, a.get(0));
      case SIGN -> sign(d, a.get(0));
      case FLOOR -> cvtRound(op, "rmi", d, a.get(0));
      case CEIL -> cvtRound(op, "rpi", d, a.get(0));
      case ROUND_EVEN -> cvtRound(op, "rni", d, a.get(0));
      case ROUND_AWAY -> roundAway(d, a.get(0));
      case IS_FINITE -> bool(w.emit(Reg.PRED, "testp.finite." + floatType(in, op), a.get(0)));
      case SQUARE -> binary(d, "mul", a.get(0), a.get(0));
      case INTEGER_POW -> integerPow(d, a.get(0), n.param());
      case EXP -> math(d, op, a.get(0), lib::exp);
      case EXP2 -> math(d, op, a.get(0), lib::exp2);
      case EXPM1 -> math(d, op, a.get(0), lib::expm1);
      case LOG -> math(d, op, a.get(0), lib::log);
      case LOG1P -> math(d, op, a.get(0), lib::log1p);
      case TANH -> math(d, op, a.get(0), lib::tanh);
      case LOGISTIC -> math(d, op, a.get(0), lib::logistic);
      case SIN -> math(d, op, a.get(0), lib::sin);
      case COS -> math(d, op, a.get(0), lib::cos);
      case TAN -> math(d, op, a.get(0), lib::tan);
      case ASIN -> math(d, op, a.get(0), lib::asin);
      case ACOS -> math(d, op, a.get(0), lib::acos);
      case ATAN -> math(d, op, a.get(0), lib::atan);
      case SINH -> math(d, op, a.get(0), lib::sinh);
      case COSH -> math(d, op, a.get(0), lib::cosh);
      case ASINH -> math(d, op, a.get(0), lib::asinh);
      case ACOSH -> math(d, op, a.get(0), lib::acosh);
      case ATANH -> math(d, op, a.get(0), lib::atanh);
      case SQRT -> unaryRounded(d, op, "sqrt.rn", a.get(0));
      case RSQRT -> math(d, op, a.get(0), x -> w.emit(Reg.F64, "rcp.rn.f64",
          w.emit(Reg.F64, "sqrt.rn.f64", x)));
      case CBRT -> math(d, op, a.get(0), lib::cbrt);
      case ERF -> math(d, op, a.get(0), lib::erf);
      case ERFC -> math(d, op, a.get(0), lib::erfc);
      case ERF_INV -> math(d, op, a.get(0), lib::erfInv);
      case LGAMMA -> math(d, op, a.get(0), lib::lgamma);
      case DIGAMMA -> math(d, op, a.get(0), lib::digamma);
      case NOT -> not(d, a.get(0));
      case POPULATION_COUNT -> bitCount(d, a.get(0), false);
      case CLZ -> bitCount(d, a.get(0), true);
      case CONVERT -> PtxConvert.convert(w, in, d, a.get(0));
      case REDUCE_PRECISION -> {
        floatType(d, op);
        yield bitOps.reducePrecision(d, a.get(0), n.param() / 1000, n.param() % 1000);
      }
      case ADD -> binary(d, "add", a.get(0), a.get(1));
      case SUB -> binary(d, "sub", a.get(0), a.get(1));
      case MUL -> binary(d, "mul", a.get(0), a.get(1));
      case DIV -> d.isFloating() ? binary(d, "div", a.get(0), a.get(1))
          : intDivRem(d, a.get(0), a.get(1), true);
      case REM -> d.isFloating() ? bitOps.fmod(d, a.get(0), a.get(1))
          : intDivRem(d, a.get(0), a.get(1), false);
      case MAX -> maxMin(d, a.get(0), a.get(1), true);
      case MIN -> maxMin(d, a.get(0), a.get(1), false);
      case ATAN2 -> math2(d, op, a.get(0), a.get(1), lib::atan2);
      case NEXTAFTER -> {
        floatType(d, op);
        yield bitOps.nextAfter(d, a.get(0), a.get(1));
      }
      case POW -> math2(d, op, a.get(0), a.get(1), lib::pow);
      case AND -> bitwise(d, op, "and", a.get(0), a.get(1));
      case OR -> bitwise(d, op, "or", a.get(0), a.get(1));
      case XOR -> bitwise(d, op, "xor", a.get(0), a.get(1));
      case SHIFT_LEFT, SHIFT_RIGHT_ARITHMETIC, SHIFT_RIGHT_LOGICAL -> shift(op, d, a.get(0),
          a.get(1));
      case EQ -> compare(in, "eq", "eq", a.get(0), a.get(1));
      case NE -> compare(in, "neu", "ne", a.get(0), a.get(1));
      case LT -> compare(in, "lt", "lt", a.get(0), a.get(1));
      case LE -> compare(in, "le", "le", a.get(0), a.get(1));
      case GT -> compare(in, "gt", "gt", a.get(0), a.get(1));
      case GE -> compare(in, "ge", "ge", a.get(0), a.get(1));
      case SELECT -> select(d, in, a);
      case CLAMP -> maxMin(d, a.get(2), maxMin(d, a.get(0), a.get(1), true), false);
    };
  }

  private static String floatType(DType d, KernelOp op) {
    if (!d.isFloating()) {
      throw new IllegalArgumentException("kernel op " + op.textName() + " is not defined on "
          + d + " (it needs a floating dtype)");
    }
    return PtxTypes.arith(d);
  }

  private static void requireInteger(DType d, KernelOp op) {
    if (d.isFloating()) {
      throw new IllegalArgumentException("kernel op " + op.textName() + " is not defined on "
          + d + " (it needs an integer or bool dtype)");
    }
  }

  private String bool(String pred) {
    return w.emit(Reg.B32, "selp.u32", "1", "0", pred);
  }

  private String unaryF(String instr, DType d, String x) {
    String r = w.emit(PtxTypes.regOf(d), instr + "." + PtxTypes.arith(d), x);
    PtxTypes.round(w, d, r);
    return r;
  }

  private String intOp(String instr, DType d, String x) {
    String r = w.emit(PtxTypes.regOf(d), instr + "." + signedArith(d), x);
    PtxTypes.wrap(w, d, r);
    return r;
  }

  private static String signedArith(DType d) {
    return PtxTypes.regOf(d) == Reg.B64 ? "s64" : "s32";
  }

  private String unaryRounded(DType d, KernelOp op, String instr, String x) {
    String r = w.emit(PtxTypes.regOf(d), instr + "." + floatType(d, op), x);
    PtxTypes.round(w, d, r);
    return r;
  }

  private String cvtRound(KernelOp op, String mode, DType d, String x) {
    String t = floatType(d, op);
    return w.emit(PtxTypes.regOf(d), "cvt." + mode + "." + t + "." + t, x);
  }

  private String sign(DType d, String x) {
    Reg r = PtxTypes.regOf(d);
    if (d.isFloating()) {
      String t = PtxTypes.arith(d);
      String one = r == Reg.F64 ? PtxWriter.f64(1.0) : PtxWriter.f32(1.0f);
      String s = w.emit(r, "copysign." + t, x, w.emit(r, "mov." + t, one));
      String keep = w.emit(Reg.PRED, "setp.equ." + t, x, r == Reg.F64 ? PtxWriter.f64(0)
          : PtxWriter.f32(0));
      return w.emit(r, "selp." + t, x, s, keep);
    }
    String t = PtxTypes.arith(d);
    String zero = w.emit(r, "mov." + PtxTypes.bits(d), "0");
    String gt = w.emit(Reg.PRED, "setp.gt." + t, x, zero);
    String lt = w.emit(Reg.PRED, "setp.lt." + t, x, zero);
    String pos = w.emit(r, "selp." + PtxTypes.bits(d), "1", "0", gt);
    return w.emit(r, "selp." + PtxTypes.bits(d), "-1", pos, lt);
  }

  private String roundAway(DType d, String x) {
    floatType(d, KernelOp.ROUND_AWAY);
    Reg r = PtxTypes.regOf(d);
    String t = PtxTypes.arith(d);
    String half = r == Reg.F64 ? PtxWriter.f64(0.5) : PtxWriter.f32(0.5f);
    String one = r == Reg.F64 ? PtxWriter.f64(1.0) : PtxWriter.f32(1.0f);
    String ax = w.emit(r, "abs." + t, x);
    String fl = w.emit(r, "cvt.rmi." + t + "." + t, ax);
    String frac = w.emit(r, "sub.rn." + t, ax, fl);
    String up = w.emit(Reg.PRED, "setp.ge." + t, frac, half);
    String bumped = w.emit(r, "add.rn." + t, fl, one);
    String mag = w.emit(r, "selp." + t, bumped, fl, up);
    String signed = w.emit(r, "copysign." + t, x, mag);
    String special = w.emit(Reg.PRED, "testp.finite." + t, x);
    return w.emit(r, "selp." + t, signed, x, special);
  }

  private String binary(DType d, String instr, String x, String y) {
    Reg r = PtxTypes.regOf(d);
    String res;
    if (d.isFloating()) {
      res = w.emit(r, instr + ".rn." + PtxTypes.arith(d), x, y);
      PtxTypes.round(w, d, res);
    } else {
      String i = instr.equals("mul") ? "mul.lo" : instr;
      res = w.emit(r, i + "." + signedArith(d), x, y);
      PtxTypes.wrap(w, d, res);
    }
    return res;
  }

  private String integerPow(DType d, String x, int y) {
    Reg r = PtxTypes.regOf(d);
    if (!d.isFloating()) {
      String acc = w.emit(r, "mov." + PtxTypes.bits(d), "1");
      String base = x;
      for (int e = Math.max(y, 0); e > 0; e >>= 1) {
        if ((e & 1) != 0) {
          acc = w.emit(r, "mul.lo." + signedArith(d), acc, base);
        }
        if (e > 1) {
          base = w.emit(r, "mul.lo." + signedArith(d), base, base);
        }
      }
      PtxTypes.wrap(w, d, acc);
      return acc;
    }
    String t = PtxTypes.arith(d);
    if (y == 0) {
      return w.emit(r, "mov." + t, r == Reg.F64 ? PtxWriter.f64(1) : PtxWriter.f32(1));
    }
    String acc = null;
    String base = x;
    for (long e = Math.abs((long) y); e > 0; e >>= 1) {
      if ((e & 1) != 0) {
        if (acc == null) {
          acc = base;
        } else {
          acc = w.emit(r, "mul.rn." + t, acc, base);
          PtxTypes.round(w, d, acc);
        }
      }
      if (e > 1) {
        base = w.emit(r, "mul.rn." + t, base, base);
        PtxTypes.round(w, d, base);
      }
    }
    if (y < 0) {
      acc = w.emit(r, "rcp.rn." + t, acc);
      PtxTypes.round(w, d, acc);
    }
    return acc;
  }

  /** Applies a double-precision library function, widening and rounding as {@code d} needs. */
  private String math(DType d, KernelOp op, String x,
      java.util.function.UnaryOperator<String> f) {
    floatType(d, op);
    if (d == DType.FLOAT64) {
      return f.apply(x);
    }
    String wide = w.emit(Reg.F64, "cvt.f64.f32", x);
    return narrow(d, f.apply(wide));
  }

  private String math2(DType d, KernelOp op, String x, String y,
      java.util.function.BinaryOperator<String> f) {
    floatType(d, op);
    if (d == DType.FLOAT64) {
      return f.apply(x, y);
    }
    String wx = w.emit(Reg.F64, "cvt.f64.f32", x);
    String wy = w.emit(Reg.F64, "cvt.f64.f32", y);
    return narrow(d, f.apply(wx, wy));
  }

  /** A double rounded once into float dtype {@code d}, held in a float32 register. */
  String narrow(DType d, String f64) {
    return switch (d) {
      case FLOAT16 -> w.emit(Reg.F32, "cvt.f32.f16", w.emit(Reg.B16, "cvt.rn.f16.f64", f64));
      case BFLOAT16 -> w.emit(Reg.F32, "cvt.f32.bf16", w.emit(Reg.B16, "cvt.rn.bf16.f64", f64));
      default -> w.emit(Reg.F32, "cvt.rn.f32.f64", f64);
    };
  }

  private String not(DType d, String x) {
    requireInteger(d, KernelOp.NOT);
    if (d.isBool()) {
      return w.emit(Reg.B32, "xor.b32", x, "1");
    }
    String r = w.emit(PtxTypes.regOf(d), "not." + PtxTypes.bits(d), x);
    PtxTypes.wrap(w, d, r);
    return r;
  }

  private String mask(DType d, String x) {
    return switch (d) {
      case INT8, UINT8 -> w.emit(Reg.B32, "and.b32", x, "255");
      case INT16, UINT16 -> w.emit(Reg.B32, "and.b32", x, "65535");
      default -> x;
    };
  }

  private String bitCount(DType d, String x, boolean clz) {
    requireInteger(d, clz ? KernelOp.CLZ : KernelOp.POPULATION_COUNT);
    boolean wide = PtxTypes.regOf(d) == Reg.B64;
    String v = mask(d, x);
    String c = w.emit(Reg.B32, (clz ? "clz." : "popc.") + (wide ? "b64" : "b32"), v);
    if (clz && !wide && d.bits() < 32) {
      c = w.emit(Reg.B32, "sub.s32", c, Integer.toString(32 - d.bits()));
    }
    if (wide) {
      return w.emit(Reg.B64, "cvt.u64.u32", c);
    }
    PtxTypes.wrap(w, d, c);
    return c;
  }

  private String intDivRem(DType d, String x, String y, boolean div) {
    Reg r = PtxTypes.regOf(d);
    String b = PtxTypes.bits(d);
    String t = PtxTypes.arith(d);
    String zero = w.emit(Reg.PRED, "setp.eq." + b, y, "0");
    String guard = zero;
    if (!PtxTypes.unsigned(d)) {
      String min = r == Reg.B64 ? Long.toString(Long.MIN_VALUE) : Integer.toString(
          Integer.MIN_VALUE);
      String isMin = w.emit(Reg.PRED, "setp.eq." + b, x, min);
      String minusOne = w.emit(Reg.PRED, "setp.eq." + b, y, "-1");
      guard = w.emit(Reg.PRED, "or.pred", zero, w.emit(Reg.PRED, "and.pred", isMin, minusOne));
    }
    String safeY = w.emit(r, "selp." + b, "1", y, guard);
    String q = w.emit(r, (div ? "div." : "rem.") + t, x, safeY);
    String res = div ? w.emit(r, "selp." + b, "-1", q, zero) : w.emit(r, "selp." + b, x, q, zero);
    PtxTypes.wrap(w, d, res);
    return res;
  }

  private String maxMin(DType d, String x, String y, boolean max) {
    if (!d.isFloating()) {
      return w.emit(PtxTypes.regOf(d), (max ? "max." : "min.") + PtxTypes.arith(d), x, y);
    }
    return floatMaxMin(w, PtxTypes.regOf(d), x, y, max);
  }

  /**
   * Java's {@code Math.max}/{@code min} on float registers: NaN if either is NaN, and {@code
   * max(-0, +0) == +0}, {@code min(-0, +0) == -0} (by and-ing or or-ing the bits of equal values).
   */
  static String floatMaxMin(PtxWriter w, Reg r, String x, String y, boolean max) {
    boolean wide = r == Reg.F64;
    String t = wide ? "f64" : "f32";
    String b = wide ? "b64" : "b32";
    Reg bits = wide ? Reg.B64 : Reg.B32;
    String m = w.emit(r, (max ? "max." : "min.") + t, x, y);
    String same = w.emit(Reg.PRED, "setp.eq." + t, x, y);
    String joined = w.emit(bits, (max ? "and." : "or.") + b, w.emit(bits, "mov." + b, x),
        w.emit(bits, "mov." + b, y));
    m = w.emit(r, "selp." + t, w.emit(r, "mov." + b, joined), m, same);
    String nanX = w.emit(Reg.PRED, "setp.nan." + t, x, x);
    String nanY = w.emit(Reg.PRED, "setp.nan." + t, y, y);
    String any = w.emit(Reg.PRED, "or.pred", nanX, nanY);
    String nan = w.emit(r, "add.rn." + t, x, y);
    return w.emit(r, "selp." + t, nan, m, any);
  }

  private String bitwise(DType d, KernelOp op, String instr, String x, String y) {
    requireInteger(d, op);
    return w.emit(PtxTypes.regOf(d), instr + "." + PtxTypes.bits(d), x, y);
  }

  private String shift(KernelOp op, DType d, String x, String y) {
    requireInteger(d, op);
    Reg r = PtxTypes.regOf(d);
    boolean wide = r == Reg.B64;
    String b = PtxTypes.bits(d);
    String amount = mask(d, y);
    String inRange = w.emit(Reg.PRED, "setp.lt." + (wide ? "u64" : "u32"), amount,
        Integer.toString(d.bits()));
    String amt32 = wide ? w.emit(Reg.B32, "cvt.u32.u64", amount) : amount;
    String res = switch (op) {
      case SHIFT_LEFT -> {
        String s = w.emit(r, "shl." + b, x, amt32);
        yield w.emit(r, "selp." + b, s, "0", inRange);
      }
      case SHIFT_RIGHT_LOGICAL -> {
        String s = w.emit(r, "shr." + (wide ? "u64" : "u32"), mask(d, x), amt32);
        yield w.emit(r, "selp." + b, s, "0", inRange);
      }
      default -> {
        // Arithmetic shift of the value read as signed at its own width (uint8 200 is -56).
        String sx = !wide && d.bits() < 32
            ? w.emit(r, "bfe.s32", x, "0", Integer.toString(d.bits())) : x;
        String s = w.emit(r, "shr." + (wide ? "s64" : "s32"), sx, amt32);
        String fill = w.emit(r, "shr." + (wide ? "s64" : "s32"), sx, wide ? "63" : "31");
        yield w.emit(r, "selp." + b, s, fill, inRange);
      }
    };
    PtxTypes.wrap(w, d, res);
    return res;
  }

  private String compare(DType in, String floatCmp, String intCmp, String x, String y) {
    String t = PtxTypes.arith(in);
    String cmp = in.isFloating() ? floatCmp : intCmp;
    return bool(w.emit(Reg.PRED, "setp." + cmp + "." + t, x, y));
  }

  private String select(DType d, DType which, List<String> a) {
    Reg r = PtxTypes.regOf(d);
    String b = PtxTypes.bits(d);
    String res = a.get(1);
    String t = which.isBool() ? "u32" : PtxTypes.arith(which);
    for (int k = 1; k < a.size() - 1; k++) {
      String p = w.emit(Reg.PRED, "setp.ge." + t, a.get(0), Integer.toString(k));
      res = w.emit(r, "selp." + b, a.get(k + 1), res, p);
    }
    return res;
  }
}
