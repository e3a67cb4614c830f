package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.numpy.internal.random.Threefry;
import org.junit.jupiter.api.Test;

/**
 * {@link Random} against JAX 0.11.2 (partitionable threefry): the reference JSON's
 * {@code random} section, JAX-NOTES §8.2/§8.3 and the probe file's values.
 */
class RandomTest {
  static NDArray k0() {
    return Random.PRNGKey(0);
  }

  static long[] u32(NDArray a) {
    assertEquals(DType.UINT32, a.dtype());
    return a.toLongArray();
  }

  static long[] longs(Object jsonList) {
    return flat(jsonList).stream().mapToLong(o -> ((Number) o).longValue()).toArray();
  }

  static List<Object> flat(Object o) {
    List<Object> out = new java.util.ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object e : l) {
        out.addAll(flat(e));
      }
    } else {
      out.add(o);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Object ref(String name) {
    return ((Map<String, Object>) Reference.section("random").get(name)).get("ok");
  }

  /** The float32 bits of each element, as unsigned ints. */
  static long[] f32bits(NDArray a) {
    assertEquals(DType.FLOAT32, a.dtype());
    float[] f = a.toFloatArray();
    long[] b = new long[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = Float.floatToRawIntBits(f[i]) & 0xFFFFFFFFL;
    }
    return b;
  }

  static void assertWithinUlps(long[] expectedBits, NDArray actual, int ulps) {
    long[] got = f32bits(actual);
    assertEquals(expectedBits.length, got.length);
    for (int i = 0; i < got.length; i++) {
      float e = Float.intBitsToFloat((int) expectedBits[i]);
      float g = Float.intBitsToFloat((int) got[i]);
      assertTrue(Math.abs(g - e) <= ulps * Math.ulp(e),
          "element " + i + ": expected " + e + " got " + g);
    }
  }

  // ---- threefry known answers (JAX-NOTES §8.2) ----

  static long[] threefry(long k0, long k1, long x0, long x1) {
    NDArray[] o = Threefry.hash(Threefry.u32(k0), Threefry.u32(k1), Threefry.u32(x0),
        Threefry.u32(x1));
    return new long[] {o[0].longValue(), o[1].longValue()};
  }

  @Test
  void threefryKnownAnswers() {
    assertArrayEquals(new long[] {0x6b200159L, 0x99ba4efeL}, threefry(0, 0, 0, 0));
    assertArrayEquals(new long[] {0x1cb996fcL, 0xbb002be7L},
        threefry(0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL));
    assertArrayEquals(new long[] {0xc4923a9cL, 0x483df7a0L},
        threefry(0x13198a2eL, 0x03707344L, 0x243f6a88L, 0x85a308d3L));
  }

  @Test
  void threefryIsElementwiseOverCounters() {
    NDArray x0 = Array.fromLongs(DType.UINT32, new long[] {0, 0xffffffffL}, 2);
    NDArray x1 = Array.fromLongs(DType.UINT32, new long[] {0, 0xffffffffL}, 2);
    NDArray[] o = Threefry.hash(Threefry.u32(0), Threefry.u32(0), x0, x1);
    assertArrayEquals(new long[] {0x6b200159L, threefry(0, 0, 0xffffffffL, 0xffffffffL)[0]},
        u32(o[0]));
  }

  // ---- keys ----

  @Test
  void prngKeySeeds() {
    assertArrayEquals(longs(ref("PRNGKey")), u32(Random.PRNGKey(0)));
    assertEquals("Array([0, 0], dtype=uint32)", Random.PRNGKey(0).repr());
    assertArrayEquals(new long[] {0, 42}, u32(Random.PRNGKey(42)));
    assertArrayEquals(new long[] {0, 4294967295L}, u32(Random.PRNGKey(-1)));
    assertArrayEquals(new long[] {0, 5}, u32(Random.PRNGKey((1L << 32) + 5)));
    assertArrayEquals(new long[] {0, 7}, u32(Random.PRNGKey((short) 7)));
  }

  @Test
  void keyIsTheRawKeyData() {
    assertArrayEquals(longs(ref("key_data_new_style")), u32(Random.keyData(Random.key(0))));
    assertArrayEquals(u32(Random.PRNGKey(42)), u32(Random.key(42)));
    assertArrayEquals(new long[] {0, 3}, u32(Random.wrapKeyData(Random.key(3))));
  }

  @Test
  void keyFromArraySeed() {
    assertArrayEquals(new long[] {0, 4294967295L}, u32(Random.key(Array.of(new int[] {-1}))));
    assertArrayEquals(new long[] {0, 9}, u32(Random.key(Array.scalar(9, DType.UINT8))));
    assertArrayEquals(new long[] {1, 2},
        u32(Random.key(Array.fromLongs(DType.INT64, new long[] {(1L << 32) + 2}))));
  }

  @Test
  void keyWithX64UsesBothWords() {
    org.jaxpresso.core.Flags.setX64(true);
    try {
      assertArrayEquals(new long[] {4294967295L, 4294967295L}, u32(Random.PRNGKey(-1)));
      assertArrayEquals(new long[] {1, 5}, u32(Random.PRNGKey((1L << 32) + 5)));
    } finally {
      org.jaxpresso.core.Flags.resetX64();
    }
  }

  // ---- split / fold_in ----

  @Test
  void splitMatchesJax() {
    assertArrayEquals(longs(ref("split")), u32(Random.split(k0())));
    assertArrayEquals(new int[] {2, 2}, Random.split(k0()).shape());
    assertArrayEquals(longs(ref("split3")), u32(Random.split(k0(), 3)));
    assertArrayEquals(new long[] {1797259609L, 2579123966L, 928981903L, 3453687069L,
        4146024105L, 2718843009L, 2467461003L, 3840466878L}, u32(Random.split(k0(), 4)));
    assertArrayEquals(new long[] {1832780943L, 270669613L, 64467757L, 2916123636L},
        u32(Random.split(Random.PRNGKey(42))));
  }

  @Test
  void splitByShapeCountsRowMajor() {
    NDArray s = Random.split(k0(), new int[] {2, 2});
    assertArrayEquals(new int[] {2, 2, 2}, s.shape());
    assertArrayEquals(u32(Random.split(k0(), 4)), u32(s));
    assertArrayEquals(new int[] {0, 2}, Random.split(k0(), 0).shape());
    NDArray[] pair = Random.splitPair(k0());
    assertArrayEquals(new long[] {928981903L, 3453687069L}, u32(pair[1]));
  }

  @Test
  void foldInMatchesJax() {
    assertArrayEquals(longs(ref("fold_in")), u32(Random.foldIn(k0(), 1)));
    assertArrayEquals(new long[] {2285895361L, 433833334L}, u32(Random.foldIn(k0(), 4)));
    assertArrayEquals(new long[] {2285895361L, 433833334L},
        u32(Random.foldIn(k0(), Array.scalar(4, DType.INT32))));
    for (int i = 0; i < 4; i++) {
      NDArray row = Jnp.reshape(org.jaxpresso.lax.Lax.slice(Random.split(k0(), 4),
          new int[] {i, 0}, new int[] {i + 1, 2}), 2);
      assertArrayEquals(u32(row), u32(Random.foldIn(k0(), i)));
    }
  }

  // ---- bits ----

  @Test
  void bitsMatchJax() {
    assertArrayEquals(longs(ref("bits_u32_6")), u32(Random.bits(k0(), new int[] {6})));
    assertEquals(4070199207L, Random.bits(k0()).longValue());
    assertArrayEquals(new int[0], Random.bits(k0()).shape());
    assertArrayEquals(new long[] {1111271205L, 2679469115L, 974515252L},
        u32(Random.bits(Random.PRNGKey(1701), new int[] {3})));
    NDArray b23 = Random.bits(k0(), new int[] {2, 3});
    assertArrayEquals(new int[] {2, 3}, b23.shape());
    assertArrayEquals(longs(ref("bits_u32_6")), u32(b23));
    assertArrayEquals(new int[] {0, 3}, Random.bits(k0(), new int[] {0, 3}).shape());
  }

  @Test
  void narrowBitsAreTheLowBits() {
    long[] w = longs(ref("bits_u32_6"));
    NDArray b8 = Random.bits(k0(), new int[] {6}, DType.UINT8);
    NDArray b16 = Random.bits(k0(), new int[] {6}, DType.UINT16);
    assertEquals(DType.UINT8, b8.dtype());
    assertEquals(DType.UINT16, b16.dtype());
    for (int i = 0; i < 6; i++) {
      assertEquals(w[i] & 0xFF, b8.toLongArray()[i]);
      assertEquals(w[i] & 0xFFFF, b16.toLongArray()[i]);
    }
    // uint64 without x64 is truncated to uint32, as JAX does
    assertEquals(DType.UINT32, Random.bits(k0(), new int[] {2}, DType.UINT64).dtype());
  }

  @Test
  void wideBitsWithX64AreBothWords() {
    org.jaxpresso.core.Flags.setX64(true);
    try {
      NDArray b = Random.bits(k0(), new int[] {2}, DType.UINT64);
      assertEquals(DType.UINT64, b.dtype());
      NDArray[] o = Threefry.blocks(k0(), new int[] {2});
      for (int i = 0; i < 2; i++) {
        long expected = (o[0].toLongArray()[i] << 32) | o[1].toLongArray()[i];
        assertEquals(expected, b.toLongArray()[i]);
      }
    } finally {
      org.jaxpresso.core.Flags.resetX64();
    }
  }

  // ---- uniform ----

  @Test
  void uniformMatchesJaxBitForBit() {
    NDArray u = Random.uniform(k0(), new int[] {5});
    assertArrayEquals(new long[] {0x3f729a4eL, 0x3f7a8436L, 0x3eaa221cL, 0x3eeff550L,
        0x3f11e43aL}, f32bits(u));
    double[] want = flat(ref("uniform_5")).stream().mapToDouble(o -> (Double) o).toArray();
    for (int i = 0; i < 5; i++) {
      assertEquals((float) want[i], u.toFloatArray()[i]);
    }
    assertArrayEquals(new long[] {0x3f729a4eL}, f32bits(Random.uniform(k0())));
    assertArrayEquals(new long[] {0x3f729a4eL, 0x3f7a8436L, 0x3eaa221cL, 0x3eeff550L,
        0x3f11e43aL, 0x3e2979a0L}, f32bits(Random.uniform(k0(), new int[] {2, 3})));
  }

  @Test
  void uniformWithBounds() {
    assertArrayEquals(new long[] {0x402f40e2L, 0x40392544L, 0xbead5574L},
        f32bits(Random.uniform(k0(), new int[] {3}, DType.FLOAT32, -2, 3)));
    NDArray u = Random.uniform(k0(), new int[] {2, 3}, DType.FLOAT32, -2.0, 3.0);
    double[] want = flat(ref("uniform_2x3_minmax")).stream().mapToDouble(o -> (Double) o)
        .toArray();
    float[] got = u.toFloatArray();
    for (int i = 0; i < want.length; i++) {
      assertEquals((float) want[i], got[i]);
    }
    float[] key42 = Random.uniform(Random.key(42), new int[] {3}).toFloatArray();
    assertArrayEquals(new float[] {0.48870957f, 0.6797972f, 0.6162715f}, key42);
  }

  @Test
  void uniformScalesWithOneRounding() {
    float[] base = Random.uniform(k0(), new int[] {500}).toFloatArray();
    float[][] bounds = {{-2, 3}, {0.1f, 0.7f}, {-1e-3f, 7.5f}, {3, 1000.25f}};
    for (float[] lh : bounds) {
      float[] u = Random.uniform(k0(), new int[] {500}, DType.FLOAT32, lh[0], lh[1])
          .toFloatArray();
      float span = lh[1] - lh[0];
      for (int i = 0; i < base.length; i++) {
        assertEquals(Math.max(lh[0], Math.fma(base[i], span, lh[0])), u[i]);
      }
    }
  }

  @Test
  void uniformArrayBoundsBroadcast() {
    NDArray lo = Array.of(new float[] {0, 10, 100}, 3);
    NDArray hi = Array.of(new float[] {1, 11, 101}, 3);
    float[] u = Random.uniform(k0(), new int[] {2, 3}, DType.FLOAT32, lo, hi).toFloatArray();
    float[] base = Random.uniform(k0(), new int[] {2, 3}).toFloatArray();
    for (int i = 0; i < 6; i++) {
      float l = lo.toFloatArray()[i % 3];
      assertEquals(base[i] * 1f + l, u[i]);
    }
  }

  @Test
  void uniformOtherFloatDtypesStayInRange() {
    for (DType d : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
      NDArray u = Random.uniform(k0(), new int[] {64}, d);
      assertEquals(d, u.dtype());
      for (float f : u.toFloatArray()) {
        assertTrue(f >= 0 && f < 1, d + ": " + f);
      }
    }
    // bf16 uses 8 random bits: the top 7 after the shift; f16 the top 10 of a 16-bit draw
    long w0 = longs(ref("bits_u32_6"))[0];
    float bf = Random.uniform(k0(), new int[] {1}, DType.BFLOAT16).toFloatArray()[0];
    assertEquals(((w0 & 0xFF) >>> 1) / 128.0, bf, 0.0);
    float h = Random.uniform(k0(), new int[] {1}, DType.FLOAT16).toFloatArray()[0];
    assertEquals(((w0 & 0xFFFF) >>> 6) / 1024.0, h, 0.0);
    assertEquals(DType.FLOAT32, Random.uniform(k0(), new int[] {1}, DType.FLOAT64).dtype());
  }

  @Test
  void uniformFloat64WithX64() {
    org.jaxpresso.core.Flags.setX64(true);
    try {
      NDArray u = Random.uniform(k0(), new int[] {4}, DType.FLOAT64);
      assertEquals(DType.FLOAT64, u.dtype());
      NDArray b = Random.bits(k0(), new int[] {4}, DType.UINT64);
      for (int i = 0; i < 4; i++) {
        double expected = (b.toLongArray()[i] >>> 12) / (double) (1L << 52);
        assertEquals(expected, u.toDoubleArray()[i], 0.0);
      }
    } finally {
      org.jaxpresso.core.Flags.resetX64();
    }
  }

  // ---- normal ----

  @Test
  void normalMatchesJax() {
    NDArray n = Random.normal(k0(), new int[] {5});
    assertWithinUlps(new long[] {0x3fcfb2bdL, 0x40019df0L, 0xbede0017L, 0xbda10222L,
        0x3e34512cL}, n, 2);
    double[] want = flat(ref("normal_5")).stream().mapToDouble(o -> (Double) o).toArray();
    long[] wantBits = new long[5];
    for (int i = 0; i < 5; i++) {
      wantBits[i] = Float.floatToRawIntBits((float) want[i]) & 0xFFFFFFFFL;
    }
    assertWithinUlps(wantBits, n, 2);
    assertWithinUlps(new long[] {0x3fcfb2bdL}, Random.normal(k0()), 2);
    assertWithinUlps(new long[] {0xbe1e24c8L, 0x3dad7b02L, 0xbe0b3e78L, 0xbe1ec1d3L},
        Random.normal(Random.PRNGKey(1), new int[] {2, 2}), 2);
    assertWithinUlps(bitsOf(-0.02830462f, 0.46713185f, 0.29570296f),
        Random.normal(Random.key(42), new int[] {3}), 2);
    assertWithinUlps(bitsOf(1.6226422f, 2.0252647f, -0.43359444f, -0.07861735f, 0.1760909f,
        -0.97208923f), Random.normal(k0(), new int[] {6}), 2);
  }

  static long[] bitsOf(float... v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToRawIntBits(v[i]) & 0xFFFFFFFFL;
    }
    return b;
  }

  @Test
  void normalOtherDtypes() {
    NDArray h = Random.normal(k0(), new int[] {16}, DType.FLOAT16);
    assertEquals(DType.FLOAT16, h.dtype());
    NDArray b = Random.normal(k0(), new int[] {16}, DType.BFLOAT16);
    assertEquals(DType.BFLOAT16, b.dtype());
    for (float f : h.toFloatArray()) {
      assertTrue(Float.isFinite(f) && Math.abs(f) < 6);
    }
  }

  @Test
  void normalStatistics() {
    float[] n = Random.normal(Random.key(7), new int[] {4000}).toFloatArray();
    double mean = 0;
    double sq = 0;
    for (float f : n) {
      mean += f;
      sq += f * f;
    }
    mean /= n.length;
    double var = sq / n.length - mean * mean;
    assertEquals(0, mean, 0.06);
    assertEquals(1, var, 0.08);
  }

  // ---- randint ----

  @Test
  void randintMatchesJax() {
    NDArray r = Random.randint(k0(), new int[] {6}, 0, 10);
    assertEquals(DType.INT32, r.dtype());
    assertArrayEquals(longs(ref("randint_6")), r.toLongArray());
    assertArrayEquals(new long[] {5, 0, 0, 5, 3, 3, 0, 7, 5},
        Random.randint(k0(), new int[] {3, 3}, 0, 8).toLongArray());
    assertArrayEquals(new long[] {9, 0, 2, 3, 1},
        Random.randint(k0(), new int[] {5}, 0, 10).toLongArray());
  }

  @Test
  void randintRangesAndDtypes() {
    NDArray empty = Random.randint(k0(), new int[] {4}, 5, 5);
    assertArrayEquals(new long[] {5, 5, 5, 5}, empty.toLongArray());
    NDArray reversed = Random.randint(k0(), new int[] {4}, 5, 2);
    assertArrayEquals(new long[] {5, 5, 5, 5}, reversed.toLongArray());
    NDArray u8 = Random.randint(k0(), new int[] {200}, 0, 256, DType.UINT8);
    assertEquals(DType.UINT8, u8.dtype());
    boolean sawHigh = false;
    for (long v : u8.toLongArray()) {
      assertTrue(v >= 0 && v <= 255);
      sawHigh |= v >= 200;
    }
    assertTrue(sawHigh);
    NDArray i8 = Random.randint(k0(), new int[] {100}, -1000, 1000, DType.INT8);
    assertEquals(DType.INT8, i8.dtype());
    for (long v : i8.toLongArray()) {
      assertTrue(v >= -128 && v <= 127);
    }
    NDArray neg = Random.randint(k0(), new int[] {50}, -3, 3);
    for (long v : neg.toLongArray()) {
      assertTrue(v >= -3 && v < 3);
    }
    NDArray full = Random.randint(k0(), new int[] {8}, Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertEquals(8, full.toLongArray().length);
    NDArray u32 = Random.randint(k0(), new int[] {8}, 0, 10, DType.UINT32);
    assertEquals(DType.UINT32, u32.dtype());
    for (long v : u32.toLongArray()) {
      assertTrue(v >= 0 && v < 10);
    }
  }

  @Test
  void randintArrayBounds() {
    NDArray hi = Array.of(new int[] {1, 2, 1000}, 3);
    long[] r = Random.randint(k0(), new int[] {2, 3}, 0, hi).toLongArray();
    assertEquals(0, r[0]);
    assertEquals(0, r[3]);
    assertTrue(r[1] < 2 && r[4] < 2);
    NDArray fhi = Array.of(new float[] {10.7f}, 1);
    NDArray r2 = Random.randint(k0(), new int[] {5}, 0, fhi);
    assertArrayEquals(new long[] {9, 0, 2, 3, 1}, r2.toLongArray());
  }

  // ---- bernoulli ----

  @Test
  void bernoulliMatchesJax() {
    boolean[] want = new boolean[6];
    List<Object> w = flat(ref("bernoulli_6"));
    for (int i = 0; i < 6; i++) {
      want[i] = (Boolean) w.get(i);
    }
    // the reference's p is not recorded; its values are uniform(PRNGKey(0), (6,)) < p for any
    // p in (0.1655, 0.3323], e.g. 0.3
    NDArray b = Random.bernoulli(k0(), 0.3, new int[] {6});
    assertEquals(DType.BOOL, b.dtype());
    assertArrayEquals(want, b.toBooleanArray());
    assertArrayEquals(new boolean[] {false, false, true, true, false},
        Random.bernoulli(k0(), 0.5, new int[] {5}).toBooleanArray());
    assertArrayEquals(new int[0], Random.bernoulli(k0()).shape());
  }

  @Test
  void bernoulliArrayP() {
    NDArray p = Array.of(new float[] {0f, 1f, 0f, 1f}, 4);
    assertArrayEquals(new boolean[] {false, true, false, true},
        Random.bernoulli(k0(), p).toBooleanArray());
    NDArray col = Array.of(new float[] {0f, 1f}, 2, 1);
    NDArray b = Random.bernoulli(k0(), col, new int[] {2, 3});
    assertArrayEquals(new boolean[] {false, false, false, true, true, true},
        b.toBooleanArray());
  }

  // ---- permutation ----

  @Test
  void permutationMatchesJax() {
    assertArrayEquals(longs(ref("permutation_8")),
        Random.permutation(k0(), 8).toLongArray());
    assertArrayEquals(new long[] {0, 1, 4, 3, 2}, Random.permutation(k0(), 5).toLongArray());
    assertEquals(DType.INT32, Random.permutation(k0(), 5).dtype());
  }

  @Test
  void permutationOfArrays() {
    NDArray x = Array.of(new float[] {10, 11, 12, 13, 14}, 5);
    assertArrayEquals(new float[] {10, 11, 14, 13, 12}, Random.permutation(k0(), x)
        .toFloatArray());
    NDArray m = Jnp.reshape(Jnp.arange(10), 5, 2);
    NDArray pm = Random.permutation(k0(), m);
    assertArrayEquals(new long[] {0, 1, 2, 3, 8, 9, 6, 7, 4, 5}, pm.toLongArray());
    NDArray cols = Random.permutation(k0(), Jnp.reshape(Jnp.arange(10), 2, 5), 1, false);
    assertArrayEquals(new long[] {0, 1, 4, 3, 2, 5, 6, 9, 8, 7}, cols.toLongArray());
    NDArray ind = Random.permutation(k0(), Jnp.reshape(Jnp.arange(10), 2, 5), 1, true);
    long[] iv = ind.toLongArray();
    for (int r = 0; r < 2; r++) {
      long[] row = java.util.Arrays.copyOfRange(iv, r * 5, r * 5 + 5);
      java.util.Arrays.sort(row);
      assertArrayEquals(new long[] {5 * r, 5 * r + 1, 5 * r + 2, 5 * r + 3, 5 * r + 4}, row);
    }
    assertArrayEquals(new int[] {0}, Random.permutation(k0(), 0).shape());
  }

  @Test
  void largePermutationUsesTwoRoundsAndIsAPermutation() {
    long[] p = Random.permutation(k0(), 2000).toLongArray();
    long[] s = p.clone();
    java.util.Arrays.sort(s);
    for (int i = 0; i < s.length; i++) {
      assertEquals(i, s[i]);
    }
  }

  // ---- choice ----

  @Test
  void choiceWithReplacementIsRandint() {
    assertArrayEquals(new long[] {9, 0, 2, 3, 1},
        Random.choice(k0(), 10, new int[] {5}).toLongArray());
    NDArray a = Array.of(new float[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90}, 10);
    assertArrayEquals(new float[] {90, 0, 20, 30, 10},
        Random.choice(k0(), a, new int[] {5}).toFloatArray());
    assertArrayEquals(new int[0], Random.choice(k0(), 3).shape());
  }

  @Test
  void choiceWithoutReplacementIsAPermutationPrefix() {
    assertArrayEquals(new long[] {0, 1, 5},
        Random.choice(k0(), 8, new int[] {3}, false).toLongArray());
    NDArray m = Jnp.reshape(Jnp.arange(10), 2, 5);
    NDArray c = Random.choice(k0(), m, new int[] {2}, false, null, 1);
    assertArrayEquals(new int[] {2, 2}, c.shape());
    assertArrayEquals(new long[] {0, 1, 5, 6}, c.toLongArray());
  }

  @Test
  void choiceWithProbabilities() {
    NDArray p = Array.of(new float[] {0f, 0.5f, 0f, 0.5f}, 4);
    long[] draws = Random.choice(k0(), 4, new int[] {200}, true, p).toLongArray();
    int ones = 0;
    for (long d : draws) {
      assertTrue(d == 1 || d == 3, "drew " + d);
      ones += d == 1 ? 1 : 0;
    }
    assertTrue(ones > 60 && ones < 140);
    long[] nr = Random.choice(k0(), 4, new int[] {2}, false, p).toLongArray();
    java.util.Arrays.sort(nr);
    assertArrayEquals(new long[] {1, 3}, nr);
    assertArrayEquals(new int[] {0}, Random.choice(k0(), 4, new int[] {0}).shape());
    assertArrayEquals(new int[] {2, 3}, Random.choice(k0(), 4, new int[] {2, 3}, true, p)
        .shape());
  }

  // ---- categorical ----

  @Test
  void categoricalFollowsTheLogits() {
    NDArray logits = Jnp.log(Array.of(new float[] {0.1f, 0.0f, 0.9f}, 3));
    NDArray c = Random.categorical(k0(), logits, -1, new int[] {300}, true);
    assertEquals(DType.INT32, c.dtype());
    int twos = 0;
    for (long v : c.toLongArray()) {
      assertTrue(v == 0 || v == 2);
      twos += v == 2 ? 1 : 0;
    }
    assertTrue(twos > 240 && twos < 295, "twos=" + twos);
    assertArrayEquals(new int[0], Random.categorical(k0(), logits).shape());
  }

  @Test
  void categoricalAlongAnAxisAndWithoutReplacement() {
    NDArray logits = Array.of(new float[] {0, -1e9f, -1e9f, 0, -1e9f, -1e9f}, 3, 2);
    NDArray c0 = Random.categorical(k0(), logits, 0);
    assertArrayEquals(new long[] {0, 1}, c0.toLongArray());
    NDArray c1 = Random.categorical(k0(), Jnp.transpose(logits), 1);
    assertArrayEquals(new long[] {0, 1}, c1.toLongArray());
    NDArray c2 = Random.categorical(k0(), logits, 0, new int[] {4, 2}, true);
    assertArrayEquals(new long[] {0, 1, 0, 1, 0, 1, 0, 1}, c2.toLongArray());
    NDArray big = Array.of(new float[] {0, 0, 0, 0}, 4);
    long[] nr = Random.categorical(k0(), big, -1, new int[] {4}, false).toLongArray();
    long[] s = nr.clone();
    java.util.Arrays.sort(s);
    assertArrayEquals(new long[] {0, 1, 2, 3}, s);
  }
}
