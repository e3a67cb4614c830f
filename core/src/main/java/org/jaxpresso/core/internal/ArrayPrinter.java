package org.jaxpresso.core.internal;

import java.util.function.IntFunction;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;

/**
 * JAX's {@code repr} and {@code str} of arrays: a port of NumPy's {@code array2string} with its
 * default print options ({@code precision=8}, {@code threshold=1000}, {@code edgeitems=3},
 * {@code linewidth=75}, {@code floatmode='maxprec'}) and of JAX's {@code Array.__repr__}.
 *
 * <p>Arrays with more than 1000 elements are summarized: each axis longer than 6 shows its first
 * and last 3 entries around {@code ...}, and only those elements are ever formatted. Elements of
 * one array share a width (see {@link FloatingFormat}); lines wrap before 75 columns with the
 * continuation aligned under the first element; blocks of a 3-D array are separated by blank
 * lines. bfloat16 (not a NumPy float) prints each element as ml_dtypes' scalar text, unpadded.
 */
public final class ArrayPrinter {
  private static final int LINE_WIDTH = 75;
  private static final int THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;
  private static final String SUMMARY = "...";
  private static final String PREFIX = "Array(";

  private ArrayPrinter() {}

  /**
   * JAX's {@code repr(x)}: {@code Array([0., 1.], dtype=float32)}, with {@code , weak_type=True}
   * for weakly typed arrays and {@code [], shape=(2, 0)} in place of the data when empty.
   *
   * @param a the input array
   * @return JAX's {@code repr(x)}
   */
  public static String repr(Array a) {
    String dtypeStr =
        "dtype=" + a.dtype().longName() + (a.weakType() ? ", weak_type=True" : "") + ")";
    String s =
        a.size() == 0
            ? "[], shape=" + a.aval().shape()
            : array2string(a, PREFIX, ",", ", ");
    int lastLineLen = s.length() - s.lastIndexOf('\n') + 1;
    // JAX's quirk: a long last line gets the prefix's width of spaces, on the same line.
    String sep =
        lastLineLen + dtypeStr.length() + 1 > LINE_WIDTH ? " ".repeat(PREFIX.length()) : " ";
    return PREFIX + s + "," + sep + dtypeStr;
  }

  /**
   * JAX's {@code str(x)}, which is NumPy's: {@code [0. 1.]}; {@code []} when empty; a 0-d array
   * prints as Python's {@code str} of its scalar ({@code 2.0}, {@code True}, {@code 3}).
   *
   * @param a the input array
   * @return JAX's {@code str(x)}, which is NumPy's
   */
  public static String str(Array a) {
    if (a.ndim() == 0) {
      return ScalarText.str(a.host(), 0);
    }
    if (a.size() == 0) {
      return "[]";
    }
    return array2string(a, "", "", " ");
  }

