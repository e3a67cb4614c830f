package org.jaxpresso.runtime.gpu.ptx;

import org.jaxpresso.core.DType;
import org.jaxpresso.runtime.gpu.ptx.PtxWriter.Reg;

/**
 * How each dtype lives in PTX registers and memory. float64 is {@code .f64}; float32, float16
 * and bfloat16 compute in {@code .f32} and are rounded back to their own format after every op
 * (exactly like the reference, which rounds a double after every op: float32 arithmetic on
 * float16/bfloat16 values followed by one rounding gives the same result); 64-bit integers are
 * {@code .b64}; every narrower integer and bool is a {@code .b32} holding the value sign- or
 * zero-extended, re-wrapped to its width after every op, with bools 0 or 1.
 */
public final class PtxTypes {
  private PtxTypes() {}

  /**
   * The register class of values of {@code d}.
   *
   * @param d a dtype
   * @return the register class holding its values
   */
  public static Reg regOf(DType d) {
    return switch (d) {
      case FLOAT64 -> Reg.F64;
      case FLOAT32, FLOAT16, BFLOAT16 -> Reg.F32;
      case INT64, UINT64 -> Reg.B64;
      case BOOL, INT8, INT16, INT32, UINT8, UINT16, UINT32 -> Reg.B32;
    };
  }

  /**
   * The PTX type suffix arithmetic on {@code d}'s registers uses: f32, f64, s32, u32, s64, u64.
   *
   * @param d a dtype
   * @return the type suffix, without the dot
   */
  public static String arith(DType d) {
    return switch (d) {
      case FLOAT64 -> "f64";
      case FLOAT32, FLOAT16, BFLOAT16 -> "f32";
      case INT64 -> "s64";
      case UINT64 -> "u64";
      case INT8, INT16, INT32 -> "s32";
      case BOOL, UINT8, UINT16, UINT32 -> "u32";
    };
  }

  /**
   * The bit suffix of {@code d}'s registers: b32 or b64 (f32/f64 for floats).
   *
   * @param d a dtype
   * @return the suffix, without the dot
   */
  public static String bits(DType d) {
    return switch (regOf(d)) {
      case B64 -> "b64";
      case F64 -> "f64";
      case F32 -> "f32";
      default -> "b32";
    };
  }

  /**
   * Whether values of {@code d} order as unsigned numbers.
   *
   * @param d a dtype
   * @return {@code true} for bool and the unsigned integers
   */
  public static boolean unsigned(DType d) {
    return d.isBool() || d.isUnsigned();
  }

  /**
   * Rounds the float32 register {@code f} holding a {@code d} value back into format {@code d}.
   *
   * @param w the kernel body receiving the instructions
   * @param d the value's dtype; only float16 and bfloat16 emit anything
   * @param f the {@code .f32} register, rounded in place
   */
  public static void round(PtxWriter w, DType d, String f) {
    switch (d) {
      case FLOAT16 -> {
        String h = w.reg(Reg.B16);
        w.op("cvt.rn.f16.f32 " + h + ", " + f);
        w.op("cvt.f32.f16 " + f + ", " + h);
      }
      case BFLOAT16 -> {
        String h = w.reg(Reg.B16);
        w.op("cvt.rn.bf16.f32 " + h + ", " + f);
        w.op("cvt.f32.bf16 " + f + ", " + h);
      }
      default -> { }
    }
  }

  /**
   * Wraps the integer register {@code r} to the width and signedness of {@code d}, in place.
   *
   * @param w the kernel body receiving the instructions
   * @param d the value's dtype; only bool and the 8- and 16-bit integers emit anything
   * @param r the {@code .b32} register, wrapped in place
   */
  public static void wrap(PtxWriter w, DType d, String r) {
    switch (d) {
      case BOOL -> {
        String p = w.emit(Reg.PRED, "setp.ne.u32", r, "0");
        w.op("selp.u32 " + r + ", 1, 0, " + p);
      }
      case INT8 -> w.op("bfe.s32 " + r + ", " + r + ", 0, 8");
      case INT16 -> w.op("bfe.s32 " + r + ", " + r + ", 0, 16");
      case UINT8 -> w.op("and.b32 " + r + ", " + r + ", 255");
      case UINT16 -> w.op("and.b32 " + r + ", " + r + ", 65535");
      default -> { }
    }
  }

