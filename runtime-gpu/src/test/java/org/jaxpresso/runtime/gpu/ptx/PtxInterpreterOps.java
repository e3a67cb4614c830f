package org.jaxpresso.runtime.gpu.ptx;

import java.util.function.IntFunction;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;

/** The arithmetic, logic, comparison and conversion instructions of {@link PtxInterpreter}. */
final class PtxInterpreterOps {
  private PtxInterpreterOps() {}

  private static boolean isFloat(String t) {
    return t.equals("f32") || t.equals("f64");
  }

  private static boolean isSigned(String t) {
    return t.startsWith("s");
  }

  private static double fv(long bits, String t) {
    return PtxInterpreter.fp(bits, t);
  }

  private static long fb(double v, String t) {
    return PtxInterpreter.fbits(v, t);
  }

  private static long f32(float v) {
    return Float.floatToRawIntBits(v) & 0xFFFFFFFFL;
  }

  private static float ff(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  static long compute(String[] parts, String type, String[] a, IntFunction<Long> x) {
    String op = parts[0];
    int w = PtxInterpreter.width(type);
    return switch (op) {
      case "add", "sub", "mul", "div", "rem" -> arith(op, parts, type, w, x.apply(1),
          x.apply(2));
      case "mad" -> PtxInterpreter.msk(x.apply(1) * x.apply(2) + x.apply(3), w);
      case "fma" -> type.equals("f64")
          ? fb(Math.fma(fv(x.apply(1), type), fv(x.apply(2), type), fv(x.apply(3), type)), type)
          : f32(Math.fma(ff(x.apply(1)), ff(x.apply(2)), ff(x.apply(3))));
      case "min", "max" -> minMax(op.equals("max"), type, w, x.apply(1), x.apply(2));
      case "neg" -> isFloat(type) ? x.apply(1) ^ (1L << (w - 1))
          : PtxInterpreter.msk(-x.apply(1), w);
      case "abs" -> isFloat(type) ? x.apply(1) & ~(1L << (w - 1))
          : PtxInterpreter.msk(Math.abs(PtxInterpreter.sgn(x.apply(1), type)), w);
      case "sqrt" -> type.equals("f64") ? fb(Math.sqrt(fv(x.apply(1), type)), type)
          : f32((float) Math.sqrt(ff(x.apply(1))));
      case "rcp" -> type.equals("f64") ? fb(1.0 / fv(x.apply(1), type), type)
          : f32(1f / ff(x.apply(1)));
      case "and" -> x.apply(1) & x.apply(2);
      case "or" -> x.apply(1) | x.apply(2);
      case "xor" -> x.apply(1) ^ x.apply(2);
      case "not" -> type.equals("pred") ? 1 - x.apply(1) : PtxInterpreter.msk(~x.apply(1), w);
      case "shl" -> {
        long n = x.apply(2) & 0xFFFFFFFFL;
        yield n >= w ? 0 : PtxInterpreter.msk(x.apply(1) << n, w);
      }
      case "shr" -> {
        long n = x.apply(2) & 0xFFFFFFFFL;
        long v = x.apply(1);
        if (isSigned(type)) {
          yield PtxInterpreter.msk(PtxInterpreter.sgn(v, type) >> Math.min(n, w - 1), w);
        }
        yield n >= w ? 0 : PtxInterpreter.msk(v, w) >>> n;
      }
      case "setp" -> setp(parts[1], type, x.apply(1), x.apply(2)) ? 1 : 0;
      case "selp" -> x.apply(3) != 0 ? x.apply(1) : x.apply(2);
      case "testp" -> {
        double v = fv(x.apply(1), type);
        yield (parts[1].equals("finite") ? Double.isFinite(v) : Double.isInfinite(v)) ? 1 : 0;
      }
      case "copysign" -> (x.apply(2) & ~(1L << (w - 1))) | (x.apply(1) & (1L << (w - 1)));
      case "bfe" -> {
        long v = x.apply(1);
        int pos = (int) (long) x.apply(2);
        int len = (int) (long) x.apply(3);
        long field = (v >>> pos) & ((1L << len) - 1);
        yield PtxInterpreter.msk((field << (64 - len)) >> (64 - len), 32);
      }
      case "clz" -> w == 64 ? Long.numberOfLeadingZeros(x.apply(1))
          : Integer.numberOfLeadingZeros((int) (long) x.apply(1));
      case "popc" -> w == 64 ? Long.bitCount(x.apply(1))
          : Integer.bitCount((int) (long) x.apply(1));
      case "cvt" -> cvt(parts, x.apply(1));
      default -> throw new IllegalArgumentException("interpreter: unsupported " + String.join(".",
          parts));
    };
  }

  private static long arith(String op, String[] parts, String type, int w, long p, long q) {
    if (isFloat(type)) {
      if (type.equals("f64")) {
        double u = fv(p, type);
        double v = fv(q, type);
        return fb(switch (op) {
          case "add" -> u + v;
          case "sub" -> u - v;
          case "mul" -> u * v;
          default -> u / v;
        }, type);
      }
      float u = ff(p);
      float v = ff(q);
      return f32(switch (op) {
        case "add" -> u + v;
        case "sub" -> u - v;
        case "mul" -> u * v;
        default -> u / v;
      });
    }
    if (op.equals("mul") && parts[1].equals("wide")) {
      return isSigned(type) ? PtxInterpreter.sgn(p, type) * PtxInterpreter.sgn(q, type) : p * q;
    }
    long sp = isSigned(type) ? PtxInterpreter.sgn(p, type) : p;
    long sq = isSigned(type) ? PtxInterpreter.sgn(q, type) : q;
    long r = switch (op) {
      case "add" -> sp + sq;
      case "sub" -> sp - sq;
      case "mul" -> sp * sq;
      case "div" -> {
        if (sq == 0) {
          throw new ArithmeticException("integer division by zero in generated code");
        }
        yield isSigned(type) ? sp / sq : (w == 64 ? Long.divideUnsigned(sp, sq) : sp / sq);
      }
      default -> {
        if (sq == 0) {
          throw new ArithmeticException("integer remainder by zero in generated code");
        }
        yield isSigned(type) ? sp % sq : (w == 64 ? Long.remainderUnsigned(sp, sq) : sp % sq);
      }
    };
    return PtxInterpreter.msk(r, w);
  }

  private static long minMax(boolean max, String type, int w, long p, long q) {
    if (isFloat(type)) {
      double u = fv(p, type);
      double v = fv(q, type);
      if (Double.isNaN(u)) {
        return q;
      }
      if (Double.isNaN(v)) {
        return p;
      }
      return max ? (u >= v ? p : q) : (u <= v ? p : q);
    }
    int c = isSigned(type) ? Long.compare(PtxInterpreter.sgn(p, type), PtxInterpreter.sgn(q,
        type)) : Long.compareUnsigned(p, q);
    return max ? (c >= 0 ? p : q) : (c <= 0 ? p : q);
  }

  private static boolean setp(String cmp, String type, long p, long q) {
    if (isFloat(type)) {
      double u = fv(p, type);
      double v = fv(q, type);
      boolean nan = Double.isNaN(u) || Double.isNaN(v);
      return switch (cmp) {
        case "eq" -> u == v;
        case "ne" -> !nan && u != v;
        case "lt" -> u < v;
        case "le" -> u <= v;
        case "gt" -> u > v;
        case "ge" -> u >= v;
        case "equ" -> nan || u == v;
        case "neu" -> nan || u != v;
        case "nan" -> nan;
        default -> throw new IllegalArgumentException("interpreter: setp." + cmp);
      };
    }
    int c = isSigned(type) ? Long.compare(PtxInterpreter.sgn(p, type), PtxInterpreter.sgn(q,
        type)) : Long.compareUnsigned(PtxInterpreter.msk(p, PtxInterpreter.width(type)),
        PtxInterpreter.msk(q, PtxInterpreter.width(type)));
    return switch (cmp) {
      case "eq" -> c == 0;
      case "ne" -> c != 0;
      case "lt" -> c < 0;
      case "le" -> c <= 0;
      case "gt" -> c > 0;
      case "ge" -> c >= 0;
      default -> throw new IllegalArgumentException("interpreter: setp." + cmp);
    };
  }

  private static double floatValue(long bits, String t) {
    return switch (t) {
      case "f64" -> Double.longBitsToDouble(bits);
      case "f32" -> Float.intBitsToFloat((int) bits);
      case "f16" -> Float.float16ToFloat((short) bits);
      case "bf16" -> Float.intBitsToFloat((int) (bits << 16));
      default -> throw new IllegalArgumentException(t);
    };
  }

  private static long roundTo(double v, String t) {
    return switch (t) {
      case "f64" -> Double.doubleToRawLongBits(v);
      case "f32" -> f32((float) v);
      case "f16", "bf16" -> {
        HostBuffer h = HostBuffer.allocate(t.equals("f16") ? DType.FLOAT16 : DType.BFLOAT16, 1);
        h.setDouble(0, v);
        yield ((short[]) h.data())[0] & 0xFFFFL;
      }
      default -> throw new IllegalArgumentException(t);
    };
  }

  private static boolean floatType(String t) {
    return t.equals("f64") || t.equals("f32") || t.equals("f16") || t.equals("bf16");
  }

  private static long cvt(String[] parts, long v) {
    String mode = parts.length == 4 ? parts[1] : null;
    String dst = parts[parts.length - 2];
    String src = parts[parts.length - 1];
    if (floatType(src) && floatType(dst)) {
      double d = floatValue(v, src);
      if (mode != null && !mode.equals("rn")) {
        d = switch (mode) {
          case "rni" -> Math.rint(d);
          case "rmi" -> Math.floor(d);
          case "rpi" -> Math.ceil(d);
          default -> d < 0 ? Math.ceil(d) : Math.floor(d);
        };
      }
      return roundTo(d, dst);
    }
    if (floatType(src)) {
      double d = floatValue(v, src);
      if (Double.isNaN(d)) {
        return 0;
      }
      double t = d < 0 ? Math.ceil(d) : Math.floor(d);
      int w = PtxInterpreter.width(dst);
      if (isSigned(dst)) {
        double lo = -Math.scalb(1.0, w - 1);
        double hi = Math.scalb(1.0, w - 1);
        long r = t <= lo ? (w == 64 ? Long.MIN_VALUE : (long) lo) : t >= hi
            ? (w == 64 ? Long.MAX_VALUE : (long) hi - 1) : (long) t;
        return PtxInterpreter.msk(r, w);
      }
      if (t <= 0) {
        return 0;
      }
      if (t >= Math.scalb(1.0, w)) {
        return PtxInterpreter.msk(-1L, w);
      }
      return t >= 0x1p63 ? (long) (t - 0x1p63) + Long.MIN_VALUE : (long) t;
    }
    if (floatType(dst)) {
      boolean unsigned64 = src.equals("u64") || src.equals("b64");
      long s = isSigned(src) ? PtxInterpreter.sgn(v, src) : PtxInterpreter.msk(v,
          PtxInterpreter.width(src));
      if (dst.equals("f64")) {
        return Double.doubleToRawLongBits(unsigned64 && s < 0
            ? ((double) ((s >>> 1) | (s & 1))) * 2 : (double) s);
      }
      return f32(unsigned64 && s < 0 ? ((float) ((s >>> 1) | (s & 1))) * 2 : (float) s);
    }
    long s = isSigned(src) ? PtxInterpreter.sgn(v, src) : PtxInterpreter.msk(v,
        PtxInterpreter.width(src));
    return PtxInterpreter.msk(s, PtxInterpreter.width(dst));
  }
}
