package org.jaxpresso.runtime.gpu.ptx;

import org.jaxpresso.core.DType;
import org.jaxpresso.runtime.gpu.ptx.PtxWriter.Reg;

/**
 * {@code convert_element_type} between any two dtypes, as the reference evaluates it: to bool
 * is "not zero" (NaN is true); float to integer truncates toward zero, saturates at the target's
 * range and sends NaN to 0 (PTX's {@code cvt.rzi} does exactly this for 32- and 64-bit targets;
 * narrower targets clamp after); integer to float rounds once to nearest even (via float32 for
 * float16/bfloat16, an innocuous double rounding since 24 >= 2p + 2 for both); integer to
 * integer wraps.
 */
final class PtxConvert {
  private PtxConvert() {}

  static String convert(PtxWriter w, DType from, DType to, String x) {
    if (from == to) {
      return x;
    }
    if (to.isBool()) {
      String p = from.isFloating()
          ? w.emit(Reg.PRED, "setp.neu." + PtxTypes.arith(from), x, from == DType.FLOAT64
              ? PtxWriter.f64(0) : PtxWriter.f32(0))
          : w.emit(Reg.PRED, "setp.ne." + PtxTypes.bits(from), x, "0");
      return w.emit(Reg.B32, "selp.u32", "1", "0", p);
    }
    if (from.isFloating() && to.isFloating()) {
      return floatToFloat(w, from, to, x);
    }
    if (from.isFloating()) {
      return floatToInt(w, from, to, x);
    }
    if (to.isFloating()) {
      return intToFloat(w, from, to, x);
    }
    return intToInt(w, from, to, x);
  }

  private static String floatToFloat(PtxWriter w, DType from, DType to, String x) {
    if (to == DType.FLOAT64) {
      return w.emit(Reg.F64, "cvt.f64.f32", x);
    }
    if (from == DType.FLOAT64) {
      return switch (to) {
        case FLOAT16 -> w.emit(Reg.F32, "cvt.f32.f16", w.emit(Reg.B16, "cvt.rn.f16.f64", x));
        case BFLOAT16 -> w.emit(Reg.F32, "cvt.f32.bf16", w.emit(Reg.B16, "cvt.rn.bf16.f64", x));
        default -> w.emit(Reg.F32, "cvt.rn.f32.f64", x);
      };
    }
    // float32-class to float32-class: the value is exact in float32; one rounding to the target.
    String r = w.emit(Reg.F32, "mov.f32", x);
    PtxTypes.round(w, to, r);
    return r;
  }

  private static String floatToInt(PtxWriter w, DType from, DType to, String x) {
    String ft = PtxTypes.arith(from);
    return switch (to) {
      case INT64 -> w.emit(Reg.B64, "cvt.rzi.s64." + ft, x);
      case UINT64 -> w.emit(Reg.B64, "cvt.rzi.u64." + ft, x);
      case INT32 -> w.emit(Reg.B32, "cvt.rzi.s32." + ft, x);
      case UINT32 -> w.emit(Reg.B32, "cvt.rzi.u32." + ft, x);
      default -> {
        String v = w.emit(Reg.B32, "cvt.rzi.s32." + ft, x);
        long lo = to.isUnsigned() ? 0 : -(1L << (to.bits() - 1));
        long hi = to.isUnsigned() ? (1L << to.bits()) - 1 : (1L << (to.bits() - 1)) - 1;
        v = w.emit(Reg.B32, "max.s32", v, Long.toString(lo));
        yield w.emit(Reg.B32, "min.s32", v, Long.toString(hi));
      }
    };
  }

  private static String intToFloat(PtxWriter w, DType from, DType to, String x) {
    String it = PtxTypes.arith(from);
    if (to == DType.FLOAT64) {
      return w.emit(Reg.F64, "cvt.rn.f64." + it, x);
    }
    String f = w.emit(Reg.F32, "cvt.rn.f32." + it, x);
    PtxTypes.round(w, to, f);
    return f;
  }

  private static String intToInt(PtxWriter w, DType from, DType to, String x) {
    Reg fr = PtxTypes.regOf(from);
    Reg tr = PtxTypes.regOf(to);
    String v;
    if (fr == tr) {
      v = w.emit(tr, "mov." + PtxTypes.bits(to), x);
    } else if (tr == Reg.B64) {
      v = w.emit(Reg.B64, PtxTypes.unsigned(from) ? "cvt.u64.u32" : "cvt.s64.s32", x);
    } else {
      v = w.emit(Reg.B32, "cvt.u32.u64", x);
    }
    PtxTypes.wrap(w, to, v);
    return v;
  }
}
