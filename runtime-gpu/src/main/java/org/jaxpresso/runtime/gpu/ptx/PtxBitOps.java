package org.jaxpresso.runtime.gpu.ptx;

import org.jaxpresso.core.DType;
import org.jaxpresso.runtime.gpu.ptx.PtxWriter.Reg;

/**
 * The float operations done on bit patterns: {@code rem} (C's {@code fmod}, exact, by binary
 * long division of the significands, the algorithm of musl's {@code fmod}), {@code nextafter}
 * and {@code reduce_precision} (XLA's rounding of the significand and clamping of the exponent,
 * as lax's reference kernel does, on the dtype's own bits).
 */
final class PtxBitOps {
  private final PtxWriter w;

  PtxBitOps(PtxWriter w) {
    this.w = w;
  }

  /** The bit layout of a float format. */
  private record Layout(int width, int exponentBits, int mantissaBits) {
    String b() {
      return width == 64 ? "b64" : "b32";
    }

    String u() {
      return width == 64 ? "u64" : "u32";
    }

    String s() {
      return width == 64 ? "s64" : "s32";
    }

    Reg reg() {
      return width == 64 ? Reg.B64 : Reg.B32;
    }
  }

  private static Layout layout(DType d) {
    return switch (d) {
      case FLOAT64 -> new Layout(64, 11, 52);
      case FLOAT32 -> new Layout(32, 8, 23);
      case FLOAT16 -> new Layout(16, 5, 10);
      case BFLOAT16 -> new Layout(16, 8, 7);
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  /** The dtype's bits of float register {@code x} in a b32/b64 register. */
  private String toBits(DType d, String x) {
    return switch (d) {
      case FLOAT64 -> w.emit(Reg.B64, "mov.b64", x);
      case FLOAT32 -> w.emit(Reg.B32, "mov.b32", x);
      case FLOAT16 -> w.emit(Reg.B32, "cvt.u32.u16", w.emit(Reg.B16, "cvt.rn.f16.f32", x));
      case BFLOAT16 -> w.emit(Reg.B32, "cvt.u32.u16", w.emit(Reg.B16, "cvt.rn.bf16.f32", x));
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  private String fromBits(DType d, String bits) {
    return switch (d) {
      case FLOAT64 -> w.emit(Reg.F64, "mov.b64", bits);
      case FLOAT32 -> w.emit(Reg.F32, "mov.b32", bits);
      case FLOAT16 -> w.emit(Reg.F32, "cvt.f32.f16", w.emit(Reg.B16, "cvt.u16.u32", bits));
      case BFLOAT16 -> w.emit(Reg.F32, "cvt.f32.bf16", w.emit(Reg.B16, "cvt.u16.u32", bits));
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  /** {@code reduce_precision(x, exponentBits, mantissaBits)} on dtype {@code d}. */
  String reducePrecision(DType d, String x, int exponentBits, int mantissaBits) {
    Layout l = layout(d);
    String b = l.b();
    Reg r = l.reg();
    int srcM = l.mantissaBits();
    int srcE = l.exponentBits();
    long signMask = 1L << (l.width() - 1);
    long expMask = ((1L << srcE) - 1) << srcM;
    long mantMask = (1L << srcM) - 1;
    String bits = toBits(d, x);
    String v = bits;
    if (mantissaBits < srcM) {
      long lastBit = 1L << (srcM - mantissaBits);
      long baseBias = (lastBit >> 1) - 1;
      String last = w.emit(r, "and." + b, v, Long.toString(lastBit));
      last = w.emit(r, "shr." + l.u(), last, Integer.toString(srcM - mantissaBits));
      String sum = w.emit(r, "add." + l.s(), v, last);
      sum = w.emit(r, "add." + l.s(), sum, Long.toString(baseBias));
      v = w.emit(r, "and." + b, sum, Long.toString(~(lastBit - 1) & widthMask(l)));
    }
    if (exponentBits < srcE) {
      long biasDiff = (1L << (srcE - 1)) - (1L << (exponentBits - 1));
      long reducedMax = (biasDiff + (1L << exponentBits) - 2) << srcM;
      long reducedMin = biasDiff << srcM;
      String xExp = w.emit(r, "and." + b, v, Long.toString(expMask));
      String sign = w.emit(r, "and." + b, v, Long.toString(signMask & widthMask(l)));
      String over = w.emit(Reg.PRED, "setp.gt." + l.u(), xExp, Long.toString(reducedMax));
      String under = w.emit(Reg.PRED, "setp.le." + l.u(), xExp, Long.toString(reducedMin));
      String inf = w.emit(r, "or." + b, sign, Long.toString(expMask));
      v = w.emit(r, "selp." + b, inf, v, over);
      v = w.emit(r, "selp." + b, sign, v, under);
    }
    if (l.width() < 32) {
      v = w.emit(r, "and." + b, v, Long.toString(widthMask(l)));
    }
    String e = w.emit(r, "and." + b, bits, Long.toString(expMask));
    String isMaxExp = w.emit(Reg.PRED, "setp.eq." + b, e, Long.toString(expMask));
    String m = w.emit(r, "and." + b, bits, Long.toString(mantMask));
    String nonZeroMant = w.emit(Reg.PRED, "setp.ne." + b, m, "0");
    String nan = w.emit(Reg.PRED, "and.pred", isMaxExp, nonZeroMant);
    return fromBits(d, w.emit(r, "selp." + b, bits, v, nan));
  }

  private static long widthMask(Layout l) {
    return l.width() == 64 ? -1L : (1L << l.width()) - 1;
  }

  /** C's {@code nextafter(x, y)} on dtype {@code d}. */
  String nextAfter(DType d, String x, String y) {
    Layout l = layout(d);
    Reg fr = PtxTypes.regOf(d);
    String t = PtxTypes.arith(d);
    String b = l.b();
    Reg r = l.reg();
    String zero = fr == Reg.F64 ? PtxWriter.f64(0) : PtxWriter.f32(0);
    String bx = toBits(d, x);
    String by = toBits(d, y);
    String up = w.emit(r, "add." + l.s(), bx, "1");
    String down = w.emit(r, "sub." + l.s(), bx, "1");
    String pos = w.emit(Reg.PRED, "setp.gt." + t, x, zero);
    String less = w.emit(Reg.PRED, "setp.lt." + t, x, y);
    String grow = w.emit(Reg.PRED, "xor.pred", pos, less);
    String stepped = w.emit(r, "selp." + b, down, up, grow);
    String signY = w.emit(r, "and." + b, by, Long.toString((1L << (l.width() - 1))
        & widthMask(l)));
    String tiny = w.emit(r, "or." + b, signY, "1");
    String isZero = w.emit(Reg.PRED, "setp.eq." + t, x, zero);
    String res = w.emit(r, "selp." + b, tiny, stepped, isZero);
    String f = fromBits(d, res);
    String same = w.emit(Reg.PRED, "setp.eq." + t, x, y);
    f = w.emit(fr, "selp." + t, y, f, same);
    String nan = w.emit(Reg.PRED, "setp.nan." + t, x, y);
    String sum = w.emit(fr, "add.rn." + t, x, y);
    return w.emit(fr, "selp." + t, sum, f, nan);
  }

  /** C's {@code fmod(x, y)} on dtype {@code d} (exact; float16/bfloat16 go through float32). */
  String fmod(DType d, String x, String y) {
    Layout l = d == DType.FLOAT64 ? layout(d) : layout(DType.FLOAT32);
    String ft = l.width() == 64 ? "f64" : "f32";
    Reg fr = l.width() == 64 ? Reg.F64 : Reg.F32;
    String b = l.b();
    String u = l.u();
    Reg r = l.reg();
    int mBits = l.mantissaBits();
    int eMax = (1 << l.exponentBits()) - 1;
    long mantMask = (1L << mBits) - 1;
    long implicit = 1L << mBits;
    String ux = w.emit(r, "mov." + b, x);
    String uy = w.emit(r, "mov." + b, y);
    String ex = exponentField(l, ux);
    String ey = exponentField(l, uy);
    String sx = w.emit(r, "and." + b, ux, Long.toString(1L << (l.width() - 1)));
    String ux2 = w.emit(r, "shl." + b, ux, "1");
    String uy2 = w.emit(r, "shl." + b, uy, "1");
    String yZero = w.emit(Reg.PRED, "setp.eq." + b, uy2, "0");
    String yNan = w.emit(Reg.PRED, "setp.nan." + ft, y, y);
    String xSpecial = w.emit(Reg.PRED, "setp.eq.s32", ex, Integer.toString(eMax));
    String special = w.emit(Reg.PRED, "or.pred", w.emit(Reg.PRED, "or.pred", yZero, yNan),
        xSpecial);
    String small = w.emit(Reg.PRED, "setp.le." + u, ux2, uy2);
    String equal = w.emit(Reg.PRED, "setp.eq." + u, ux2, uy2);
    String[] nx = normalize(l, ux, ex, mantMask, implicit);
    String[] ny = normalize(l, uy, ey, mantMask, implicit);
    String rem = w.emit(r, "mov." + b, nx[0]);
    String e = w.emit(Reg.B32, "mov.b32", nx[1]);
    String skip = w.emit(Reg.PRED, "or.pred", special, small);
    w.op("@" + skip + " mov.b32 " + e + ", " + ny[1]);
    String zeroFlag = w.emit(Reg.B32, "mov.b32", "0");
    String loop = w.label("fmod");
    String done = w.label("fmod_done");
    w.place(loop);
    String stop = w.emit(Reg.PRED, "setp.le.s32", e, ny[1]);
    w.op("@" + stop + " bra " + done);
    step(l, rem, ny[0], zeroFlag);
    String hit = w.emit(Reg.PRED, "setp.ne.b32", zeroFlag, "0");
    w.op("@" + hit + " bra " + done);
    w.op("shl." + b + " " + rem + ", " + rem + ", 1");
    w.op("sub.s32 " + e + ", " + e + ", 1");
    w.op("bra " + loop);
    w.place(done);
    step(l, rem, ny[0], zeroFlag);
    // Renormalize: shift the leading one back to the implicit bit.
    String lz = w.emit(Reg.B32, "clz." + b, rem);
    String sh = w.emit(Reg.B32, "sub.s32", lz, Integer.toString(l.width() - 1 - mBits));
    String shifted = w.emit(r, "shl." + b, rem, sh);
    String ef = w.emit(Reg.B32, "sub.s32", e, sh);
    String normal = w.emit(Reg.PRED, "setp.gt.s32", ef, "0");
    String eWide = l.width() == 64 ? w.emit(Reg.B64, "cvt.u64.u32", ef) : ef;
    String encExp = w.emit(r, "shl." + b, eWide, Integer.toString(mBits));
    String encNorm = w.emit(r, "or." + b, w.emit(r, "sub." + l.s(), shifted,
        Long.toString(implicit)), encExp);
    String subShift = w.emit(Reg.B32, "sub.s32", "1", ef);
    String encSub = w.emit(r, "shr." + u, shifted, subShift);
    String enc = w.emit(r, "selp." + b, encNorm, encSub, normal);
    enc = w.emit(r, "or." + b, enc, sx);
    String res = w.emit(fr, "mov." + b, enc);
    String signedZero = w.emit(fr, "mov." + b, sx);
    String isZero = w.emit(Reg.PRED, "setp.ne.b32", zeroFlag, "0");
    res = w.emit(fr, "selp." + ft, signedZero, res, isZero);
    res = w.emit(fr, "selp." + ft, signedZero, res, equal);
    String smallOnly = w.emit(Reg.PRED, "and.pred", small, w.emit(Reg.PRED, "not.pred", equal));
    res = w.emit(fr, "selp." + ft, x, res, smallOnly);
    String nan = w.emit(fr, "mov." + ft, l.width() == 64 ? PtxWriter.f64(Double.NaN)
        : PtxWriter.f32(Float.NaN));
    return w.emit(fr, "selp." + ft, nan, res, special);
  }

  private String exponentField(Layout l, String bits) {
    String sh = w.emit(l.reg(), "shr." + l.u(), bits, Integer.toString(l.mantissaBits()));
    String e32 = l.width() == 64 ? w.emit(Reg.B32, "cvt.u32.u64", sh) : sh;
    return w.emit(Reg.B32, "and.b32", e32, Integer.toString((1 << l.exponentBits()) - 1));
  }

  /** {significand with the implicit bit at position m, exponent}, subnormals normalized. */
  private String[] normalize(Layout l, String bits, String e, long mantMask, long implicit) {
    String b = l.b();
    String mant = w.emit(l.reg(), "and." + b, bits, Long.toString(mantMask));
    String sub = w.emit(Reg.PRED, "setp.eq.s32", e, "0");
    String lz = w.emit(Reg.B32, "clz." + b, mant);
    String sh = w.emit(Reg.B32, "sub.s32", lz, Integer.toString(l.width() - 1
        - l.mantissaBits()));
    String subMant = w.emit(l.reg(), "shl." + b, mant, sh);
    String subExp = w.emit(Reg.B32, "sub.s32", "1", sh);
    String normMant = w.emit(l.reg(), "or." + b, mant, Long.toString(implicit));
    String m = w.emit(l.reg(), "selp." + b, subMant, normMant, sub);
    String ex = w.emit(Reg.B32, "selp.b32", subExp, e, sub);
    return new String[] {m, ex};
  }

  /** One step of the long division: subtract when it fits; flag an exact zero. */
  private void step(Layout l, String rem, String divisor, String zeroFlag) {
    String b = l.b();
    String i = w.emit(l.reg(), "sub." + l.s(), rem, divisor);
    String fits = w.emit(Reg.PRED, "setp.ge." + l.s(), i, "0");
    w.op("@" + fits + " mov." + b + " " + rem + ", " + i);
    String z = w.emit(Reg.PRED, "setp.eq." + b, i, "0");
    String exact = w.emit(Reg.PRED, "and.pred", fits, z);
    w.op("@" + exact + " mov.b32 " + zeroFlag + ", 1");
  }
}
