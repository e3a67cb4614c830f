package org.jaxpresso.runtime.cpu.ops;

/**
 * The per-thread buffer into which a convolution task zero-pads its image ({@link
 * ShiftedConv}, {@link ChannelsLastConv}): one {@code float[]} and one {@code double[]} per
 * thread, grown as needed and reused across calls.
 */
final class PaddedScratch {
  private static final ThreadLocal<Object[]> BUFFERS =
      ThreadLocal.withInitial(() -> new Object[2]);

  private PaddedScratch() {}

  /**
   * This thread's buffer of the element type of {@code like}, at least {@code size} long, its
   * first {@code size} elements zeroed.
   */
  static Object zeroed(Object like, int size) {
    Object[] s = BUFFERS.get();
    boolean f = like instanceof float[];
    int i = f ? 0 : 1;
    if (s[i] == null || java.lang.reflect.Array.getLength(s[i]) < size) {
      s[i] = f ? new float[size] : new double[size];
    } else if (f) {
      java.util.Arrays.fill((float[]) s[i], 0, size, 0f);
    } else {
      java.util.Arrays.fill((double[]) s[i], 0, size, 0.0);
    }
    return s[i];
  }
}