  /** NumPy's {@code array2string(a, prefix, suffix, separator)} of a non-empty array. */
  private static String array2string(Array a, String prefix, String suffix, String separator) {
    int[] shape = a.shape();
    HostBuffer h = a.host();
    boolean summarize = a.size() > THRESHOLD;
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= shape[i];
    }
    int[] shown = shownIndices(shape, strides, summarize);
    IntFunction<String> format = formatFunction(h, shown, shape.length == 0);
    String nextLinePrefix = " " + " ".repeat(prefix.length());
    Layout layout =
        new Layout(
            shape, strides, format, LINE_WIDTH - suffix.length(), separator,
            summarize ? SUMMARY : "");
    return layout.recurse(0, 0, nextLinePrefix, layout.lineWidth());
  }

  /** Flat indices of the elements that print (all, or the corners of a summarized array). */
  private static int[] shownIndices(int[] shape, int[] strides, boolean summarize) {
    int count = 1;
    for (int d : shape) {
      count *= summarize && d > 2 * EDGE_ITEMS ? 2 * EDGE_ITEMS : d;
    }
    int[] out = new int[count];
    collect(shape, strides, summarize, 0, 0, out, new int[] {0});
    return out;
  }

  private static void collect(
      int[] shape, int[] strides, boolean summarize, int axis, int offset, int[] out, int[] n) {
    if (axis == shape.length) {
      out[n[0]++] = offset;
      return;
    }
    int d = shape[axis];
    boolean cut = summarize && d > 2 * EDGE_ITEMS;
    for (int i = 0; i < d; i++) {
      if (cut && i == EDGE_ITEMS) {
        i = d - EDGE_ITEMS;
      }
      collect(shape, strides, summarize, axis + 1, offset + i * strides[axis], out, n);
    }
  }

  /** NumPy's {@code _get_format_function}: a formatter fitted to the shown elements. */
  private static IntFunction<String> formatFunction(HostBuffer h, int[] shown, boolean zeroD) {
    DType dtype = h.dtype();
    switch (dtype) {
      case BOOL -> {
        String trueStr = zeroD ? "True" : " True";
        return i -> h.getBoolean(i) ? trueStr : "False";
      }
      case BFLOAT16 -> {
        return i -> ScalarText.percentG(h.getDouble(i));
      }
      case FLOAT16, FLOAT32, FLOAT64 -> {
        double[] data = new double[shown.length];
        for (int k = 0; k < shown.length; k++) {
          data[k] = h.getDouble(shown[k]);
        }
        FloatingFormat ff = new FloatingFormat(data, dtype);
        return i -> ff.format(h.getDouble(i));
      }
      default -> {
        boolean unsigned = dtype == DType.UINT64;
        long max = h.getLong(shown[0]);
        long min = max;
        for (int k : shown) {
          long v = h.getLong(k);
          if (unsigned ? Long.compareUnsigned(v, max) > 0 : v > max) {
            max = v;
          }
          if (unsigned ? Long.compareUnsigned(v, min) < 0 : v < min) {
            min = v;
          }
        }
        int width = Math.max(intText(max, unsigned).length(), intText(min, unsigned).length());
        return i -> {
          String t = intText(h.getLong(i), unsigned);
          return t.length() < width ? " ".repeat(width - t.length()) + t : t;
        };
      }
    }
  }

  private static String intText(long v, boolean unsigned) {
    return unsigned ? Long.toUnsignedString(v) : Long.toString(v);
  }

  /** NumPy's {@code _formatArray} (non-legacy mode) over one array. */
  private record Layout(
      int[] shape,
      int[] strides,
      IntFunction<String> format,
      int lineWidth,
      String separator,
      String summaryInsert) {

    String recurse(int axis, int offset, String hangingIndent, int currWidth) {
      int axesLeft = shape.length - axis;
      if (axesLeft == 0) {
        return format.apply(offset);
      }
      String nextHangingIndent = hangingIndent + " ";
      int nextWidth = currWidth - 1;
      int aLen = shape[axis];
      int stride = strides[axis];
      boolean showSummary = !summaryInsert.isEmpty() && 2 * EDGE_ITEMS < aLen;
      int leading = showSummary ? EDGE_ITEMS : 0;
      int trailing = showSummary ? EDGE_ITEMS : aLen;
      String sepStripped = separator.stripTrailing();
      StringBuilder s = new StringBuilder();
      if (axesLeft == 1) {
        int elemWidth = currWidth - Math.max(sepStripped.length(), 1);
        Lines lines = new Lines(s, hangingIndent);
        for (int i = 0; i < leading; i++) {
          String word = recurse(axis + 1, offset + i * stride, nextHangingIndent, nextWidth);
          lines.extend(word, elemWidth, hangingIndent);
          lines.line.append(separator);
        }
        if (showSummary) {
          lines.extend(summaryInsert, elemWidth, hangingIndent);
          lines.line.append(separator);
        }
        for (int i = trailing; i > 1; i--) {
          String word =
              recurse(axis + 1, offset + (aLen - i) * stride, nextHangingIndent, nextWidth);
          lines.extend(word, elemWidth, hangingIndent);
          lines.line.append(separator);
        }
        String word =
            recurse(axis + 1, offset + (aLen - 1) * stride, nextHangingIndent, nextWidth);
        lines.extend(word, elemWidth, hangingIndent);
        s.append(lines.line);
      } else {
        String lineSep = sepStripped + "\n".repeat(axesLeft - 1);
        for (int i = 0; i < leading; i++) {
          String nested = recurse(axis + 1, offset + i * stride, nextHangingIndent, nextWidth);
          s.append(hangingIndent).append(nested).append(lineSep);
        }
        if (showSummary) {
          s.append(hangingIndent).append(summaryInsert).append(lineSep);
        }
        for (int i = trailing; i > 1; i--) {
          String nested =
              recurse(axis + 1, offset + (aLen - i) * stride, nextHangingIndent, nextWidth);
          s.append(hangingIndent).append(nested).append(lineSep);
        }
        String nested =
            recurse(axis + 1, offset + (aLen - 1) * stride, nextHangingIndent, nextWidth);
        s.append(hangingIndent).append(nested);
      }
      return "[" + s.substring(hangingIndent.length()) + "]";
    }
  }

  /** The text so far and the current line: NumPy's {@code _extendLine}. */
  private static final class Lines {
    final StringBuilder s;
    StringBuilder line;

    Lines(StringBuilder s, String start) {
      this.s = s;
      this.line = new StringBuilder(start);
    }

    void extend(String word, int lineWidth, String nextLinePrefix) {
      boolean needsWrap = line.length() + word.length() > lineWidth;
      if (line.length() <= nextLinePrefix.length()) {
        needsWrap = false;
      }
      if (needsWrap) {
        s.append(line.toString().stripTrailing()).append('\n');
        line = new StringBuilder(nextLinePrefix);
      }
      line.append(word);
    }
  }
}
