package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.batching.Batching;
import org.junit.jupiter.api.Test;

/** vmap of svd equals svd of each member (svd batches over leading dimensions). */
class LinalgPrimitiveBatchTest {
  @Test
  void vmapOverAMiddleAxisMatchesPerMemberSingularValues() {
    float[] data = new float[3 * 2 * 2];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    Array x = Array.of(data, 2, 3, 2); // batch along axis 1
    List<NDArray> out = Batching.vmap(args -> List.of(Lax.svd(args.get(0), false, false).get(0)),
        List.of(x), new int[] {1}, j -> 0);
    float[] batched = out.get(0).toFloatArray();
    for (int b = 0; b < 3; b++) {
      NDArray member = Lax.squeeze(Lax.slice(x, new int[] {0, b, 0}, new int[] {2, b + 1, 2}), 1);
      float[] s = Lax.svd(member, false, false).get(0).toFloatArray();
      assertArrayEquals(s, java.util.Arrays.copyOfRange(batched, b * 2, b * 2 + 2), 1e-5f);
    }
  }
}
