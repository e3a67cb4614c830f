package org.jaxpresso.runtime.gpu.ptx;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@link MathOps} on Java doubles: runs the GPU math library's algorithms on the host, with the
 * same correctly rounded operations as the PTX it emits, so their accuracy is measured by plain
 * unit tests without a GPU.
 */
public final class JavaMathOps implements MathOps<Double, Boolean> {
  /** The instance (the class is stateless). */
  public static final JavaMathOps INSTANCE = new JavaMathOps();

  private JavaMathOps() {}

  @Override
  public Double c(double v) {
    return v;
  }

  @Override
  public Double add(Double a, Double b) {
    return a + b;
  }

  @Override
  public Double sub(Double a, Double b) {
    return a - b;
  }

  @Override
  public Double mul(Double a, Double b) {
    return a * b;
  }

  @Override
  public Double div(Double a, Double b) {
    return a / b;
  }

  @Override
  public Double fma(Double a, Double b, Double c) {
    return Math.fma(a, b, c);
  }

  @Override
  public Double neg(Double a) {
    return -a;
  }

  @Override
  public Double abs(Double a) {
    return Math.abs(a);
  }

  @Override
  public Double sqrt(Double a) {
    return Math.sqrt(a);
  }

  @Override
  public Double rint(Double a) {
    return Math.rint(a);
  }

  @Override
  public Double floor(Double a) {
    return Math.floor(a);
  }

  @Override
  public Double copySign(Double mag, Double sign) {
    return Math.copySign(mag, sign);
  }

  @Override
  public Double exponent(Double a) {
    return (double) (((Double.doubleToRawLongBits(a) >>> 52) & 0x7FF) - 1023);
  }

  @Override
  public Double mantissa(Double a) {
    long bits = Double.doubleToRawLongBits(a);
    return Double.longBitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
  }

  @Override
  public Double scale(Double a, Double n) {
    long k = (long) (double) n;
    long third = k / 3;
    return a * pow2(third) * pow2(third) * pow2(k - 2 * third);
  }

  /** {@code 2^k} for {@code k} in {@code [-1022, 1023]}, built from its bits as the PTX does. */
  static double pow2(long k) {
    return Double.longBitsToDouble((k + 1023) << 52);
  }

  @Override
  public Boolean lt(Double a, Double b) {
    return a < b;
  }

  @Override
  public Boolean le(Double a, Double b) {
    return a <= b;
  }

  @Override
  public Boolean eq(Double a, Double b) {
    return a.doubleValue() == b.doubleValue();
  }

  @Override
  public Boolean isNan(Double a) {
    return Double.isNaN(a);
  }

  @Override
  public Boolean isInf(Double a) {
    return Double.isInfinite(a);
  }

  @Override
  public Boolean signBit(Double a) {
    return Double.doubleToRawLongBits(a) < 0;
  }

  @Override
  public Boolean and(Boolean a, Boolean b) {
    return a && b;
  }

  @Override
  public Boolean or(Boolean a, Boolean b) {
    return a || b;
  }

  @Override
  public Boolean not(Boolean a) {
    return !a;
  }

  @Override
  public Double select(Boolean p, Double a, Double b) {
    return p ? a : b;
  }

  @Override
  public List<Double> rarely(Boolean p, List<Double> fast, Supplier<List<Double>> slow) {
    return p ? slow.get() : fast;
  }
}
