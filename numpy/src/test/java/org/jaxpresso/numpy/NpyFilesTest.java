package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.errors.TracerArrayConversionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Jnp.load} / {@code save} / {@code savez}: files NumPy wrote (generated once by
 * {@code tools/refgen/gen_npy_files.py}), round trips of every dtype, and the errors.
 */
class NpyFilesTest {
  @TempDir
  Path tmp;

  static Path ref(String name) {
    try {
      return Path.of(NpyFilesTest.class.getResource("/ref/npyfiles/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static NDArray npy(String name) throws IOException {
    Object o = Jnp.load(ref(name));
    return assertInstanceOf(NDArray.class, o);
  }

  // ---- files NumPy wrote ----

  @Test
  void readsEveryDtypeNumpyWrote() throws IOException {
    NDArray b = npy("bool.npy");
    assertEquals(DType.BOOL, b.dtype());
    assertArrayEquals(new int[] {2, 3}, b.shape());
    assertArrayEquals(new boolean[] {true, false, true, false, false, true}, b.toBooleanArray());
    check("int8.npy", DType.INT8, new long[] {-128, -1, 0, 127});
    check("int16.npy", DType.INT16, new long[] {-32768, 7, 32767});
    NDArray i32 = npy("int32.npy");
    assertArrayEquals(new int[] {3, 4}, i32.shape());
    assertArrayEquals(new long[] {-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6}, i32.toLongArray());
    check("uint8.npy", DType.UINT8, new long[] {0, 200, 255});
    check("uint16.npy", DType.UINT16, new long[] {0, 65535});
    check("uint32.npy", DType.UINT32, new long[] {0, 4294967295L, 1065353216});
    NDArray f16 = npy("float16.npy");
    assertEquals(DType.FLOAT16, f16.dtype());
    assertArrayEquals(new float[] {1f, -2.5f, 65504f, Float.POSITIVE_INFINITY},
        f16.toFloatArray());
    NDArray f32 = npy("float32.npy");
    assertEquals(DType.FLOAT32, f32.dtype());
    float[] fv = f32.toFloatArray();
    assertEquals(0.1f, fv[0]);
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(fv[1]));
    assertTrue(Float.isNaN(fv[2]));
    assertEquals(3.4028235e38f, fv[3]);
    NDArray bf = npy("bfloat16.npy");
    assertEquals(DType.BFLOAT16, bf.dtype());
    assertArrayEquals(new float[] {1f, -2.5f, 3.140625f}, bf.toFloatArray());
    NDArray s = npy("scalar.npy");
    assertArrayEquals(new int[0], s.shape());
    assertEquals("Array(2.5, dtype=float32)", s.repr());
    NDArray e = npy("empty.npy");
    assertArrayEquals(new int[] {2, 0, 3}, e.shape());
    assertEquals(DType.INT16, e.dtype());
  }

  static void check(String file, DType dtype, long[] values) throws IOException {
    NDArray a = npy(file);
    assertEquals(dtype, a.dtype(), file);
    assertArrayEquals(values, a.toLongArray(), file);
  }

  @Test
  void sixtyFourBitNpyIsCanonicalizedAsJnpAsarray() throws IOException {
    NDArray i64 = npy("int64.npy");
    assertEquals(DType.INT32, i64.dtype());
    assertArrayEquals(new long[] {-(1L << 31), (1L << 31) - 1, 3}, i64.toLongArray());
    NDArray f64 = npy("float64.npy");
    assertEquals(DType.FLOAT32, f64.dtype());
    assertArrayEquals(new float[] {(float) Math.PI, -0.0f, 0.1f}, f64.toFloatArray());
    assertEquals(DType.UINT32, npy("uint64.npy").dtype());
    Flags.setX64(true);
    try {
      NDArray x = npy("int64.npy");
      assertEquals(DType.INT64, x.dtype());
      assertArrayEquals(new long[] {-(1L << 31), (1L << 31) - 1, (1L << 40) + 3},
          x.toLongArray());
      assertArrayEquals(new double[] {Math.PI, -1e-300, 0.1}, npy("float64.npy")
          .toDoubleArray());
      assertArrayEquals(new long[] {0, -1, (1L << 32) + 1}, npy("uint64.npy").toLongArray());
    } finally {
      Flags.resetX64();
    }
  }

  @Test
  void readsBigEndianAndVersion2Headers() throws IOException {
    check("big_endian_i4.npy", DType.INT32, new long[] {1, -2, 70000});
    assertArrayEquals(new float[] {1.5f, -3f}, npy("version2.npy").toFloatArray());
  }

  @Test
  void readsNpzArchivesKeepingDtypes() throws IOException {
    Object o = Jnp.load(ref("all.npz"));
    @SuppressWarnings("unchecked")
    Map<String, NDArray> all = assertInstanceOf(Map.class, o);
    assertEquals(List.of("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
        "uint64", "float16", "float32", "float64", "bfloat16", "scalar", "empty"),
        List.copyOf(all.keySet()));
    assertEquals(DType.INT64, all.get("int64").dtype());
    assertArrayEquals(new long[] {-(1L << 31), (1L << 31) - 1, (1L << 40) + 3},
        all.get("int64").toLongArray());
    assertEquals(DType.FLOAT64, all.get("float64").dtype());
    assertEquals(Math.PI, all.get("float64").toDoubleArray()[0]);
    assertEquals(DType.BFLOAT16, all.get("bfloat16").dtype());
    assertEquals(npy("int32.npy").repr(), all.get("int32").repr());
    Map<String, NDArray> c = Jnp.loadNpz(ref("compressed.npz"));
    assertArrayEquals(new int[] {2, 3}, c.get("a").shape());
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, c.get("a").toLongArray());
    assertArrayEquals(new float[] {0.5f, 0.25f}, c.get("b").toFloatArray());
    Map<String, NDArray> p = Jnp.loadNpz(ref("positional.npz"));
    assertEquals(List.of("arr_0", "arr_1"), List.copyOf(p.keySet()));
    assertEquals(DType.UINT8, p.get("arr_0").dtype());
    assertEquals("Array(True, dtype=bool)", p.get("arr_1").repr());
  }

  // ---- round trips ----

  static final DType[] ALL = DType.values();

  static Array sample(DType d) {
    return switch (d) {
      case BOOL -> Array.of(new boolean[] {true, false, true, true, false, false}, 2, 3);
      case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> Array.fromDoubles(d,
          new double[] {0.5, -1.25, 3, Double.NaN, Double.NEGATIVE_INFINITY, -0.0}, 2, 3);
      default -> Array.fromLongs(d, new long[] {0, 1, -1, 100, -100, 7}, 2, 3);
    };
  }

  @Test
  void roundTripsEveryDtypeExactly() throws IOException {
    Flags.setX64(true);
    try {
      for (DType d : ALL) {
        Array a = sample(d);
        Path f = tmp.resolve(d + ".npy");
        Jnp.save(f, a);
        NDArray back = Jnp.loadNpy(f);
        assertEquals(d, back.dtype(), d.toString());
        assertArrayEquals(a.shape(), back.shape());
        assertEquals(a.repr(), back.repr(), d.toString());
      }
    } finally {
      Flags.resetX64();
    }
  }

  @Test
  void roundTripsZeroDAndEmptyArrays() throws IOException {
    for (DType d : ALL) {
      Array zeroD = d == DType.BOOL ? Array.scalar(true) : Array.scalar(3, d);
      Array empty = Array.fromLongs(d, new long[0], 0, 4);
      Jnp.savez(tmp.resolve("z" + d + ".npz"), Map.of("s", zeroD, "e", empty));
      Map<String, NDArray> back = Jnp.loadNpz(tmp.resolve("z" + d + ".npz"));
      assertEquals(zeroD.repr(), back.get("s").repr());
      assertArrayEquals(new int[] {0, 4}, back.get("e").shape());
      assertEquals(d, back.get("e").dtype());
    }
  }

  @Test
  void savezKeepsEveryDtypeAndOrder() throws IOException {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (DType d : ALL) {
      arrays.put(d.toString(), sample(d));
    }
    Path f = tmp.resolve("all.npz");
    Jnp.savez(f, arrays);
    Map<String, NDArray> back = Jnp.loadNpz(f);
    assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
    for (DType d : ALL) {
      assertEquals(d, back.get(d.toString()).dtype());
      assertEquals(arrays.get(d.toString()).repr(), back.get(d.toString()).repr());
    }
  }

  @Test
  void savezPositionalNamesAndSuffixes() throws IOException {
    Jnp.savez(tmp.resolve("pos"), Jnp.arange(3), new float[] {1.5f, 2f});
    Map<String, NDArray> back = Jnp.loadNpz(tmp.resolve("pos.npz"));
    assertEquals(List.of("arr_0", "arr_1"), List.copyOf(back.keySet()));
    assertArrayEquals(new float[] {1.5f, 2f}, back.get("arr_1").toFloatArray());
    Jnp.save(tmp.resolve("x"), Jnp.arange(4));
    assertTrue(Files.exists(tmp.resolve("x.npy")));
    assertArrayEquals(new long[] {0, 1, 2, 3}, Jnp.loadNpy(tmp.resolve("x.npy")).toLongArray());
    Jnp.save(tmp.resolve("y.npy"), List.of(List.of(1, 2), List.of(3, 4)));
    NDArray y = Jnp.loadNpy(tmp.resolve("y.npy"));
    assertArrayEquals(new int[] {2, 2}, y.shape());
    assertEquals(DType.INT32, y.dtype());
  }

  @Test
  void savedFilesAreTheBytesNumpyWrites() throws IOException {
    Path f = tmp.resolve("int8.npy");
    Jnp.save(f, Array.fromLongs(DType.INT8, new long[] {-128, -1, 0, 127}, 4));
    assertArrayEquals(Files.readAllBytes(ref("int8.npy")), Files.readAllBytes(f));
  }

  // ---- errors ----

  @Test
  void unsupportedFilesAreRefusedClearly() {
    IOException fortran = assertThrows(IOException.class, () -> Jnp.load(ref("fortran.npy")));
    assertTrue(fortran.getMessage().contains("Fortran-order .npy arrays are not supported"),
        fortran.getMessage());
    assertTrue(fortran.getMessage().contains("fortran.npy"), fortran.getMessage());
    IOException complex = assertThrows(IOException.class, () -> Jnp.load(ref("complex64.npy")));
    assertTrue(complex.getMessage().endsWith("unsupported .npy dtype descriptor '<c8'"),
        complex.getMessage());
    IOException object = assertThrows(IOException.class, () -> Jnp.load(ref("object.npy")));
    assertTrue(object.getMessage().endsWith("unsupported .npy dtype descriptor '|O'"),
        object.getMessage());
  }

  @Test
  void badFilesAreRefusedClearly() throws IOException {
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> Jnp.load(tmp.resolve("missing.npy")));
    Path junk = tmp.resolve("junk.npy");
    Files.writeString(junk, "this is not numpy data");
    IOException bad = assertThrows(IOException.class, () -> Jnp.load(junk));
    assertTrue(bad.getMessage().endsWith("not a .npy file: bad magic string"), bad.getMessage());
    byte[] whole = Files.readAllBytes(ref("int32.npy"));
    Path cut = tmp.resolve("cut.npy");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 5));
    IOException truncated = assertThrows(IOException.class, () -> Jnp.load(cut));
    assertTrue(truncated.getMessage().contains(".npy data is truncated"),
        truncated.getMessage());
    IOException npz = assertThrows(IOException.class, () -> Jnp.loadNpy(ref("all.npz")));
    assertTrue(npz.getMessage().contains("is a .npz archive"), npz.getMessage());
    IOException notZip = assertThrows(IOException.class, () -> Jnp.loadNpz(ref("int8.npy")));
    assertTrue(notZip.getMessage().contains("not a .npz archive"), notZip.getMessage());
  }

  @Test
  void savingBadValues() {
    assertThrows(JaxValueError.class,
        () -> Jnp.savez(tmp.resolve("e.npz"), Map.of("", Jnp.arange(2))));
    assertThrows(IOException.class,
        () -> Jnp.save(tmp.resolve("no-such-dir").resolve("x.npy"), Jnp.arange(2)));
    Function<NDArray, NDArray> f = x -> {
      try {
        Jnp.save(tmp.resolve("traced.npy"), x);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return x;
    };
    TracerArrayConversionError err = assertThrows(TracerArrayConversionError.class,
        () -> Jax.jit(f).apply(Jnp.arange(3)));
    assertTrue(err.getMessage().startsWith("The numpy.ndarray conversion method __array__() was"
        + " called on traced array with shape int32[3]"), err.getMessage());
  }
}
