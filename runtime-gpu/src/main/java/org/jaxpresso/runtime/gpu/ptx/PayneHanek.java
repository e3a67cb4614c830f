package org.jaxpresso.runtime.gpu.ptx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Payne-Hanek reduction of large trigonometric arguments by {@code pi/2}, written against
 * {@link MathOps} like the rest of {@link MathLibrary} (which calls it above {@code 2^19}, where
 * its three-part {@code pi/2} runs out of bits): the argument's mantissa is multiplied exactly
 * by the words of a table of the bits of {@code 2/pi} selected by its exponent, as CUDA's
 * {@code __internal_trig_reduction_slowpathd} and fdlibm's {@code __kernel_rem_pio2} do, here
 * in integer-valued doubles.
 *
 * @param <D> a double value of the target
 * @param <P> a predicate of the target
 */
final class PayneHanek<D, P> {
  private static final BigDecimal PI_OVER_2 =
      new BigDecimal("1.57079632679489661923132169163975144209858469968755291048747");
  /** Product terms of the Payne-Hanek reduction (24 bits each below the leading one). */
  private static final int PH_TERMS = 7;
  /** Zero words ahead of the 2/pi table, so that words before its start read as 0. */
  private static final int PH_PAD = 2;
  /** {@code 2/pi} in 24-bit words: {@code 2/pi = sum_i TWO_OVER_PI[PH_PAD + i] 2^(-24(i+1))}. */
  private static final double[] TWO_OVER_PI = twoOverPiWords(PH_PAD + 49);
  private static final double PIO2_HI = PI_OVER_2.doubleValue();
  private static final double PIO2_LO =
      PI_OVER_2.subtract(new BigDecimal(PIO2_HI)).doubleValue();

  private final MathOps<D, P> m;

  PayneHanek(MathOps<D, P> ops) {
    this.m = ops;
  }

