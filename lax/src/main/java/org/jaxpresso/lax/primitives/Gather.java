package org.jaxpresso.lax.primitives;

import java.util.HashSet;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.internal.shaping.Layout;

/**
 * {@code gather}: XLA's Gather with the index vector as the last dimension of the indices.
 * Params {@code dimension_numbers fill_value indices_are_sorted mode slice_sizes
 * unique_indices}. Modes CLIP and PROMISE_IN_BOUNDS clamp each start so the slice is in bounds;
 * FILL_OR_DROP returns {@code fill_value} for every element of an out-of-bounds slice.
 */
public final class Gather {
  private Gather() {}

  /** The gather primitive. */
  public static final Primitive GATHER = Primitive.builder("gather")
      .family("shaping")
      .abstractEval((avals, p) -> List.of(rule(avals, p)))
      .impl((args, p) -> List.of(impl(args, p)))
      .build();

  /**
   * JAX's default fill value for FILL_OR_DROP: NaN for floats, the minimum for signed integers,
   * the maximum for unsigned ones, True for bool.
   *
   * @param dtype the element type of the result
   * @return JAX's default fill value for FILL_OR_DROP
   */
  public static Object defaultFillValue(DType dtype) {
    return switch (dtype) {
      case BOOL -> Boolean.TRUE;
      case INT8 -> (long) Byte.MIN_VALUE;
      case INT16 -> (long) Short.MIN_VALUE;
      case INT32 -> (long) Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      case UINT8 -> 255L;
      case UINT16 -> 65535L;
      case UINT32 -> 4294967295L;
      case UINT64 -> new java.math.BigInteger("18446744073709551615");
      case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> Double.NaN;
    };
  }

  static String t(int[] a) {
    return Shape.tupleString(a);
  }

  static void isSorted(int[] dims, String op, String name) {
    for (int i = 1; i < dims.length; i++) {
      if (dims[i] < dims[i - 1]) {
        throw new JaxTypeError(name + " in " + op + " op must be sorted; got " + t(dims));
      }
    }
  }

  static void dimsInRange(int[] dims, int rank, String op, String name) {
    for (int d : dims) {
      if (d < 0 || d >= rank) {
        throw new JaxTypeError("Invalid " + name + " set in " + op + " op; valid range is [0, "
            + rank + "); got: " + d + ".");
      }
    }
  }

  static void sortedDimsInRange(int[] dims, int rank, String op, String name) {
    if (dims.length == 0) {
      return;
    }
    int invalid = 0;
    if (dims[0] < 0) {
      invalid = dims[0];
    } else if (dims[dims.length - 1] >= rank) {
      invalid = dims[dims.length - 1];
    }
    if (invalid != 0) {
      throw new JaxTypeError("Invalid " + name + " set in " + op + " op; valid range is [0, "
          + rank + "); got: " + invalid + ".");
    }
  }

  static void noDuplicateDims(int[] dims, String op, String name) {
    HashSet<Integer> seen = new HashSet<>();
    for (int d : dims) {
      if (!seen.add(d)) {
        throw new JaxTypeError(name + " in " + op + " op must not repeat; got: " + t(dims) + ".");
      }
    }
  }

  static void disjointDims(int[] a, int[] b, String op, String na, String nb) {
    for (int x : a) {
      if (Layout.contains(b, x)) {
        throw new JaxTypeError(na + " and " + nb + " in " + op + " op must be disjoint; got: "
            + t(a) + " and " + t(b) + ".");
      }
    }
  }

  static void checkIndicesDtype(ShapedArray indices) {
    if (!indices.dtype().isInteger()) {
      throw new JaxValueError("indices must have an integer type");
    }
  }

