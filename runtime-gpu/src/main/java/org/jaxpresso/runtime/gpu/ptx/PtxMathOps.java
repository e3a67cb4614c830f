package org.jaxpresso.runtime.gpu.ptx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jaxpresso.runtime.gpu.ptx.PtxWriter.Reg;

/**
 * {@link MathOps} emitting PTX: every operation appends correctly rounded {@code .f64}
 * instructions to a {@link PtxWriter} and returns the register holding the result.
 */
public final class PtxMathOps implements MathOps<String, String> {
  private final PtxWriter w;

  /**
   * Emits into {@code w}.
   *
   * @param w the kernel body receiving the instructions
   */
  public PtxMathOps(PtxWriter w) {
    this.w = w;
  }

  @Override
  public String c(double v) {
    return w.emit(Reg.F64, "mov.f64", PtxWriter.f64(v));
  }

  @Override
  public String add(String a, String b) {
    return w.emit(Reg.F64, "add.rn.f64", a, b);
  }

  @Override
  public String sub(String a, String b) {
    return w.emit(Reg.F64, "sub.rn.f64", a, b);
  }

  @Override
  public String mul(String a, String b) {
    return w.emit(Reg.F64, "mul.rn.f64", a, b);
  }

  @Override
  public String div(String a, String b) {
    return w.emit(Reg.F64, "div.rn.f64", a, b);
  }

  @Override
  public String fma(String a, String b, String c) {
    return w.emit(Reg.F64, "fma.rn.f64", a, b, c);
  }

  @Override
  public String neg(String a) {
    return w.emit(Reg.F64, "neg.f64", a);
  }

  @Override
  public String abs(String a) {
    return w.emit(Reg.F64, "abs.f64", a);
  }

  @Override
  public String sqrt(String a) {
    return w.emit(Reg.F64, "sqrt.rn.f64", a);
  }

  @Override
  public String rint(String a) {
    return w.emit(Reg.F64, "cvt.rni.f64.f64", a);
  }

  @Override
  public String floor(String a) {
    return w.emit(Reg.F64, "cvt.rmi.f64.f64", a);
  }

  @Override
  public String copySign(String mag, String sign) {
    // PTX copysign takes the sign from its first source.
    return w.emit(Reg.F64, "copysign.f64", sign, mag);
  }

  @Override
  public String exponent(String a) {
    String bits = w.emit(Reg.B64, "mov.b64", a);
    String e = w.emit(Reg.B64, "shr.u64", bits, "52");
    e = w.emit(Reg.B64, "and.b64", e, "2047");
    e = w.emit(Reg.B64, "sub.s64", e, "1023");
    return w.emit(Reg.F64, "cvt.rn.f64.s64", e);
  }

  @Override
  public String mantissa(String a) {
    String bits = w.emit(Reg.B64, "mov.b64", a);
    bits = w.emit(Reg.B64, "and.b64", bits, "4503599627370495");
    bits = w.emit(Reg.B64, "or.b64", bits, "4607182418800017408");
    return w.emit(Reg.F64, "mov.b64", bits);
  }

  @Override
  public String scale(String a, String n) {
    String k = w.emit(Reg.B32, "cvt.rzi.s32.f64", n);
    String third = w.emit(Reg.B32, "div.s32", k, "3");
    String rest = w.emit(Reg.B32, "mad.lo.s32", third, "-2", k);
    String p1 = pow2(third);
    String p2 = pow2(rest);
    String r = w.emit(Reg.F64, "mul.rn.f64", a, p1);
    r = w.emit(Reg.F64, "mul.rn.f64", r, p1);
    return w.emit(Reg.F64, "mul.rn.f64", r, p2);
  }

  private String pow2(String k32) {
    String b = w.emit(Reg.B32, "add.s32", k32, "1023");
    String wide = w.emit(Reg.B64, "cvt.u64.u32", b);
    wide = w.emit(Reg.B64, "shl.b64", wide, "52");
    return w.emit(Reg.F64, "mov.b64", wide);
  }

  @Override
  public String lt(String a, String b) {
    return w.emit(Reg.PRED, "setp.lt.f64", a, b);
  }

  @Override
  public String le(String a, String b) {
    return w.emit(Reg.PRED, "setp.le.f64", a, b);
  }

  @Override
  public String eq(String a, String b) {
    return w.emit(Reg.PRED, "setp.eq.f64", a, b);
  }

  @Override
  public String isNan(String a) {
    return w.emit(Reg.PRED, "setp.nan.f64", a, a);
  }

  @Override
  public String isInf(String a) {
    return w.emit(Reg.PRED, "testp.infinite.f64", a);
  }

  @Override
  public String signBit(String a) {
    String bits = w.emit(Reg.B64, "mov.b64", a);
    return w.emit(Reg.PRED, "setp.lt.s64", bits, "0");
  }

  @Override
  public String and(String a, String b) {
    return w.emit(Reg.PRED, "and.pred", a, b);
  }

  @Override
  public String or(String a, String b) {
    return w.emit(Reg.PRED, "or.pred", a, b);
  }

  @Override
  public String not(String a) {
    return w.emit(Reg.PRED, "not.pred", a);
  }

  @Override
  public String select(String p, String a, String b) {
    return w.emit(Reg.F64, "selp.f64", a, b, p);
  }

  @Override
  public List<String> rarely(String p, List<String> fast, Supplier<List<String>> slow) {
    List<String> out = new ArrayList<>();
    for (String f : fast) {
      String d = w.reg(Reg.F64);
      w.op("mov.f64 " + d + ", " + f);
      out.add(d);
    }
    String skip = w.label("rare");
    w.op("@!" + p + " bra " + skip);
    List<String> s = slow.get();
    if (s.size() != out.size()) {
      throw new IllegalArgumentException("rarely: " + s.size() + " slow values for "
          + out.size() + " fast ones");
    }
    for (int i = 0; i < s.size(); i++) {
      w.op("mov.f64 " + out.get(i) + ", " + s.get(i));
    }
    w.place(skip);
    return out;
  }
}
