package org.jaxpresso.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.junit.jupiter.api.Test;

/**
 * {@link Array#toString()} and {@link Array#repr()} through the public factories, one readable
 * case per dtype and layout. Expected texts are NumPy 2.4's {@code str} and JAX's
 * {@code Array.__repr__} of the same data.
 */
class ArrayToStringTest {
  private static void check(Array a, String repr, String str) {
    assertEquals(repr, a.repr(), "repr");
    assertEquals(str, a.toString(), "str");
  }

  private static Array ints(DType dtype, long... values) {
    return Array.fromLongs(dtype, values, values.length);
  }

  @Test
  void bool() {
    check(Array.of(new boolean[] {true, false}, 2),
        "Array([ True, False], dtype=bool)", "[ True False]");
    check(Array.scalar(true), "Array(True, dtype=bool)", "True");
  }

  @Test
  void signedIntegersPadToTheWidestValue() {
    check(ints(DType.INT8, -128, 7, 127),
        "Array([-128,    7,  127], dtype=int8)", "[-128    7  127]");
    check(ints(DType.INT16, -32768, 7, 32767),
        "Array([-32768,      7,  32767], dtype=int16)", "[-32768      7  32767]");
    check(ints(DType.INT32, Integer.MIN_VALUE, 7, Integer.MAX_VALUE),
        "Array([-2147483648,           7,  2147483647], dtype=int32)",
        "[-2147483648           7  2147483647]");
    check(ints(DType.INT64, Long.MIN_VALUE, 7, Long.MAX_VALUE),
        "Array([-9223372036854775808,                    7,  9223372036854775807],      "
            + "dtype=int64)",
        "[-9223372036854775808                    7  9223372036854775807]");
  }

  @Test
  void unsignedIntegersPrintUnsigned() {
    check(ints(DType.UINT8, 0, 7, 255), "Array([  0,   7, 255], dtype=uint8)", "[  0   7 255]");
    check(ints(DType.UINT16, 0, 7, 65535),
        "Array([    0,     7, 65535], dtype=uint16)", "[    0     7 65535]");
    check(ints(DType.UINT32, 0, 7, 4294967295L),
        "Array([         0,          7, 4294967295], dtype=uint32)",
        "[         0          7 4294967295]");
    check(ints(DType.UINT64, 0, 7, -1L),
        "Array([                   0,                    7, 18446744073709551615],      "
            + "dtype=uint64)",
        "[                   0                    7 18446744073709551615]");
    check(Array.scalar(-1L, DType.UINT64),
        "Array(18446744073709551615, dtype=uint64)", "18446744073709551615");
  }

  @Test
  void floats() {
    check(Array.fromDoubles(DType.FLOAT16, new double[] {1, 2.5, -3.25, 1e-3}, 4),
        "Array([ 1.00e+00,  2.50e+00, -3.25e+00,  1.00e-03], dtype=float16)",
        "[ 1.00e+00  2.50e+00 -3.25e+00  1.00e-03]");
    check(Array.of(new float[] {0.1f, 2f / 3, 1e7f}, 3),
        "Array([1.000000e-01, 6.666667e-01, 1.000000e+07], dtype=float32)",
        "[1.000000e-01 6.666667e-01 1.000000e+07]");
    check(Array.fromDoubles(DType.FLOAT64, new double[] {0.1, 2.0 / 3, -1e7}, 3),
        "Array([ 1.00000000e-01,  6.66666667e-01, -1.00000000e+07], dtype=float64)",
        "[ 1.00000000e-01  6.66666667e-01 -1.00000000e+07]");
    check(Array.fromDoubles(DType.BFLOAT16, new double[] {1, 2.5, -3.25}, 3),
        "Array([1, 2.5, -3.25], dtype=bfloat16)", "[1 2.5 -3.25]");
  }

  @Test
  void zeroDimensional() {
    check(Array.fromJavaScalar(2.0), "Array(2., dtype=float32, weak_type=True)", "2.0");
    check(Array.scalar(0.1, DType.FLOAT32).withWeakType(true),
        "Array(0.1, dtype=float32, weak_type=True)", "0.1");
    check(Array.scalar(1e16, DType.FLOAT64), "Array(1.e+16, dtype=float64)", "1e+16");
    check(Array.scalar(1.0 / 3, DType.BFLOAT16), "Array(0.333984, dtype=bfloat16)", "0.333984");
    check(Array.fromJavaScalar(3), "Array(3, dtype=int32, weak_type=True)", "3");
  }

  @Test
  void empty() {
    check(Array.of(new int[0], 0), "Array([], shape=(0,), dtype=int32)", "[]");
    check(Array.of(new float[0], 2, 0), "Array([], shape=(2, 0), dtype=float32)", "[]");
  }

  @Test
  void nested() {
    check(Array.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3),
        "Array([[0., 1., 2.],\n       [3., 4., 5.]], dtype=float32)",
        "[[0. 1. 2.]\n [3. 4. 5.]]");
    check(Array.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2),
        "Array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]], dtype=int32)",
        "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
  }

  @Test
  void millionElementArraysSummarize() {
    check(Array.of(new float[1_000_000], 1_000_000),
        "Array([0., 0., 0., ..., 0., 0., 0.], dtype=float32)", "[0. 0. 0. ... 0. 0. 0.]");
    int[] v = new int[1_000_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Array m = Array.of(v, 1000, 1000);
    check(m,
        "Array([[     0,      1,      2, ...,    997,    998,    999],\n"
            + "       [  1000,   1001,   1002, ...,   1997,   1998,   1999],\n"
            + "       [  2000,   2001,   2002, ...,   2997,   2998,   2999],\n"
            + "       ...,\n"
            + "       [997000, 997001, 997002, ..., 997997, 997998, 997999],\n"
            + "       [998000, 998001, 998002, ..., 998997, 998998, 998999],\n"
            + "       [999000, 999001, 999002, ..., 999997, 999998, 999999]],      dtype=int32)",
        "[[     0      1      2 ...    997    998    999]\n"
            + " [  1000   1001   1002 ...   1997   1998   1999]\n"
            + " [  2000   2001   2002 ...   2997   2998   2999]\n"
            + " ...\n"
            + " [997000 997001 997002 ... 997997 997998 997999]\n"
            + " [998000 998001 998002 ... 998997 998998 998999]\n"
            + " [999000 999001 999002 ... 999997 999998 999999]]");
    Array big = Array.of(new double[10_000_000], 10_000_000);
    assertEquals("[0. 0. 0. ... 0. 0. 0.]", big.toString());
  }
}
