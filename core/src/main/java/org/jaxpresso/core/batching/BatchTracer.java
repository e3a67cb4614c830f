package org.jaxpresso.core.batching;

import java.util.Arrays;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.Tracer;

/**
 * A batch of values under {@code vmap} (JAX's {@code BatchTracer}): the stacked value and the
 * dimension that carries the batch. Its aval is one element's: the value's without that
 * dimension.
 */
public final class BatchTracer extends Tracer {
  private final BatchTrace trace;
  private final NDArray value;
  private final int batchDim;

  /**
   * A tracer of {@code trace} (made by the trace and by {@link Batching}).
   *
   * @param trace the trace it belongs to
   * @param value the batched value
   * @param batchDim the batch dimension
   */
  public BatchTracer(BatchTrace trace, NDArray value, int batchDim) {
    this.trace = trace;
    this.value = value;
    this.batchDim = batchDim;
  }

  @Override
  public Trace trace() {
    return trace;
  }

  /**
   * The stacked value.
   *
   * @return the stacked value
   */
  public NDArray value() {
    return value;
  }

  /**
   * The dimension of {@link #value()} that carries the batch.
   *
   * @return the dimension of {@link #value()} that carries the batch
   */
  public int batchDim() {
    return batchDim;
  }

  @Override
  public ShapedArray aval() {
    ShapedArray a = value.aval();
    int[] dims = a.shape().dims();
    int[] out = new int[dims.length - 1];
    for (int i = 0, k = 0; i < dims.length; i++) {
      if (i != batchDim) {
        out[k++] = dims[i];
      }
    }
    return a.withShape(Shape.of(out));
  }

  @Override
  public String repr() {
    return "BatchTracer(" + aval().str() + ", batch_dim=" + batchDim + ", "
        + Arrays.toString(value.aval().shape().dims()) + ")";
  }
}