  /** JAX's {@code _gather_shape_rule} and dtype rule; weak type from the operand. */
  static ShapedArray rule(List<ShapedArray> avals, Params p) {
    Shaping.checkArity("gather", avals.size(), 2);
    ShapedArray operand = avals.get(0);
    ShapedArray indices = avals.get(1);
    GatherDimensionNumbers dn = p.get("dimension_numbers", GatherDimensionNumbers.class);
    int[] sliceSizes = p.ints("slice_sizes");
    int[] offsetDims = dn.offsetDims();
    int[] collapsed = dn.collapsedSliceDims();
    int[] obd = dn.operandBatchingDims();
    int[] sibd = dn.startIndicesBatchingDims();
    int[] sim = dn.startIndexMap();
    int rankI = indices.rank();
    int rankO = operand.rank();
    int ivd = rankI - 1;
    if (ivd < 0) {
      throw new JaxTypeError("Gather index leaf dimension must be within [0, rank(indices) + 1)."
          + " rank(indices) is " + rankI + " and gather index leaf dimension is " + ivd + ".");
    }
    isSorted(offsetDims, "gather", "offset_dims");
    noDuplicateDims(offsetDims, "gather", "offset_dims");
    int outRank = offsetDims.length + rankI - 1;
    for (int i = 0; i < offsetDims.length; i++) {
      if (offsetDims[i] < 0 || offsetDims[i] >= outRank) {
        throw new JaxTypeError("Offset dimension " + i + " in gather op is out of bounds; got "
            + offsetDims[i] + ", but should have been in [0, " + outRank + ")");
      }
    }
    if (sim.length != indices.shape().dim(ivd)) {
      throw new JaxTypeError("Gather op has " + sim.length + " elements in start_index_map and "
          + "the bound of dimension index_vector_dim=" + ivd + " of indices is "
          + indices.shape().dim(ivd) + ". These two numbers must be equal.");
    }
    for (int i = 0; i < sim.length; i++) {
      if (sim[i] < 0 || sim[i] >= rankO) {
        throw new JaxTypeError("Invalid start_index_map; domain is [0, " + rankO + "), got: " + i
            + "->" + sim[i] + ".");
      }
    }
    noDuplicateDims(sim, "gather", "start_index_map");
    isSorted(collapsed, "gather", "collapsed_slice_dims");
    sortedDimsInRange(collapsed, rankO, "gather", "collapsed_slice_dims");
    noDuplicateDims(collapsed, "gather", "collapsed_slice_dims");
    noDuplicateDims(obd, "gather", "operand_batching_dims");
    isSorted(obd, "gather", "operand_batching_dims");
    sortedDimsInRange(obd, rankO, "gather", "operand_batching_dims");
    disjointDims(collapsed, obd, "gather", "collapsed_slice_dims", "operand_batching_dims");
    disjointDims(sim, obd, "gather", "start_index_map", "operand_batching_dims");
    noDuplicateDims(sibd, "gather", "start_indices_batching_dims");
    dimsInRange(sibd, rankI, "gather", "start_indices_batching_dims");
    if (Layout.contains(sibd, ivd)) {
      throw new JaxTypeError("Gather op cannot have the index vector dimension as a batching "
          + "dimension; got " + t(sibd) + ".");
    }
    if (obd.length != sibd.length) {
      throw new JaxTypeError("Gather op requires equal numbers of operand_batching_dims and "
          + "start_indices_batching_dims, got " + t(obd) + " and" + t(sibd) + ".");
    }
    checkBatchShapes("Gather", "indices", operand, indices, obd, sibd);
    if (rankO != sliceSizes.length) {
      throw new JaxTypeError("Gather op must have one slice size for every input dimension; "
          + "got: len(slice_sizes)=" + sliceSizes.length + ", input_shape.rank=" + rankO);
    }
    if (sliceSizes.length != offsetDims.length + collapsed.length + obd.length) {
      throw new JaxTypeError("All components of the offset index in a gather op must either be a"
          + " offset dimension or explicitly collapsed/batching; got len(slice_sizes)="
          + sliceSizes.length + ", output_slice_sizes=" + t(offsetDims)
          + ", collapsed_slice_dims=" + t(collapsed) + ", operand_batching_dims=" + t(obd)
          + ".");
    }
    for (int i = 0; i < sliceSizes.length; i++) {
      int n = operand.shape().dim(i);
      if (sliceSizes[i] < 0 || sliceSizes[i] > n) {
        throw new JaxTypeError("Slice size at index " + i + " in gather op is out of range, must"
            + " be within [0, " + n + " + 1), got " + sliceSizes[i] + ".");
      }
    }
    for (int i = 0; i < collapsed.length; i++) {
      int bound = sliceSizes[collapsed[i]];
      if (bound != 1) {
        throw new JaxTypeError("Gather op can only collapse slice dims with bound 1, but bound is "
            + bound + " for index " + collapsed[i] + " at position " + i + ".");
      }
    }
    for (int i = 0; i < obd.length; i++) {
      int bound = sliceSizes[obd[i]];
      if (bound > 1) {
        throw new JaxTypeError("Gather op can only have operand batching dims with bound 0/1, "
            + "but bound is " + bound + " for index " + obd[i] + " at position " + i + ".");
      }
    }
    checkIndicesDtype(indices);
    int[] out = new int[outRank];
    int[] kept = Layout.complement(rankO, collapsed, obd);
    int k = 0;
    int b = 0;
    for (int i = 0; i < outRank; i++) {
      out[i] = Layout.contains(offsetDims, i) ? sliceSizes[kept[k++]] : indices.shape().dim(b++);
    }
    return new ShapedArray(Shape.of(out), operand.dtype(), operand.weakType());
  }

