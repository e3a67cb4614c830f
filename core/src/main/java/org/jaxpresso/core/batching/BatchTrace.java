package org.jaxpresso.core.batching;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;

/**
 * The batching interpreter (JAX's {@code BatchTrace}): a bind with at least one batched input
 * runs the primitive's {@link Primitive.BatchRule} with the parent trace current; other values
 * (constants, tracers of enclosing traces) are unbatched.
 */
public final class BatchTrace extends Trace {
  private final Trace parent;
  private final int axisSize;

  /**
   * A batching trace of {@code axisSize} elements over {@code parent}.
   *
   * @param parent the trace this one nests in
   * @param axisSize the size of the mapped axis
   */
  public BatchTrace(Trace parent, int axisSize) {
    this.parent = parent;
    this.axisSize = axisSize;
  }

  /**
   * The number of elements in the batch.
   *
   * @return the number of elements in the batch
   */
  public int axisSize() {
    return axisSize;
  }

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    List<NDArray> vals = new ArrayList<>(args.size());
    int[] dims = new int[args.size()];
    boolean any = false;
    for (int i = 0; i < args.size(); i++) {
      NDArray a = args.get(i);
      if (a instanceof BatchTracer t && t.trace() == this) {
        vals.add(t.value());
        dims[i] = t.batchDim();
        any = true;
      } else {
        vals.add(a);
        dims[i] = Primitive.NOT_MAPPED;
      }
    }
    if (!any) {
      return parent.processPrimitive(primitive, vals, params);
    }
    Primitive.BatchRule rule = primitive.batchRule();
    if (rule == null) {
      throw new org.jaxpresso.core.errors.NotImplementedError(
          "Batching rule for '" + primitive.name() + "' not implemented");
    }
    Primitive.BatchResult r = Trace.with(parent, () -> rule.apply(vals, dims, params));
    List<NDArray> out = new ArrayList<>(r.outputs().size());
    for (int i = 0; i < r.outputs().size(); i++) {
      int d = r.dims()[i];
      out.add(d == Primitive.NOT_MAPPED ? r.outputs().get(i)
          : new BatchTracer(this, r.outputs().get(i), d));
    }
    return out;
  }

  @Override
  public String toString() {
    return "BatchTrace";
  }
}
