package org.jaxpresso.runtime.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/**
 * The GEMM kernels against a float64 triple loop. Error bound per element: {@code (k + 2) u
 * sum_p |A[i][p] B[p][j]|} with u the unit roundoff of the accumulation type (2^-24, 2^-53).
 */
class GemmTest {
  private static final int[] SIZES = {0, 1, 2, 7, 16, 33, 65, 257};

  /** Which entry point runs the product: the scalar loops, the pool, or the caller alone. */
  private enum Mode { SCALAR, POOL, CALLER }

  /** How the test lays out one operand: row-major, transposed, or padded rows. */
  private enum Layout { ROW, COL, PADDED }

  private record Problem(int batch, int m, int n, int k, Layout la, Layout lb, boolean accumulate,
      boolean broadcastB) {}

  private record Strides(int off, int batch, int row, int col, int length) {}

  private static Strides strides(Layout layout, int batch, int rows, int cols, boolean bcast) {
    int off = layout == Layout.PADDED ? 3 : 0;
    int row;
    int col;
    int size;
    switch (layout) {
      case ROW -> {
        row = cols;
        col = 1;
        size = rows * cols;
      }
      case COL -> {
        row = 1;
        col = rows;
        size = rows * cols;
      }
      default -> {
        row = cols + 5;
        col = 1;
        size = rows * (cols + 5);
      }
    }
    int bs = bcast ? 0 : size;
    return new Strides(off, bs, row, col, off + (bcast ? 1 : batch) * size + 1);
  }

  @Test
  void sgemmMatchesTheTripleLoopOverOddSizesAndLayouts() {
    Random rnd = new Random(1);
    for (int trial = 0; trial < 160; trial++) {
      Problem p = randomProblem(rnd);
      runFloat(p, rnd, Mode.POOL);
      runFloat(p, rnd, Mode.SCALAR);
    }
  }

  @Test
  void dgemmMatchesTheTripleLoopOverOddSizesAndLayouts() {
    Random rnd = new Random(2);
    for (int trial = 0; trial < 160; trial++) {
      Problem p = randomProblem(rnd);
      runDouble(p, rnd, Mode.POOL);
      runDouble(p, rnd, Mode.SCALAR);
    }
  }

  @Test
  void packedProductsAcrossBlockEdgesThreadSplitsAndDepthBlocks() {
    Random rnd = new Random(8);
    // m: one partial tile, one row block, two row blocks on one thread (the pool cuts more); n:
    // a partial panel, one panel plus a column, many panels; k (float32): one depth block
    // exactly (512), one block stretched by a step (513), two blocks (641); float64 splits
    // each into two or three. Each on the caller alone and on the pool (where few row blocks
    // also cut the columns into ranges).
    Layout[] ls = Layout.values();
    int trial = 0;
    for (int m : new int[] {7, 121, 260}) {
      for (int n : new int[] {20, 33, 300}) {
        for (int k : new int[] {512, 513, 641}) {
          Layout la = ls[trial % 3];
          Layout lb = ls[(trial / 3) % 3];
          Problem p = new Problem(1, m, n, k, la, lb, trial % 2 == 1, false);
          runFloat(p, rnd, Mode.CALLER);
          runFloat(p, rnd, Mode.POOL);
          if (trial % 3 == 0) {
            runDouble(p, rnd, Mode.CALLER);
            runDouble(p, rnd, Mode.POOL);
          }
          trial++;
        }
      }
    }
  }

  @Test
  void registerTilesFollowTheVectorWidth() {
    assumeTrue(CpuBackend.simdAvailable(), "the register tiles need jdk.incubator.vector");
    MicroKernel f = FloatMicroKernel.INSTANCE;
    MicroKernel d = DoubleMicroKernel.INSTANCE;
    int bits = f.nr / 2 * Float.SIZE;
    assertEquals(bits, d.nr / 2 * Double.SIZE);
    assertEquals(bits >= 512 ? 8 : 6, f.mr, "rows of the float32 tile on " + bits + "-bit vectors");
    assertEquals(f.mr, d.mr);
    // The vector-256 execution (-XX:MaxVectorSize=32) must really run the 6-row tiles.
    // (At most: -XX:MaxVectorSize only narrows, and some machines have 128-bit vectors.)
    int expected = Integer.getInteger("jaxpresso.test.maxVectorBits", 0);
    if (expected > 0) {
      assertTrue(bits <= expected,
          "preferred species of " + bits + " bits under -XX:MaxVectorSize");
    }
  }

