package org.jaxpresso.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;

/**
 * NumPy's {@code .npy} and {@code .npz} formats (versions 1.0-3.0, C order, little- or
 * big-endian), for every jaxpresso dtype. bfloat16, which has no NumPy descriptor of its own, is
 * written as {@code <V2} (raw 16-bit patterns, as ml_dtypes saves it) and read from {@code <V2}
 * or {@code bfloat16}. Arrays read keep their exact dtype (64-bit types are not canonicalized).
 *
 * <pre>{@code
 * Array a = Npy.read(Path.of("x.npy"));
 * Npy.write(a, Path.of("y.npy"));
 * Map<String, Array> all = Npy.readNpz(Path.of("refs.npz"));
 * }</pre>
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * Reads a {@code .npy} file.
   *
   * @param path the file path
   * @return a {@code .npy} file
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static Array read(Path path) throws IOException {
    return read(Files.readAllBytes(path));
  }

  /**
   * Reads {@code .npy} bytes.
   *
   * @param in the stream to read from; it is not closed
   * @return {@code .npy} bytes
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static Array read(InputStream in) throws IOException {
    return read(in.readAllBytes());
  }

  /**
   * Parses {@code .npy} bytes.
   *
   * @param bytes the file's contents
   * @return {@code .npy} bytes
   * @throws IOException if the data is not a C-order npy array of a supported dtype
   */
  public static Array read(byte[] bytes) throws IOException {
    if (bytes.length < 10) {
      throw new IOException("not a .npy file: only " + bytes.length + " bytes");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new IOException("not a .npy file: bad magic string");
      }
    }
    int major = bytes[6];
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int offset;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(bb.getShort(8));
      offset = 10;
    } else if (major == 2 || major == 3) {
      headerLen = bb.getInt(8);
      offset = 12;
    } else {
      throw new IOException("unsupported .npy version " + major);
    }
    String header = new String(bytes, offset, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException("malformed .npy header: " + header.trim());
    }
    if (f.group(1).equals("True")) {
      throw new IOException("Fortran-order .npy arrays are not supported; save with np.ascontiguousarray");
    }
    String descr = d.group(1);
    DType dtype = dtypeOf(descr);
    ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    String[] parts = s.group(1).split(",");
    int[] dims = java.util.Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty())
        .mapToInt(Integer::parseInt).toArray();
    Shape shape = Shape.of(dims);
    int n = Math.toIntExact(shape.size());
    ByteBuffer data = ByteBuffer.wrap(bytes, offset + headerLen, bytes.length - offset - headerLen).slice().order(order);
    if (data.remaining() < (long) n * dtype.itemSize()) {
      throw new IOException(".npy data is truncated: need " + (long) n * dtype.itemSize() + " bytes, have " + data.remaining());
    }
    HostBuffer buf = HostBuffer.allocate(dtype, n);
    switch (buf.data()) {
      case byte[] a -> data.get(a);
      case short[] a -> data.asShortBuffer().get(a);
      case int[] a -> data.asIntBuffer().get(a);
      case long[] a -> data.asLongBuffer().get(a);
      case float[] a -> data.asFloatBuffer().get(a);
      case double[] a -> data.asDoubleBuffer().get(a);
      default -> throw new IllegalStateException();
    }
    if (dtype == DType.BOOL) {
      byte[] a = (byte[]) buf.data();
      for (int i = 0; i < a.length; i++) {
        a[i] = (byte) (a[i] != 0 ? 1 : 0);
      }
    }
    return Array.wrap(new ShapedArray(shape, dtype, false), buf);
  }

  /**
   * Writes {@code a} as a version 1.0 {@code .npy} file.
   *
   * @param a the input array
   * @param path the file path
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static void write(Array a, Path path) throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      write(a, out);
    }
  }

  /**
   * Writes {@code a} as version 1.0 {@code .npy} bytes (little-endian, C order).
   *
   * @param a the input array
   * @param out the stream to write to; it is not closed
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static void write(Array a, OutputStream out) throws IOException {
    String shape = a.ndim() == 1 ? "(" + a.shape()[0] + ",)" : a.aval().shape().toString();
    String header = "{'descr': '" + descrOf(a.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = MAGIC.length + 4 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    out.write(MAGIC);
    out.write(1);
    out.write(0);
    out.write(header.length() & 0xFF);
    out.write((header.length() >> 8) & 0xFF);
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    HostBuffer h = a.host();
    ByteBuffer bb = ByteBuffer.allocate(h.length() * a.dtype().itemSize()).order(ByteOrder.LITTLE_ENDIAN);
    switch (h.data()) {
      case byte[] x -> bb.put(x);
      case short[] x -> bb.asShortBuffer().put(x);
      case int[] x -> bb.asIntBuffer().put(x);
      case long[] x -> bb.asLongBuffer().put(x);
      case float[] x -> bb.asFloatBuffer().put(x);
      case double[] x -> bb.asDoubleBuffer().put(x);
      default -> throw new IllegalStateException();
    }
    out.write(bb.array());
  }

  /**
   * Reads every array of a {@code .npz} file, by name without the {@code .npy} suffix, in file
   * order.
   *
   * @param path the file path
   * @return every array of a {@code .npz} file, by name without the {@code .npy} suffix, in file
   *     order
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static Map<String, Array> readNpz(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return readNpz(in);
    }
  }

  /**
   * Reads every array of {@code .npz} data (stored or deflated).
   *
   * @param in the stream to read from; it is not closed
   * @return every array of {@code .npz} data (stored or deflated)
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static Map<String, Array> readNpz(InputStream in) throws IOException {
    Map<String, Array> out = new LinkedHashMap<>();
    try (ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
        out.put(name, read(z.readAllBytes()));
      }
    }
    return out;
  }

  /**
   * Writes arrays as an uncompressed {@code .npz} (like {@code np.savez}).
   *
   * @param arrays the input arrays
   * @param out the stream to write to; it is not closed
   * @throws java.io.IOException if the file cannot be read or written
   */
  public static void writeNpz(Map<String, Array> arrays, OutputStream out) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, Array> e : arrays.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(e.getValue(), b);
        z.write(b.toByteArray());
        z.closeEntry();
      }
    }
  }

  /**
   * The dtype of a NumPy type descriptor such as {@code <f4}, {@code |b1}, {@code <u8}.
   * bfloat16 (no NumPy descriptor of its own) is read from {@code bfloat16} or {@code <V2}.
   *
   * @param descr the type descriptor
   * @return the dtype of a NumPy type descriptor such as {@code <f4}, {@code |b1}, {@code <u8}.
   *     bfloat16 (no NumPy descriptor of its own) is read from {@code bfloat16} or {@code <V2}
   * @throws IOException naming the descriptor if it is not supported
   */
  public static DType dtypeOf(String descr) throws IOException {
    String d = descr.length() > 1 && "<>|=".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
    return switch (d) {
      case "b1", "?" -> DType.BOOL;
      case "i1" -> DType.INT8;
      case "i2" -> DType.INT16;
      case "i4" -> DType.INT32;
      case "i8" -> DType.INT64;
      case "u1" -> DType.UINT8;
      case "u2" -> DType.UINT16;
      case "u4" -> DType.UINT32;
      case "u8" -> DType.UINT64;
      case "f2" -> DType.FLOAT16;
      case "f4" -> DType.FLOAT32;
      case "f8" -> DType.FLOAT64;
      case "V2", "bfloat16" -> DType.BFLOAT16;
      default -> throw new IOException("unsupported .npy dtype descriptor '" + descr + "'");
    };
  }

  /**
   * The NumPy descriptor written for a dtype ({@code <V2} for bfloat16, as ml_dtypes saves it).
   *
   * @param dtype the element type of the result
   * @return the NumPy descriptor written for a dtype ({@code <V2} for bfloat16, as ml_dtypes saves
   *     it)
   */
  public static String descrOf(DType dtype) {
    return switch (dtype) {
      case BOOL -> "|b1";
      case INT8 -> "|i1";
      case UINT8 -> "|u1";
      case INT16 -> "<i2";
      case UINT16 -> "<u2";
      case INT32 -> "<i4";
      case UINT32 -> "<u4";
      case INT64 -> "<i8";
      case UINT64 -> "<u8";
      case FLOAT16 -> "<f2";
      case BFLOAT16 -> "<V2";
      case FLOAT32 -> "<f4";
      case FLOAT64 -> "<f8";
    };
  }
}
