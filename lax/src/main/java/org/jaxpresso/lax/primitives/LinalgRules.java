package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;

/**
 * Transformation rules of the linear-algebra family. {@code svd} batches natively over leading
 * dimensions, so its batching rule moves the batch dimension to the front. Its JVP rule is not
 * written yet (listed in the rules registry test).
 */
final class LinalgRules {
  private static boolean done;

  private LinalgRules() {}

  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    Primitive svd = Linalg.SVD;
    svd.defineBatch((vals, dims, q) -> {
      int size = RuleSupport.batchSize(vals, dims);
      NDArray x = RuleSupport.batchFirst(vals.get(0), dims[0], size);
      List<NDArray> out = svd.bind(List.of(x), q);
      return new Primitive.BatchResult(out, new int[out.size()]);
    });
  }
}