  @Test
  void depthBlocksSplitKEvenlyWithinTheirLimit() {
    int floatMax = PackedGemm.KC_BYTES / Float.BYTES;
    assertEquals(512, floatMax);
    assertEquals(256, PackedGemm.KC_BYTES / Double.BYTES);
    assertEquals(1, PackedGemm.depth(1, floatMax));
    assertEquals(300, PackedGemm.depth(300, floatMax));
    assertEquals(512, PackedGemm.depth(512, floatMax));
    // Up to 5/4 of the limit when that saves a pass: 513 and 576 (3x3x64) stay one block.
    assertEquals(513, PackedGemm.depth(513, floatMax));
    assertEquals(576, PackedGemm.depth(576, floatMax));
    assertEquals(640, PackedGemm.depth(640, floatMax));
    assertEquals(321, PackedGemm.depth(641, floatMax));
    assertEquals(512, PackedGemm.depth(1024, floatMax));
    assertEquals(513, PackedGemm.depth(1025, floatMax));
    assertEquals(501, PackedGemm.depth(1501, floatMax));
    assertEquals(512, PackedGemm.depth(2048, floatMax));
    assertEquals(257, PackedGemm.depth(513, 256));
  }

  @Test
  void packedProductsAtTheFloatDepthLimitAndPastIt() {
    Random rnd = new Random(9);
    // k: one float32 depth block exactly (512), two even blocks (1024), three blocks with a
    // shorter last one (1501); several row blocks and a partial panel, caller and pool.
    int trial = 0;
    for (int k : new int[] {512, 1024, 1501}) {
      for (int[] mn : new int[][] {{121, 33}, {260, 70}}) {
        Problem p = new Problem(1, mn[0], mn[1], k, Layout.values()[trial % 3], Layout.ROW,
            trial % 2 == 0, false);
        runFloat(p, rnd, Mode.CALLER);
        runFloat(p, rnd, Mode.POOL);
        runDouble(p, rnd, Mode.POOL);
        trial++;
      }
    }
  }

  @Test
  void smallRowMajorAReadInPlaceWithItsPartialTilePacked() {
    Random rnd = new Random(11);
    // A within IN_PLACE_A_BYTES, rows contiguous in k: full row tiles read A in place, the last
    // partial tile (m not a multiple of 6 or 8) is packed; B past DIRECT_B_BYTES, so the packed
    // path runs. k = 1024 (rows 4 KiB apart) and the transposed A keep packing A.
    int[][] mnk = {{13, 300, 64}, {65, 300, 100}, {130, 257, 96}, {60, 100, 1024}};
    for (int[] s : mnk) {
      for (Layout la : new Layout[] {Layout.ROW, Layout.PADDED, Layout.COL}) {
        Problem p = new Problem(2, s[0], s[1], s[2], la, Layout.ROW, s[0] == 65, false);
        runFloat(p, rnd, Mode.CALLER);
        runFloat(p, rnd, Mode.POOL);
        runDouble(p, rnd, Mode.CALLER);
        runDouble(p, rnd, Mode.POOL);
      }
    }
    // float64 rows 4 KiB apart (k = 512) within IN_PLACE_A_BYTES: packed as rows.
    Problem p = new Problem(1, 60, 300, 512, Layout.ROW, Layout.ROW, false, false);
    runDouble(p, rnd, Mode.CALLER);
    runDouble(p, rnd, Mode.POOL);
    // A single row block on the pool with A packed (transposed, m within one tile).
    p = new Problem(1, 5, 1100, 700, Layout.COL, Layout.ROW, true, false);
    runFloat(p, rnd, Mode.POOL);
    runDouble(p, rnd, Mode.POOL);
  }

  @Test
  void directProductsSplitOverThePool() {
    Random rnd = new Random(12);
    // B within DIRECT_B_BYTES (float32 160 x 64 is exactly 40 KiB), A within 256 KiB, at least
    // PARALLEL_FLOPS: the direct path cut into row blocks over the pool, with edge rows and
    // columns; and direct products narrower than a tile.
    int[][] mnk = {{1000, 160, 64}, {997, 150, 64}, {5, 100, 60}, {7, 33, 17}};
    for (int[] s : mnk) {
      for (Layout la : new Layout[] {Layout.ROW, Layout.COL}) {
        for (boolean acc : new boolean[] {false, true}) {
          Problem p = new Problem(1, s[0], s[1], s[2], la, Layout.ROW, acc, false);
          runFloat(p, rnd, Mode.POOL);
          runFloat(p, rnd, Mode.CALLER);
        }
      }
    }
    Problem p = new Problem(1, 1000, 80, 32, Layout.ROW, Layout.ROW, false, false);
    runDouble(p, rnd, Mode.POOL);
    runDouble(p, rnd, Mode.CALLER);
  }

