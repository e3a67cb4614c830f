package org.jaxpresso.jit.conformance;

import java.util.Random;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;

/**
 * Deterministic argument values for conformance cases: edge values first (signed zeros, NaN,
 * infinities, integer extremes, values that round, overflow or underflow in the narrow
 * floats), then random ones.
 */
public final class Values {
  private static final double[] FLOAT_EDGES = {0.0, -0.0, 1.0, -1.0, 0.5, -1.5, 2.5, -3.0,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 100.0, -100.5, 0.75,
      7.0, 1e-3, 3e4, -7e4, 1e-30, 65504.0, 1e38, -0.25};
  private static final long[] INT_EDGES = {0, 1, -1, 7, -8, Long.MAX_VALUE, Long.MIN_VALUE,
      Integer.MAX_VALUE, Integer.MIN_VALUE, 127, -128, 255, 32767, -32768, 65535, 3, 100, -100,
      2, 5, 31, 64, -2};

  private Values() {}

  /** The kinds of values a case asks for. */
  public enum Kind {
    /** Edge values, then random ones spread over the dtype's interesting range. */
    GENERAL,
    /** Small dyadic values ({@code k/4}, {@code |k| <= 16}; integers in [-4, 4]). */
    SMALL,
    /** Random integers 0, 1 and 2: valid indices of a dimension of size 3 or more. */
    INDEX
  }

  /**
   * An array of {@code kind} values.
   *
   * @param kind the kind of values
   * @param d the dtype
   * @param seed the seed of the random part
   * @param shape the shape
   * @return the array
   */
  public static Array of(Kind kind, DType d, long seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + d.ordinal() * 31L + n);
    int offset = r.nextInt(8);
    if (d.isFloating()) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = switch (kind) {
          case GENERAL -> i < FLOAT_EDGES.length ? FLOAT_EDGES[(i + offset) % FLOAT_EDGES.length]
              : r.nextDouble() * 20 - 10;
          case SMALL -> (r.nextInt(33) - 16) / 4.0;
          case INDEX -> r.nextInt(3);
        };
      }
      return Array.fromDoubles(d, v, shape);
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      if (d.isBool()) {
        v[i] = r.nextInt(2);
        continue;
      }
      v[i] = switch (kind) {
        case GENERAL -> i < INT_EDGES.length ? INT_EDGES[(i + offset) % INT_EDGES.length]
            : r.nextInt(401) - (d.isUnsigned() ? 0 : 200);
        case SMALL -> r.nextInt(9) - (d.isUnsigned() ? 0 : 4);
        case INDEX -> r.nextInt(3);
      };
    }
    return Array.fromLongs(d, v, shape);
  }

  /**
   * General values.
   *
   * @param d the dtype
   * @param seed the seed
   * @param shape the shape
   * @return the array
   */
  public static Array general(DType d, long seed, int... shape) {
    return of(Kind.GENERAL, d, seed, shape);
  }

  /**
   * Small dyadic values.
   *
   * @param d the dtype
   * @param seed the seed
   * @param shape the shape
   * @return the array
   */
  public static Array small(DType d, long seed, int... shape) {
    return of(Kind.SMALL, d, seed, shape);
  }
}
