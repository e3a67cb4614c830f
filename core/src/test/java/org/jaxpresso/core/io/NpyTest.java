package org.jaxpresso.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

class NpyTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/npy_dtypes.npz");

  private static Array resource(String name) throws IOException {
    try (InputStream in = NpyTest.class.getResourceAsStream("/ref/" + name)) {
      return Npy.read(in);
    }
  }

  @Test
  void readsEveryDtypeWrittenByNumpy() {
    assertEquals(DType.BOOL, REF.get("bool").dtype());
    assertArrayEquals(new int[] {2, 3}, REF.get("bool").shape());
    assertArrayEquals(new boolean[] {true, false, true, false, false, true}, REF.get("bool").toBooleanArray());
    assertArrayEquals(new long[] {-128, -1, 0, 127}, REF.get("int8").toLongArray());
    assertArrayEquals(new long[] {-32768, 7, 32767}, REF.get("int16").toLongArray());
    assertEquals(DType.INT32, REF.get("int32").dtype());
    assertEquals(-5, REF.get("int32").getLong(0));
    assertArrayEquals(new long[] {Long.MIN_VALUE, 1L << 40, Long.MAX_VALUE}, REF.get("int64").toLongArray());
    assertEquals(DType.INT64, REF.get("int64").dtype());
    assertArrayEquals(new long[] {0, 200, 255}, REF.get("uint8").toLongArray());
    assertArrayEquals(new long[] {0, 65535}, REF.get("uint16").toLongArray());
    assertArrayEquals(new long[] {0, 4294967295L, 1065353216}, REF.get("uint32").toLongArray());
    assertArrayEquals(new long[] {0, -1, Long.MIN_VALUE}, REF.get("uint64").toLongArray());
    assertEquals(0x1p64, REF.get("uint64").getDouble(1));
    assertArrayEquals(new double[] {1.0, -2.5, 65504.0, Double.POSITIVE_INFINITY}, REF.get("float16").toDoubleArray());
    float[] f = REF.get("float32").toFloatArray();
    assertEquals(0.1f, f[0]);
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(f[1]));
    assertTrue(Float.isNaN(f[2]));
    assertEquals(Float.MAX_VALUE, f[3]);
    assertArrayEquals(new double[] {Math.PI, -1e-300, Double.MIN_VALUE}, REF.get("float64").toDoubleArray());
    assertEquals(0, REF.get("scalar").ndim());
    assertEquals(2.5, REF.get("scalar").getDouble(0));
    assertArrayEquals(new int[] {2, 0, 3}, REF.get("empty").shape());
  }

  @Test
  void bigEndianIsRead() throws IOException {
    assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, resource("big_endian_f4.npy").toFloatArray());
  }

  @Test
  void fortranOrderAndUnknownDtypesFailClearly() {
    IOException e = assertThrows(IOException.class, () -> resource("fortran.npy"));
    assertTrue(e.getMessage().startsWith("Fortran-order .npy arrays are not supported"), e.getMessage());
    IOException c = assertThrows(IOException.class, () -> resource("complex.npy"));
    assertEquals("unsupported .npy dtype descriptor '<c8'", c.getMessage());
    assertThrows(IOException.class, () -> Npy.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  }

  @Test
  void writeThenReadRoundTripsEveryDtype() throws IOException {
    Map<String, Array> all = new LinkedHashMap<>(REF);
    all.put("bf16", Array.fromStorage(DType.BFLOAT16, new short[] {0x3f80, (short) 0xc020}, 2));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.writeNpz(all, out);
    Map<String, Array> back = Npy.readNpz(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(all.keySet(), back.keySet());
    for (String k : all.keySet()) {
      Array a = all.get(k);
      Array b = back.get(k);
      assertEquals(a.aval(), b.aval(), k);
      assertEquals(java.util.Arrays.toString(a.toDoubleArray()), java.util.Arrays.toString(b.toDoubleArray()), k);
    }
    assertArrayEquals(new float[] {1f, -2.5f}, back.get("bf16").toFloatArray());
  }

  @Test
  void headerIsAlignedTo64Bytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(Array.of(new int[] {1, 2, 3}, 3), out);
    byte[] b = out.toByteArray();
    int headerLen = (b[8] & 0xFF) | ((b[9] & 0xFF) << 8);
    assertEquals(0, (10 + headerLen) % 64);
    assertEquals(10 + headerLen + 12, b.length);
  }
}