  /**
   * Rounds or wraps register {@code r} of dtype {@code d} in place after an op.
   *
   * @param w the kernel body receiving the instructions
   * @param d the value's dtype
   * @param r the register, normalized in place
   */
  public static void normalize(PtxWriter w, DType d, String r) {
    if (d.isFloating()) {
      round(w, d, r);
    } else {
      wrap(w, d, r);
    }
  }

  /**
   * Loads the {@code d} element at global address {@code addr} into a fresh register.
   *
   * @param w the kernel body receiving the instructions
   * @param d the element's dtype
   * @param addr the address operand, e.g. a {@code .b64} register
   * @return the register holding the value, in {@link #regOf} of {@code d}
   */
  public static String load(PtxWriter w, DType d, String addr) {
    String a = "[" + addr + "]";
    return switch (d) {
      case FLOAT64 -> w.emit(Reg.F64, "ld.global.f64", a);
      case FLOAT32 -> w.emit(Reg.F32, "ld.global.f32", a);
      case FLOAT16 -> w.emit(Reg.F32, "cvt.f32.f16", w.emit(Reg.B16, "ld.global.b16", a));
      case BFLOAT16 -> w.emit(Reg.F32, "cvt.f32.bf16", w.emit(Reg.B16, "ld.global.b16", a));
      case INT64, UINT64 -> w.emit(Reg.B64, "ld.global.u64", a);
      case INT32 -> w.emit(Reg.B32, "ld.global.s32", a);
      case UINT32 -> w.emit(Reg.B32, "ld.global.u32", a);
      case INT16 -> w.emit(Reg.B32, "ld.global.s16", a);
      case UINT16 -> w.emit(Reg.B32, "ld.global.u16", a);
      case INT8 -> w.emit(Reg.B32, "ld.global.s8", a);
      case UINT8, BOOL -> w.emit(Reg.B32, "ld.global.u8", a);
    };
  }

  /**
   * Stores register {@code v} (already in format {@code d}) at global address {@code addr}.
   *
   * @param w the kernel body receiving the instructions
   * @param d the element's dtype
   * @param addr the address operand, e.g. a {@code .b64} register
   * @param v the register holding the value
   */
  public static void store(PtxWriter w, DType d, String addr, String v) {
    String a = "[" + addr + "]";
    switch (d) {
      case FLOAT64 -> w.op("st.global.f64 " + a + ", " + v);
      case FLOAT32 -> w.op("st.global.f32 " + a + ", " + v);
      case FLOAT16 -> w.op("st.global.b16 " + a + ", " + w.emit(Reg.B16, "cvt.rn.f16.f32", v));
      case BFLOAT16 -> w.op("st.global.b16 " + a + ", " + w.emit(Reg.B16, "cvt.rn.bf16.f32", v));
      case INT64, UINT64 -> w.op("st.global.u64 " + a + ", " + v);
      case INT32, UINT32 -> w.op("st.global.u32 " + a + ", " + v);
      case INT16, UINT16 -> w.op("st.global.u16 " + a + ", " + v);
      case INT8, UINT8, BOOL -> w.op("st.global.u8 " + a + ", " + v);
    }
  }

  /**
   * Moves a constant of {@code d} (given as double and long views) into a fresh register.
   *
   * @param w the kernel body receiving the instructions
   * @param d the constant's dtype
   * @param dv the value as a double, used for floats
   * @param lv the value as a long, used for integers and bools
   * @return the register holding the constant
   */
  public static String constant(PtxWriter w, DType d, double dv, long lv) {
    return switch (regOf(d)) {
      case F64 -> w.emit(Reg.F64, "mov.f64", PtxWriter.f64(dv));
      case F32 -> w.emit(Reg.F32, "mov.f32", PtxWriter.f32((float) dv));
      case B64 -> w.emit(Reg.B64, "mov.b64", Long.toString(lv));
      default -> w.emit(Reg.B32, "mov.b32", Long.toString((int) lv));
    };
  }
}