  @Test
  void aSingleRowBlockPacksGroupsOfPanelsAcrossGroupAndRangeEdges() {
    Random rnd = new Random(10);
    // One row block (m within one A block; m = 5 is one tile, so the pool cuts only columns):
    // B is packed in groups of B_GROUP_BYTES / (kc nr size) panels. k = 700 is two depth blocks
    // of 350 (11 float32 panels of 32 per group on AVX-512); n = 1100 is 35 panels, three full
    // groups and a partial one ending in a partial panel; with the pool, column ranges start
    // groups mid-way.
    for (int m : new int[] {5, 40}) {
      for (Layout lb : new Layout[] {Layout.ROW, Layout.PADDED, Layout.COL}) {
        Problem p = new Problem(1, m, 1100, 700, Layout.ROW, lb, m == 40, false);
        runFloat(p, rnd, Mode.CALLER);
        runFloat(p, rnd, Mode.POOL);
        runDouble(p, rnd, Mode.POOL);
      }
    }
  }

  @Test
  void thePoolComputesExactlyWhatTheCallerComputes() {
    // Each element is summed in the same order whichever thread packs a panel or runs a tile,
    // so the split over the pool, the shared packed B and the private copies a task packs when
    // another thread is still packing its panel (a race that happens in most of these calls)
    // all give the caller's result bit for bit.
    Random rnd = new Random(9);
    int[][] mnk = {{600, 600, 600}, {140, 3600, 300}, {256, 256, 256}, {13, 2000, 700}};
    for (int[] s : mnk) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] a = randomFloats(rnd, m * k);
      float[] b = randomFloats(rnd, k * n);
      float[] alone = new float[m * n];
      Gemm.sgemmSequential(1, m, n, k, a, 0, 0, k, 1, b, 0, 0, n, 1, alone, 0, 0, n, false);
      for (int call = 0; call < 8; call++) {
        float[] pooled = new float[m * n];
        Gemm.sgemm(1, m, n, k, a, 0, 0, k, 1, b, 0, 0, n, 1, pooled, 0, 0, n, false);
        assertArrayEquals(alone, pooled, m + "x" + n + "x" + k + " call " + call);
      }
      double[] ad = new double[a.length];
      double[] bd = new double[b.length];
      for (int i = 0; i < a.length; i++) {
        ad[i] = a[i];
      }
      for (int i = 0; i < b.length; i++) {
        bd[i] = b[i];
      }
      double[] aloneD = new double[m * n];
      double[] pooledD = new double[m * n];
      Gemm.dgemmSequential(1, m, n, k, ad, 0, 0, k, 1, bd, 0, 0, n, 1, aloneD, 0, 0, n, false);
      Gemm.dgemm(1, m, n, k, ad, 0, 0, k, 1, bd, 0, 0, n, 1, pooledD, 0, 0, n, false);
      assertArrayEquals(aloneD, pooledD, "float64 " + m + "x" + n + "x" + k);
    }
  }

  @Test
  void largeProductsSplitOverThePoolAndStayExact() {
    Random rnd = new Random(3);
    // Large enough for the parallel split along n, along m, and over the batch.
    runFloat(new Problem(1, 300, 280, 270, Layout.ROW, Layout.ROW, false, false), rnd, Mode.POOL);
    runFloat(new Problem(1, 517, 131, 300, Layout.COL, Layout.PADDED, true, false), rnd, Mode.POOL);
    runFloat(new Problem(9, 128, 128, 128, Layout.ROW, Layout.COL, false, false), rnd, Mode.POOL);
    runDouble(new Problem(1, 300, 280, 270, Layout.ROW, Layout.COL, false, false), rnd, Mode.POOL);
    runDouble(new Problem(3, 140, 150, 160, Layout.PADDED, Layout.ROW, true, true), rnd, Mode.POOL);
    // Deeper than one packed block in k and wider than one block in n.
    runFloat(new Problem(1, 13, 3100, 600, Layout.ROW, Layout.ROW, false, false), rnd, Mode.POOL);
    runDouble(new Problem(1, 70, 1600, 300, Layout.COL, Layout.ROW, false, false), rnd, Mode.POOL);
    // Packed B over its budget: two blocks of columns, each shared by several row blocks.
    runFloat(new Problem(1, 140, 3600, 300, Layout.ROW, Layout.ROW, true, false), rnd, Mode.POOL);
    runFloat(new Problem(1, 140, 3600, 300, Layout.PADDED, Layout.COL, false, false), rnd,
        Mode.CALLER);
  }

  @Test
  void smallProductsOverOddSizesAndLayouts() {
    // Sizes around 128: direct (B within DIRECT_B_BYTES), packed with A in place, or packed.
    Random rnd = new Random(5);
    int[] sizes = {1, 7, 33, 127, 128, 129};
    Layout[] ls = Layout.values();
    int trial = 0;
    for (int m : sizes) {
      for (int n : sizes) {
        for (int k : sizes) {
          Layout la = ls[trial % 3];
          Layout lb = ls[(trial / 3) % 3];
          Problem p = new Problem(1, m, n, k, la, lb, trial % 2 == 0, false);
          runFloat(p, rnd, Mode.POOL);
          runDouble(p, rnd, Mode.POOL);
          trial++;
        }
      }
    }
  }

  @Test
  void batchesOfCacheSizedProductsRunInContiguousRuns() {
    Random rnd = new Random(6);
    for (int batch : new int[] {1, 64}) {
      runFloat(new Problem(batch, 128, 128, 128, Layout.ROW, Layout.ROW, false, false), rnd,
          Mode.POOL);
      runFloat(new Problem(batch, 127, 129, 33, Layout.PADDED, Layout.ROW, true, false), rnd,
          Mode.POOL);
      runFloat(new Problem(batch, 129, 127, 128, Layout.COL, Layout.PADDED, false, true), rnd,
          Mode.POOL);
      runDouble(new Problem(batch, 128, 128, 128, Layout.ROW, Layout.ROW, true, false), rnd,
          Mode.POOL);
    }
  }

  @Test
  void oneCacheSizedProductSplitsByRowBlocks() {
    Random rnd = new Random(7);
    runFloat(new Problem(1, 256, 256, 256, Layout.ROW, Layout.ROW, false, false), rnd, Mode.POOL);
    runFloat(new Problem(1, 250, 200, 255, Layout.PADDED, Layout.PADDED, true, false), rnd,
        Mode.POOL);
    runFloat(new Problem(1, 255, 129, 250, Layout.COL, Layout.ROW, false, false), rnd, Mode.POOL);
    // Fewer row tiles than blocks: one tile per block, the last one a single row.
    runFloat(new Problem(1, 37, 512, 128, Layout.ROW, Layout.ROW, true, false), rnd, Mode.POOL);
    runDouble(new Problem(1, 181, 181, 181, Layout.PADDED, Layout.ROW, false, false), rnd,
        Mode.POOL);
    runDouble(new Problem(1, 37, 256, 128, Layout.ROW, Layout.ROW, true, false), rnd, Mode.POOL);
  }

  @Test
  void rowTablesAddressEachRowOfB() {
    Random rnd = new Random(4);
    int[][] mnk = {{5, 9, 4}, {33, 70, 65}, {64, 700, 300}, {7, 257, 33}, {130, 200, 520}};
    for (int[] s : mnk) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] a = randomFloats(rnd, m * k);
      double[] ad = new double[a.length];
      float[] pool = randomFloats(rnd, 4 * n + 7 * k);
      double[] pd = new double[pool.length];
      for (int i = 0; i < a.length; i++) {
        ad[i] = a[i];
      }
      for (int i = 0; i < pool.length; i++) {
        pd[i] = pool[i];
      }
      int[] rows = new int[k];
      for (int p = 0; p < k; p++) {
        rows[p] = rnd.nextInt(pool.length - 2 * n);
      }
      for (int variant = 0; variant < 4; variant++) {
        boolean parallel = (variant & 1) != 0;
        int cs = 1 + (variant >> 1);
        float[] c = new float[m * n];
        double[] cd = new double[m * n];
        float[] csc = new float[m * n];
        Gemm.sgemmRows(m, n, k, a, 0, k, 1, pool, 1, rows, cs, c, 0, n, false, parallel);
        Gemm.dgemmRows(m, n, k, ad, 0, k, 1, pd, 1, rows, cs, cd, 0, n, false, parallel);
        ScalarGemm.sgemm(m, n, k, a, 0, k, 1, pool, 1, 0, rows, cs, null, csc, 0, n, false);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double exact = 0;
            double mag = 0;
            for (int p = 0; p < k; p++) {
              double prod = (double) a[i * k + p] * pool[1 + rows[p] + cs * j];
              exact += prod;
              mag += Math.abs(prod);
            }
            double bound = (k + 2) * 0x1p-24 * mag;
            assertTrue(Math.abs(c[i * n + j] - exact) <= bound, "sgemmRows " + i + "," + j);
            assertTrue(Math.abs(csc[i * n + j] - exact) <= bound, "scalar rows " + i + "," + j);
            assertTrue(Math.abs(cd[i * n + j] - exact) <= (k + 2) * 0x1p-52 * mag + 1e-300,
                "dgemmRows " + i + "," + j);
          }
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.sgemmRows(1, 4, 2, new float[2], 0, 2, 1, new float[8], 0, new int[] {0, 5}, 1,
            new float[4], 0, 4, false, false));
    assertEquals("gemm operand B addresses element 8 but its array holds 8", e.getMessage());
  }

  @Test
  void columnTablesGatherRunsOfColumnsAcrossPanelEdges() {
    Random rnd = new Random(13);
    // Columns in runs (a convolution's output rows on its padded grid: run 56 of 58, or odd
    // runs of 1-40 with gaps and backward jumps), straddling panel edges, with a partial last
    // panel; single and several row blocks, caller and pool, float32 and float64.
    int[][] mnk = {{64, 3136, 36}, {9, 300, 20}, {130, 201, 70}, {3, 17, 5}};
    for (int[] s : mnk) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      int[] cols = new int[n];
      if (n == 3136) {
        for (int q = 0; q < n; q++) {
          cols[q] = q / 56 * 58 + q % 56;
        }
      } else {
        for (int q = 0, off = 0, left = 0; q < n; q++, left--, off++) {
          if (left == 0) {
            left = 1 + rnd.nextInt(40);
            off = rnd.nextInt(4 * n);
          }
          cols[q] = off;
        }
      }
      int width = 0;
      for (int col : cols) {
        width = Math.max(width, col + 1);
      }
      float[] a = randomFloats(rnd, m * k);
      float[] pool = randomFloats(rnd, width + 5 * k);
      double[] ad = new double[a.length];
      double[] pd = new double[pool.length];
      for (int i = 0; i < a.length; i++) {
        ad[i] = a[i];
      }
      for (int i = 0; i < pool.length; i++) {
        pd[i] = pool[i];
      }
      int[] rows = new int[k];
      for (int p = 0; p < k; p++) {
        rows[p] = rnd.nextInt(pool.length - width);
      }
      for (boolean parallel : new boolean[] {false, true}) {
        float[] c = new float[m * n];
        double[] cd = new double[m * n];
        float[] csc = new float[m * n];
        Gemm.sgemmGather(m, n, k, a, 0, k, 1, pool, 0, rows, cols, c, 0, n, false, parallel);
        Gemm.dgemmGather(m, n, k, ad, 0, k, 1, pd, 0, rows, cols, cd, 0, n, false, parallel);
        ScalarGemm.sgemm(m, n, k, a, 0, k, 1, pool, 0, 0, rows, 1, cols, csc, 0, n, false);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double exact = 0;
            double mag = 0;
            for (int p = 0; p < k; p++) {
              double prod = (double) a[i * k + p] * pool[rows[p] + cols[j]];
              exact += prod;
              mag += Math.abs(prod);
            }
            double bound = (k + 2) * 0x1p-24 * mag;
            assertTrue(Math.abs(c[i * n + j] - exact) <= bound, "sgemmGather " + i + "," + j);
            assertTrue(Math.abs(csc[i * n + j] - exact) <= bound, "scalar gather " + i + "," + j);
            assertTrue(Math.abs(cd[i * n + j] - exact) <= (k + 2) * 0x1p-52 * mag + 1e-300,
                "dgemmGather " + i + "," + j);
          }
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.sgemmGather(1, 3, 2, new float[2], 0, 2, 1, new float[8], 0, new int[] {0, 4},
            new int[] {0, 1, 4}, new float[3], 0, 3, false, false));
    assertEquals("gemm operand B addresses elements 4 to 8 in row 1 but its array holds 8",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.sgemmGather(1, 3, 2, new float[2], 0, 2, 1, new float[8], 0, new int[] {0, 1},
            new int[] {0, 1}, new float[3], 0, 3, false, false));
    assertEquals("gemm column table for B has 2 entries, needs n=3", e.getMessage());
  }

  @Test
  void aGatheredThroughTablesMatchesTheDefinition() {
    Random rnd = new Random(14);
    // A's rows at arbitrary offsets, its columns in runs (a channels-last convolution: 9
    // window offsets of 7 channels, and 3 offsets of 64), m across tiles and row blocks,
    // caller and pool, float32 and float64.
    int[][] mnk = {{37, 20, 63}, {3136, 64, 192}, {5, 70, 9}};
    for (int[] s : mnk) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      int run = k == 192 ? 64 : 7;
      int[] cols = new int[k];
      for (int p = 0; p < k; p++) {
        cols[p] = p / run * 300 + p % run;
      }
      int span = cols[k - 1] + 1;
      float[] a = randomFloats(rnd, span + 5 * m + 11);
      int[] rows = new int[m];
      for (int i = 0; i < m; i++) {
        rows[i] = rnd.nextInt(a.length - span);
      }
      float[] b = randomFloats(rnd, k * n);
      double[] ad = new double[a.length];
      double[] bd = new double[b.length];
      for (int i = 0; i < a.length; i++) {
        ad[i] = a[i];
      }
      for (int i = 0; i < b.length; i++) {
        bd[i] = b[i];
      }
      for (boolean parallel : new boolean[] {false, true}) {
        float[] c = new float[m * n];
        double[] cd = new double[m * n];
        Gemm.sgemmGatherA(m, n, k, a, 0, rows, cols, b, 0, n, c, 0, n, false, parallel);
        Gemm.dgemmGatherA(m, n, k, ad, 0, rows, cols, bd, 0, n, cd, 0, n, false, parallel);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double exact = 0;
            double mag = 0;
            for (int p = 0; p < k; p++) {
              double prod = (double) a[rows[i] + cols[p]] * b[p * n + j];
              exact += prod;
              mag += Math.abs(prod);
            }
            double bound = (k + 2) * 0x1p-24 * mag;
            assertTrue(Math.abs(c[i * n + j] - exact) <= bound, "sgemmGatherA " + i + "," + j);
            assertTrue(Math.abs(cd[i * n + j] - exact) <= (k + 2) * 0x1p-52 * mag + 1e-300,
                "dgemmGatherA " + i + "," + j);
          }
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.sgemmGatherA(2, 1, 2, new float[6], 0, new int[] {0, 4}, new int[] {0, 2},
            new float[2], 0, 1, new float[2], 0, 1, false, false));
    assertEquals("gemm operand A addresses elements 4 to 6 in row 1 but its array holds 6",
        e.getMessage());
  }

  @Test
  void gatheredProductsAccumulateIntoC() {
    Random rnd = new Random(15);
    int m = 19;
    int n = 45;
    int k = 30;
    int[] rows = new int[k];
    int[] cols = new int[n];
    int[] aRows = new int[m];
    int[] aCols = new int[k];
    for (int p = 0; p < k; p++) {
      rows[p] = p * 50;
      aCols[p] = p / 10 * 13 + p % 10;
    }
    for (int j = 0; j < n; j++) {
      cols[j] = j / 20 * 23 + j % 20;
    }
    for (int i = 0; i < m; i++) {
      aRows[i] = i * 40;
    }
    float[] a = randomFloats(rnd, m * 40 + 40);
    float[] b = randomFloats(rnd, k * 50 + 60);
    float[] bRowMajor = randomFloats(rnd, k * n);
    for (boolean parallel : new boolean[] {false, true}) {
      float[] c0 = randomFloats(rnd, m * n);
      float[] c = c0.clone();
      float[] cg = c0.clone();
      float[] aDense = new float[m * k];
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) {
          aDense[i * k + p] = a[aRows[i] + aCols[p]];
        }
      }
      Gemm.sgemmGather(m, n, k, aDense, 0, k, 1, b, 0, rows, cols, c, 0, n, true, parallel);
      Gemm.sgemmGatherA(m, n, k, a, 0, aRows, aCols, bRowMajor, 0, n, cg, 0, n, true, parallel);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double exact = c0[i * n + j];
          double exactA = c0[i * n + j];
          double mag = Math.abs(c0[i * n + j]);
          double magA = mag;
          for (int p = 0; p < k; p++) {
            double prod = (double) aDense[i * k + p] * b[rows[p] + cols[j]];
            double prodA = (double) aDense[i * k + p] * bRowMajor[p * n + j];
            exact += prod;
            exactA += prodA;
            mag += Math.abs(prod);
            magA += Math.abs(prodA);
          }
          assertTrue(Math.abs(c[i * n + j] - exact) <= (k + 3) * 0x1p-24 * mag,
              "sgemmGather += " + i + "," + j);
          assertTrue(Math.abs(cg[i * n + j] - exactA) <= (k + 3) * 0x1p-24 * magA,
              "sgemmGatherA += " + i + "," + j);
        }
      }
    }
  }

  @Test
  void badOperandsAreRejectedWithTheirNames() {
    float[] a = new float[4];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.sgemm(1, 2, 2, 2, a, 0, 0, 2, 1, new float[3], 0, 0, 2, 1, new float[4], 0, 0, 2,
            false));
    assertEquals("gemm operand B addresses element 3 but its array holds 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.dgemm(1, -1, 2, 2, new double[4], 0, 0, 2, 1, new double[4], 0, 0, 2, 1,
            new double[4], 0, 0, 2, false));
    assertEquals("gemm sizes must be nonnegative, got batch=1 m=-1 n=2 k=2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () ->
        Gemm.sgemmSequential(1, 2, 2, 2, a, 0, 0, -2, 1, a, 0, 0, 2, 1, new float[4], 0, 0, 2,
            false));
    assertEquals("gemm operand A needs a nonnegative offset and strides, got offset 0,"
        + " strides (0, -2, 1)", e.getMessage());
  }

  @Test
  void emptyContractionWritesZerosOrLeavesTheAccumulator() {
    float[] c = {5, 5, 5, 5};
    Gemm.sgemm(1, 2, 2, 0, new float[0], 0, 0, 0, 1, new float[0], 0, 0, 2, 1, c, 0, 0, 2, true);
    assertEquals(5f, c[3]);
    Gemm.sgemm(1, 2, 2, 0, new float[0], 0, 0, 0, 1, new float[0], 0, 0, 2, 1, c, 0, 0, 2, false);
    assertEquals(0f, c[3]);
  }

  private static Problem randomProblem(Random rnd) {
    Layout[] ls = Layout.values();
    return new Problem(1 + rnd.nextInt(3), pick(rnd), pick(rnd), pick(rnd),
        ls[rnd.nextInt(3)], ls[rnd.nextInt(3)], rnd.nextBoolean(), rnd.nextInt(4) == 0);
  }

  private static int pick(Random rnd) {
    return rnd.nextInt(3) == 0 ? SIZES[rnd.nextInt(SIZES.length)] : 1 + rnd.nextInt(40);
  }

  private static void runFloat(Problem p, Random rnd, Mode mode) {
    Strides sa = strides(p.la(), p.batch(), p.m(), p.k(), false);
    Strides sb = strides(p.lb(), p.batch(), p.k(), p.n(), p.broadcastB());
    int ldc = p.n() + 2;
    float[] a = randomFloats(rnd, sa.length());
    float[] b = randomFloats(rnd, sb.length());
    float[] c = randomFloats(rnd, p.batch() * p.m() * ldc + 1);
    float[] c0 = c.clone();
    int cBatch = p.m() * ldc;
    if (mode == Mode.SCALAR) {
      for (int bi = 0; bi < p.batch(); bi++) {
        ScalarGemm.sgemm(p.m(), p.n(), p.k(), a, sa.off() + bi * sa.batch(), sa.row(), sa.col(),
            b, sb.off() + bi * sb.batch(), sb.row(), null, sb.col(), null, c, bi * cBatch, ldc,
            p.accumulate());
      }
    } else if (mode == Mode.POOL) {
      Gemm.sgemm(p.batch(), p.m(), p.n(), p.k(), a, sa.off(), sa.batch(), sa.row(), sa.col(),
          b, sb.off(), sb.batch(), sb.row(), sb.col(), c, 0, cBatch, ldc, p.accumulate());
    } else {
      Gemm.sgemmSequential(p.batch(), p.m(), p.n(), p.k(), a, sa.off(), sa.batch(), sa.row(),
          sa.col(), b, sb.off(), sb.batch(), sb.row(), sb.col(), c, 0, cBatch, ldc,
          p.accumulate());
    }
    for (int bi = 0; bi < p.batch(); bi++) {
      for (int i = 0; i < p.m(); i++) {
        for (int j = 0; j < ldc; j++) {
          int ci = bi * cBatch + i * ldc + j;
          if (j >= p.n()) {
            assertEquals(c0[ci], c[ci], "gemm wrote outside C");
            continue;
          }
          double exact = p.accumulate() ? c0[ci] : 0;
          double mag = Math.abs(exact);
          for (int q = 0; q < p.k(); q++) {
            double x = a[sa.off() + bi * sa.batch() + i * sa.row() + q * sa.col()];
            double y = b[sb.off() + bi * sb.batch() + q * sb.row() + j * sb.col()];
            exact += x * y;
            mag += Math.abs(x * y);
          }
          double bound = (p.k() + 2) * 0x1p-24 * mag + 1e-30;
          double err = Math.abs(c[ci] - exact);
          double e0 = exact;
          assertTrue(err <= bound, () -> p + " " + mode + " C[" + ci
              + "] = " + c[ci] + ", exact " + e0 + ", error " + err + " > " + bound);
        }
      }
    }
  }

  private static void runDouble(Problem p, Random rnd, Mode mode) {
    Strides sa = strides(p.la(), p.batch(), p.m(), p.k(), false);
    Strides sb = strides(p.lb(), p.batch(), p.k(), p.n(), p.broadcastB());
    int ldc = p.n();
    double[] a = randomDoubles(rnd, sa.length());
    double[] b = randomDoubles(rnd, sb.length());
    double[] c = randomDoubles(rnd, p.batch() * p.m() * ldc);
    double[] c0 = c.clone();
    int cBatch = p.m() * ldc;
    if (mode == Mode.SCALAR) {
      for (int bi = 0; bi < p.batch(); bi++) {
        ScalarGemm.dgemm(p.m(), p.n(), p.k(), a, sa.off() + bi * sa.batch(), sa.row(), sa.col(),
            b, sb.off() + bi * sb.batch(), sb.row(), null, sb.col(), null, c, bi * cBatch, ldc,
            p.accumulate());
      }
    } else if (mode == Mode.POOL) {
      Gemm.dgemm(p.batch(), p.m(), p.n(), p.k(), a, sa.off(), sa.batch(), sa.row(), sa.col(),
          b, sb.off(), sb.batch(), sb.row(), sb.col(), c, 0, cBatch, ldc, p.accumulate());
    } else {
      Gemm.dgemmSequential(p.batch(), p.m(), p.n(), p.k(), a, sa.off(), sa.batch(), sa.row(),
          sa.col(), b, sb.off(), sb.batch(), sb.row(), sb.col(), c, 0, cBatch, ldc,
          p.accumulate());
    }
    for (int bi = 0; bi < p.batch(); bi++) {
      for (int i = 0; i < p.m(); i++) {
        for (int j = 0; j < p.n(); j++) {
          int ci = bi * cBatch + i * ldc + j;
          // Exact enough: a compensated float64 sum of products.
          double exact = p.accumulate() ? c0[ci] : 0;
          double comp = 0;
          double mag = Math.abs(exact);
          for (int q = 0; q < p.k(); q++) {
            double x = a[sa.off() + bi * sa.batch() + i * sa.row() + q * sa.col()];
            double y = b[sb.off() + bi * sb.batch() + q * sb.row() + j * sb.col()];
            double prod = x * y;
            double perr = Math.fma(x, y, -prod);
            double t = exact + prod;
            comp += (Math.abs(exact) >= Math.abs(prod) ? (exact - t) + prod : (prod - t) + exact)
                + perr;
            exact = t;
            mag += Math.abs(prod);
          }
          exact += comp;
          double bound = (p.k() + 3) * 0x1p-53 * mag + 1e-300;
          double err = Math.abs(c[ci] - exact);
          double e0 = exact;
          assertTrue(err <= bound, () -> p + " " + mode + " C[" + ci
              + "] = " + c[ci] + ", exact " + e0 + ", error " + err + " > " + bound);
        }
      }
    }
  }

  private static float[] randomFloats(Random rnd, int n) {
    float[] r = new float[n];
    for (int i = 0; i < n; i++) {
      r[i] = rnd.nextFloat() * 2 - 1;
    }
    return r;
  }

  private static double[] randomDoubles(Random rnd, int n) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = rnd.nextDouble() * 2 - 1;
    }
    return r;
  }
}
