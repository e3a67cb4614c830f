package org.jaxpresso.runtime.cpu.ops;

import java.util.Arrays;

/**
 * The geometry of a convolution over n spatial dimensions (input, window and output sizes,
 * window strides, low padding, lhs and rhs dilation) and the im2col gather that feeds the GEMM:
 * row {@code (c, w)} of a tile holds, for each output position in the tile, the input element
 * under window offset {@code w} of channel {@code c}, or 0 in the padding and between the
 * dilated input elements. Runs along the last spatial dimension are copied with
 * {@link System#arraycopy} when the stride and the lhs dilation there are 1.
 */
final class Im2col {
  private static final ThreadLocal<Object[]> BUFFERS =
      ThreadLocal.withInitial(() -> new Object[] {new float[0], new double[0]});

  private final int[] in;
  private final int[] window;
  private final int[] out;
  private final int[] strides;
  private final int[] padLo;
  private final int[] lhsDil;
  private final int[] rhsDil;
  private final int[] inStride;

  Im2col(int[] in, int[] window, int[] out, int[] strides, int[][] padding, int[] lhsDil,
      int[] rhsDil) {
    this.in = in;
    this.window = window;
    this.out = out;
    this.strides = strides;
    this.padLo = new int[in.length];
    for (int i = 0; i < in.length; i++) {
      padLo[i] = padding[i][0];
    }
    this.lhsDil = lhsDil;
    this.rhsDil = rhsDil;
    this.inStride = new int[in.length];
    int s = 1;
    for (int d = in.length - 1; d >= 0; d--) {
      inStride[d] = s;
      s *= in[d];
    }
  }

  /** Input positions per channel. */
  int inSize() {
    return product(in);
  }

  /** Output positions per feature. */
  int outSize() {
    return product(out);
  }

  /** Window offsets per channel. */
  int windowSize() {
    return product(window);
  }

  /** Whether output position p reads exactly input position p (a 1x1 window, no offsets). */
  boolean isPointwise() {
    for (int d = 0; d < in.length; d++) {
      if (window[d] != 1 || strides[d] != 1 || lhsDil[d] != 1 || padLo[d] != 0
          || out[d] != in[d]) {
        return false;
      }
    }
    return true;
  }

  private static int product(int[] dims) {
    long p = 1;
    for (int d : dims) {
      p *= d;
    }
    return Math.toIntExact(p);
  }

  /** A per-thread working array of the type of {@code like}, at least {@code n} long. */
  static Object buffer(Object like, int n) {
    Object[] b = BUFFERS.get();
    if (like instanceof float[]) {
      if (((float[]) b[0]).length < n) {
        b[0] = new float[n];
      }
      return b[0];
    }
    if (((double[]) b[1]).length < n) {
      b[1] = new double[n];
    }
    return b[1];
  }

  /**
   * Fills {@code col} (row-major [channels * window, pt]) for output positions
   * {@code [p0, p0 + pt)} from the image whose channel c starts at {@code x[base + c *
   * chanStride]}, row-major over the input spatial dims.
   */
  void gather(Object x, int base, int chanStride, int channels, int p0, int pt, Object col) {
    int n = in.length;
    int wsize = windowSize();
    int[] ks = new int[n];
    int[] os = new int[n];
    for (int c = 0; c < channels; c++) {
      int cb = base + c * chanStride;
      for (int wi = 0; wi < wsize; wi++) {
        int rem = wi;
        for (int d = n - 1; d >= 0; d--) {
          ks[d] = rem % window[d];
          rem /= window[d];
        }
        int dst = (c * wsize + wi) * pt;
        if (n == 0) {
          System.arraycopy(x, cb, col, dst, 1);
          continue;
        }
        rem = p0;
        for (int d = n - 1; d >= 0; d--) {
          os[d] = rem % out[d];
          rem /= out[d];
        }
        int last = n - 1;
        int end = dst + pt;
        while (dst < end) {
          int run = Math.min(out[last] - os[last], end - dst);
          int src = cb;
          boolean valid = true;
          for (int d = 0; d < last; d++) {
            int pos = os[d] * strides[d] + ks[d] * rhsDil[d] - padLo[d];
            if (pos < 0 || pos % lhsDil[d] != 0 || pos / lhsDil[d] >= in[d]) {
              valid = false;
              break;
            }
            src += pos / lhsDil[d] * inStride[d];
          }
          if (valid) {
            row(x, src, os[last], run, ks[last] * rhsDil[last] - padLo[last], last, col, dst);
          } else {
            zero(col, dst, dst + run);
          }
          dst += run;
          os[last] += run;
          for (int d = last; d > 0 && os[d] == out[d]; d--) {
            os[d] = 0;
            os[d - 1]++;
          }
        }
      }
    }
  }

  /**
   * One run along the last spatial dim: output positions o0..o0+run-1 read input position
   * {@code (o * stride + shift) / lhsDil} of the row starting at {@code src}.
   */
  private void row(Object x, int src, int o0, int run, int shift, int d, Object col, int dst) {
    int s = strides[d];
    int ld = lhsDil[d];
    int size = in[d];
    if (s == 1 && ld == 1) {
      int lo = o0 + shift;
      int first = Math.max(0, -lo);
      int last = Math.min(run, size - lo);
      if (last <= first) {
        zero(col, dst, dst + run);
        return;
      }
      zero(col, dst, dst + first);
      System.arraycopy(x, src + lo + first, col, dst + first, last - first);
      zero(col, dst + last, dst + run);
      return;
    }
    if (ld == 1) {
      // Strided, no lhs dilation: position j reads lo + j * s; the valid j are one range.
      int lo = o0 * s + shift;
      int first = lo >= 0 ? 0 : Math.min(run, (-lo + s - 1) / s);
      int last = lo >= size ? 0 : Math.min(run, (size - lo + s - 1) / s);
      if (last <= first) {
        zero(col, dst, dst + run);
        return;
      }
      zero(col, dst, dst + first);
      if (x instanceof float[] xf) {
        float[] cf = (float[]) col;
        for (int j = first, i = src + lo + first * s; j < last; j++, i += s) {
          cf[dst + j] = xf[i];
        }
      } else {
        double[] xd = (double[]) x;
        double[] cd = (double[]) col;
        for (int j = first, i = src + lo + first * s; j < last; j++, i += s) {
          cd[dst + j] = xd[i];
        }
      }
      zero(col, dst + last, dst + run);
      return;
    }
    if (x instanceof float[] xf) {
      float[] cf = (float[]) col;
      for (int j = 0; j < run; j++) {
        int pos = (o0 + j) * s + shift;
        cf[dst + j] = pos >= 0 && pos % ld == 0 && pos / ld < size ? xf[src + pos / ld] : 0f;
      }
    } else {
      double[] xd = (double[]) x;
      double[] cd = (double[]) col;
      for (int j = 0; j < run; j++) {
        int pos = (o0 + j) * s + shift;
        cd[dst + j] = pos >= 0 && pos % ld == 0 && pos / ld < size ? xd[src + pos / ld] : 0.0;
      }
    }
  }

  private static void zero(Object col, int from, int to) {
    if (from >= to) {
      return;
    }
    if (col instanceof float[] f) {
      Arrays.fill(f, from, to, 0f);
    } else {
      Arrays.fill((double[]) col, from, to, 0.0);
    }
  }
}