  static void checkBatchShapes(String op, String what, ShapedArray operand, ShapedArray indices,
      int[] obd, int[] ibd) {
    int[] ob = new int[obd.length];
    int[] ib = new int[ibd.length];
    for (int i = 0; i < obd.length; i++) {
      ob[i] = operand.shape().dim(obd[i]);
      ib[i] = indices.shape().dim(ibd[i]);
    }
    if (!java.util.Arrays.equals(ob, ib)) {
      throw new JaxTypeError(op + " op requires operand batching dimensions and " + what
          + " batching dimensions to have the same shape, got " + t(ob) + " and " + t(ib) + ".");
    }
  }

  static Array impl(List<Array> args, Params p) {
    ShapedArray out = rule(List.of(args.get(0).aval(), args.get(1).aval()), p);
    Array operand = args.get(0);
    Array indices = args.get(1);
    GatherDimensionNumbers dn = p.get("dimension_numbers", GatherDimensionNumbers.class);
    GatherScatterMode mode = p.get("mode", GatherScatterMode.class);
    int[] sliceSizes = p.ints("slice_sizes");
    int[] offsetDims = dn.offsetDims();
    int[] sim = dn.startIndexMap();
    int[] obd = dn.operandBatchingDims();
    int[] sibd = dn.startIndicesBatchingDims();
    int[] opShape = operand.aval().shape().dims();
    int[] idxShape = indices.aval().shape().dims();
    int[] outShape = out.shape().dims();
    int[] opStrides = Layout.strides(opShape);
    int[] idxStrides = Layout.strides(idxShape);
    int[] kept = Layout.complement(opShape.length, dn.collapsedSliceDims(), obd);
    int[] batchOut = Layout.complement(outShape.length, offsetDims, new int[0]);
    int n = Layout.size(outShape);
    HostBuffer to = HostBuffer.allocate(out.dtype(), n);
    HostBuffer from = operand.host();
    HostBuffer idx = indices.host();
    HostBuffer fill = null;
    if (mode == GatherScatterMode.FILL_OR_DROP) {
      Object fv = p.get("fill_value");
      fill = Layout.scalarBuffer(out.dtype(), fv == null ? defaultFillValue(out.dtype()) : fv);
    }
    int vecStride = idxStrides[idxShape.length - 1];
    int[] o = new int[outShape.length];
    int[] start = new int[opShape.length];
    for (int i = 0; i < n; i++) {
      int idxBase = 0;
      for (int j = 0; j < batchOut.length; j++) {
        idxBase += o[batchOut[j]] * idxStrides[j];
      }
      java.util.Arrays.fill(start, 0);
      boolean valid = true;
      for (int k = 0; k < sim.length; k++) {
        int d = sim[k];
        long v = Layout.index(idx, idxBase + k * vecStride);
        long hi = opShape[d] - sliceSizes[d];
        if (v < 0 || v > hi) {
          valid = false;
        }
        start[d] = (int) Layout.clamp(v, 0, hi);
      }
      for (int k = 0; k < obd.length; k++) {
        start[obd[k]] = o[batchOut[sibd[k]]];
      }
      if (fill != null && !valid) {
        to.copyElement(fill, 0, i);
      } else {
        int src = 0;
        for (int d = 0; d < opShape.length; d++) {
          src += start[d] * opStrides[d];
        }
        for (int k = 0; k < offsetDims.length; k++) {
          src += o[offsetDims[k]] * opStrides[kept[k]];
        }
        to.copyElement(from, src, i);
      }
      Layout.next(o, outShape);
    }
    return Array.wrap(out, to);
  }

  static {
    Primitive.addRuleLoader(GatherRules::register);
  }
}