  /**
   * {@code count} table words: {@code PH_PAD} zeros, then the bits of {@code 2/pi} after the
   * binary point in 24-bit words; {@code pi} by Machin's formula to 450 digits.
   */
  private static double[] twoOverPiWords(int count) {
    MathContext mc = new MathContext(450);
    BigDecimal pi = atanInverse(5, mc).multiply(BigDecimal.valueOf(16))
        .subtract(atanInverse(239, mc).multiply(BigDecimal.valueOf(4)));
    BigDecimal twoOverPi = BigDecimal.valueOf(2).divide(pi, mc);
    int bits = 24 * (count - PH_PAD);
    BigInteger all = twoOverPi.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(bits)))
        .setScale(0, RoundingMode.FLOOR).toBigInteger();
    double[] out = new double[count];
    for (int i = PH_PAD; i < count; i++) {
      out[i] = all.shiftRight(bits - 24 * (i - PH_PAD + 1)).intValue() & 0xFFFFFF;
    }
    return out;
  }

  /** {@code atan(1/n)} by its Taylor series, to the precision of {@code mc}. */
  private static BigDecimal atanInverse(int n, MathContext mc) {
    BigDecimal n2 = BigDecimal.valueOf((long) n * n);
    BigDecimal power = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
    BigDecimal sum = power;
    BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
    for (int k = 1; power.compareTo(eps) > 0; k++) {
      power = power.divide(n2, mc);
      BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), mc);
      sum = k % 2 == 1 ? sum.subtract(term, mc) : sum.add(term, mc);
    }
    return sum;
  }

  private D c(double v) {
    return m.c(v);
  }

  /**
   * The reduction: {@code {k, r}} for {@code |x| >= 2^19} (also infinite: the caller replaces
   * the result). With {@code |x| = X 2^(e-52)}, {@code X} a 53-bit integer split into words
   * {@code x0 (5 bits), x1, x2 (24 bits)}, and {@code 2/pi = sum t_i 2^(-24(i+1))}, the
   * products {@code x_j t_i} sharing the scale {@code 2^(e-28-24(i+j))} add exactly in a double.
   * Terms of scale {@code >= 4} are multiples of 4 and dropped (the index {@code s0} of the first
   * kept one comes from the exponent); seven are kept, enough for 117 bits after the binary
   * point, so the fraction keeps full double precision even for the arguments closest to a
   * multiple of {@code pi/2} (about {@code 2^-61} away). Carries make the terms 24-bit digits;
   * the integer part gives {@code k}, the rest becomes a double-double fraction times {@code pi/2}.
   */
  /**
   * {@code {k, r}} with {@code x = k pi/2 + r}, {@code |r| <= pi/4} (a hair more at most).
   *
   * @param x a value with {@code |x| >= 2^19}, or infinite (the result is then meaningless)
   * @return the quadrant count {@code k} (integer valued) and the reduced argument {@code r}
   */
  public List<D> reduce(D x) {
    D a = m.abs(x);
    D ep = m.sub(m.exponent(a), c(28));
    D m4 = m.mul(m.mantissa(a), c(16));
    D x0 = m.floor(m4);
    D rest = m.mul(m.sub(m4, x0), c(0x1p24));
    D x1 = m.floor(rest);
    D x2 = m.mul(m.sub(rest, x1), c(0x1p24));
    // s0 = ceil((ep - 1) / 24), the first term of scale 2^sigma <= 2.
    D s0 = m.floor(m.div(m.add(ep, c(22)), c(24)));
    s0 = m.select(m.lt(s0, c(0)), c(0), s0);
    D sigma = m.sub(ep, m.mul(c(24), s0));
    // words[o] = t_(s0 + o - 2), chosen by selects on the bits of s0.
    List<P> bits = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      D h = m.floor(m.mul(s0, c(1.0 / (1 << b))));
      bits.add(m.not(m.eq(m.floor(m.mul(h, c(0.5))), m.mul(h, c(0.5)))));
    }
    List<D> table = new ArrayList<>();
    for (double t : TWO_OVER_PI) {
      table.add(c(t));
    }
    List<D> words = new ArrayList<>();
    for (int o = 0; o < PH_TERMS + 2; o++) {
      words.add(lookup(table, o, bits));
    }
    // Q_n = x0 t_(s0+n) + x1 t_(s0+n-1) + x2 t_(s0+n-2) < 2^50, exact.
    List<D> q = new ArrayList<>();
    for (int n = 0; n < PH_TERMS; n++) {
      q.add(m.fma(x0, words.get(n + 2), m.fma(x1, words.get(n + 1),
          m.mul(x2, words.get(n)))));
    }
    // Carries: digits d_n in [0, 2^24) for n >= 1; the value is sum d_n 2^(sigma - 24n).
    List<D> d = new ArrayList<>(q);
    D carry = c(0.0);
    for (int n = PH_TERMS - 1; n >= 1; n--) {
      D qn = m.add(q.get(n), carry);
      carry = m.floor(m.mul(qn, c(0x1p-24)));
      d.set(n, m.fma(carry, c(-0x1p24), qn));
    }
    D p = m.scale(c(1.0), sigma);
    D v0 = m.mul(m.add(q.get(0), carry), p);
    D y0 = m.fma(m.floor(m.mul(v0, c(0.25))), c(-4.0), v0);
    D head = m.fma(d.get(1), m.mul(p, c(0x1p-24)), y0);
    D k = m.rint(head);
    D fhi = m.sub(head, k);
    List<D> tail = new ArrayList<>();
    for (int n = 2; n < PH_TERMS; n++) {
      tail.add(m.mul(d.get(n), m.mul(p, c(Math.scalb(1.0, -24 * n)))));
    }
    D lsum = m.add(tail.get(0), tail.get(1));
    D msum = m.add(tail.get(2), tail.get(3));
    D h = m.add(fhi, lsum);
    D l = m.sub(lsum, m.sub(h, fhi));
    l = m.add(l, m.add(msum, tail.get(4)));
    D h2 = m.add(h, l);
    l = m.sub(l, m.sub(h2, h));
    D rhi = m.mul(h2, c(PIO2_HI));
    D rlo = m.add(m.fma(h2, c(PIO2_HI), m.neg(rhi)), m.fma(h2, c(PIO2_LO),
        m.mul(l, c(PIO2_HI))));
    D r = m.add(rhi, rlo);
    P neg = m.signBit(x);
    return List.of(m.select(neg, m.neg(k), k), m.select(neg, m.neg(r), r));
  }

  /**
   * {@code table[i + offset]} for {@code i} given by its six low bits, by a tree of selects;
   * entries past the table's end read as an arbitrary entry (the callers never ask for them:
   * {@code s0 <= 42} and {@code offset <= PH_TERMS + 1}).
   */
  private D lookup(List<D> table, int offset, List<P> bits) {
    List<D> level = new ArrayList<>();
    for (int i = 0; i < 1 << bits.size(); i++) {
      level.add(i + offset < table.size() ? table.get(i + offset) : null);
    }
    for (P bit : bits) {
      List<D> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        D lo = level.get(i);
        D hi = level.get(i + 1);
        next.add(hi == null ? lo : m.select(bit, hi, lo));
      }
      level = next;
    }
    return level.get(0) == null ? c(0.0) : level.get(0);
  }
}
