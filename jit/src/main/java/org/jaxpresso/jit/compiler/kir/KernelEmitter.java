package org.jaxpresso.jit.compiler.kir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.lax.primitives.RoundingMethod;

/**
 * Builds the op graph of one loop or reduction kernel: {@link #emit} computes a value at an index
 * (a list of {@link IndexExpr}s, one per dimension of the value), recursing through the fused
 * equations and ending in loads of the kernel's inputs. Each (value, index) pair and each
 * structurally equal node is emitted once, so a value read twice at the same index is computed
 * once, and a value read through two different index maps is computed at each.
 *
 * <p>Index maps: an operand of an elementwise equation reads the equation's index, except
 * along a dimension of size 1 where the result's is larger (lax's size-1 broadcasting, {@code
 * f32[3,1] + f32[1,4]}): there it reads index 0. {@code broadcast_in_dim} reads index 0 along size-1 operand dimensions and the
 * mapped output index elsewhere; {@code transpose} permutes; {@code squeeze} reads 0 along the
 * removed dimensions; {@code rev} reads {@code n-1-i}; {@code slice} reads {@code start +
 * stride*i}; {@code iota} is its index converted to the dtype. A {@code reshape} keeps the
 * row-major order: when it only adds or removes size-1 dimensions the other dimensions map one to
 * one; otherwise the output index is linearized ({@code sum(i_k * out_stride_k)}) and split
 * again over the operand's dimensions with {@code (flat // in_stride_d) % in_dim_d}. A {@code pad}
 * reads its operand at {@code clamp((i - lo) // (interior+1), 0, n-1)} and selects the padding
 * value where {@code i - lo} is negative, past the last element or between elements. A {@code
 * concatenate} along axis {@code a} reads each non-empty operand {@code k} at {@code i_a -
 * offset_k} (the other axes unchanged) and chooses among them with a chain of selects on {@code
 * i_a < offset_k + n_k}; an operand is thus computed at points outside its own range too, where
 * its value is discarded.
 *
 * <p>Every load stays within its input: a load whose index can leave the input over the
 * kernel's index space ({@link IndexRanges}) is clamped into it, dimension by dimension. Loads
 * the other maps build are in bounds by construction, so this only clamps the loads under a
 * concatenate's operands, where the clamp changes nothing at the points whose value is kept.
 */
final class KernelEmitter {
  private final Map<Var, Eqn> fused = new IdentityHashMap<>();
  private final Map<Var, Integer> inputSlots;
  private final List<DType> inputDtypes;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Object, Integer> memo = new HashMap<>();
  private final Map<Var, Integer> reduced = new IdentityHashMap<>();
  private final int[] extents;
  /** The jaxpr equation number of each fused equation (absent: unknown). */
  private final Map<Eqn, Integer> eqnNumbers = new IdentityHashMap<>();
  /** The number of the equation whose nodes are being added, or -1. */
  private int currentEqn = -1;

  /**
   * An emitter for a kernel that computes {@code eqns} over the index space {@code extents} and
   * reads {@code inputs} (by slot).
   */
  KernelEmitter(List<Eqn> eqns, List<Var> inputs, int[] extents) {
    this(eqns, List.of(), inputs, extents);
  }

  /**
   * An emitter for a kernel that computes {@code eqns}, numbered {@code numbers} in the program's
   * jaxpr (each node records the number of the equation that adds it: {@link Node#eqn()}), over
   * the index space {@code extents}, and reads {@code inputs} (by slot).
   */
  KernelEmitter(List<Eqn> eqns, List<Integer> numbers, List<Var> inputs, int[] extents) {
    this.extents = extents.clone();
    for (int k = 0; k < numbers.size() && k < eqns.size(); k++) {
      eqnNumbers.put(eqns.get(k), numbers.get(k));
    }
    for (Eqn e : eqns) {
      for (Var v : e.outputs()) {
        fused.put(v, e);
      }
    }
    inputSlots = new IdentityHashMap<>();
    inputDtypes = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      inputSlots.put(inputs.get(i), i);
      inputDtypes.add(inputs.get(i).aval().dtype());
    }
  }

  /**
   * Makes {@code v} (the result of reduction number {@code reduction} of this kernel) a
   * {@link KernelOp#REDUCED} leaf, readable only at the identity index of the output space.
   */
  void reducedValue(Var v, int reduction) {
    fused.remove(v);
    reduced.put(v, reduction);
  }

  /** The nodes emitted so far. */
  List<Node> nodes() {
    return nodes;
  }

  /** The identity index of a space of rank {@code rank}: {@code [i0, i1, ...]}. */
  static List<IndexExpr> identity(int rank) {
    List<IndexExpr> idx = new ArrayList<>(rank);
    for (int k = 0; k < rank; k++) {
      idx.add(IndexExpr.axis(k));
    }
    return idx;
  }

  /** A key that identifies a variable by identity together with an index. */
  private record VarAt(Var v, List<IndexExpr> index) {
    @Override
    public boolean equals(Object o) {
      return o instanceof VarAt k && k.v == v && k.index.equals(index);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(v) * 31 + index.hashCode();
    }
  }

  /** The structural identity of a node (constants by dtype and printed value). */
  private record NodeKey(KernelOp op, DType dtype, List<Integer> args, int input,
      List<IndexExpr> index, String constant, int param) {}

  /**
   * Adds {@code n} unless an equal node exists; returns its number. A new node records the
   * equation being emitted ({@link Node#eqn()}).
   */
  int add(Node n) {
    if (n.eqn() < 0 && currentEqn >= 0) {
      n = n.withEqn(currentEqn);
    }
    NodeKey key = new NodeKey(n.op(), n.dtype(), n.args(), n.input(), n.index(),
        n.constant() == null ? null : new Literal(n.constant()).toString(), n.param());
    Integer id = memo.get(key);
    if (id == null) {
      id = nodes.size();
      nodes.add(n);
      memo.put(key, id);
    }
    return id;
  }

  /** Emits atom {@code a} at {@code index} and returns its node number. */
  int emit(Atom a, List<IndexExpr> index) {
    return switch (a) {
      case Literal l -> add(Node.constant(l.value()));
      case Var v -> {
        VarAt key = new VarAt(v, List.copyOf(index));
        Integer done = memo.get(key);
        if (done != null) {
          yield done;
        }
        int id;
        Eqn producer = fused.get(v);
        Integer reduction = reduced.get(v);
        if (reduction != null) {
          if (!index.equals(identity(index.size()))) {
            throw new IllegalStateException("an epilogue reads reduction result " + v
                + " at " + index + ", not at its own output index");
          }
          id = add(Node.reduced(reduction, v.aval().dtype()));
        } else if (producer != null) {
          int outer = currentEqn;
          currentEqn = eqnNumbers.getOrDefault(producer, outer);
          try {
            id = emitEqn(producer, index);
          } finally {
            currentEqn = outer;
          }
        } else {
          Integer slot = inputSlots.get(v);
          Objects.requireNonNull(slot, () -> "kernel reads a value it neither computes nor loads: "
              + v);
          id = add(Node.load(slot, inputDtypes.get(slot),
              inBounds(index, v.aval().shape().dims())));
        }
        memo.put(key, id);
        yield id;
      }
    };
  }

  private int emitEqn(Eqn e, List<IndexExpr> idx) {
    String name = e.primitive().name();
    Params p = e.params();
    DType out = e.outputs().get(0).aval().dtype();
    return switch (name) {
      case "broadcast_in_dim" -> emit(e.inputs().get(0), IndexMaps.broadcast(e, idx));
      case "reshape" -> emit(e.inputs().get(0), IndexMaps.reshape(e, idx));
      case "transpose" -> emit(e.inputs().get(0), IndexMaps.transpose(e, idx));
      case "squeeze" -> emit(e.inputs().get(0), IndexMaps.squeeze(e, idx));
      case "rev" -> emit(e.inputs().get(0), IndexMaps.rev(e, idx));
      case "slice" -> emit(e.inputs().get(0), IndexMaps.slice(e, idx));
      case "pad" -> emitPad(e, idx);
      case "concatenate" -> emitConcatenate(e, idx);
      case "iota" -> convert(add(Node.index(idx.get(p.getInt("dimension")))), out);
      case "copy", "stop_gradient" -> emit(e.inputs().get(0), idx);
      case "convert_element_type" -> convert(operand(e, 0, idx), out);
      case "round" -> unary(p.get("rounding_method") == RoundingMethod.TO_NEAREST_EVEN
          ? KernelOp.ROUND_EVEN : KernelOp.ROUND_AWAY, out, operand(e, 0, idx), 0);
      case "integer_pow" -> unary(KernelOp.INTEGER_POW, out, operand(e, 0, idx), p.getInt("y"));
      case "reduce_precision" -> unary(KernelOp.REDUCE_PRECISION, out, operand(e, 0, idx),
          p.getInt("exponent_bits") * 1000 + p.getInt("mantissa_bits"));
      case "mul" -> add(Node.apply(KernelOp.MUL, out,
          List.of(convert(operand(e, 0, idx), out), convert(operand(e, 1, idx), out)), 0));
      case "pow" -> add(Node.apply(KernelOp.POW, out,
          List.of(operand(e, 0, idx), convert(operand(e, 1, idx), out)), 0));
      case "select_n", "clamp" -> {
        List<Integer> args = new ArrayList<>();
        for (int k = 0; k < e.inputs().size(); k++) {
          args.add(operand(e, k, idx));
        }
        yield add(Node.apply(name.equals("clamp") ? KernelOp.CLAMP : KernelOp.SELECT, out, args,
            0));
      }
      default -> {
        KernelOp op = ElementwiseOps.op(name);
        List<Integer> args = new ArrayList<>();
        for (int k = 0; k < e.inputs().size(); k++) {
          args.add(operand(e, k, idx));
        }
        yield add(Node.apply(op, out, args, 0));
      }
    };
  }

  /**
   * Operand {@code k} of an elementwise equation: scalars at {@code []}, others at {@code idx}
   * except along the dimensions it broadcasts ({@link IndexMaps#elementwiseOperand}).
   */
  private int operand(Eqn e, int k, List<IndexExpr> idx) {
    Atom a = e.inputs().get(k);
    if (a.aval().rank() == 0) {
      return emit(a, List.of());
    }
    return emit(a, IndexMaps.elementwiseOperand(a.aval().shape().dims(),
        e.outputs().get(0).aval().shape().dims(), idx));
  }

  private int unary(KernelOp op, DType out, int arg, int param) {
    return add(Node.apply(op, out, List.of(arg), param));
  }

  /** Node {@code n} converted to {@code to} (itself when it has that dtype). */
  int convert(int n, DType to) {
    return nodes.get(n).dtype() == to ? n : add(Node.apply(KernelOp.CONVERT, to, List.of(n), 0));
  }

  private int emitPad(Eqn e, List<IndexExpr> idx) {
    int[][] config = e.params().intPairs("padding_config");
    int[] in = e.inputs().get(0).aval().shape().dims();
    int padValue = emit(e.inputs().get(1), List.of());
    for (int n : in) {
      if (n == 0) {
        return padValue;
      }
    }
    List<IndexExpr> src = new ArrayList<>();
    int cond = -1;
    for (int d = 0; d < in.length; d++) {
      int lo = config[d][0];
      int hi = config[d][1];
      int s = config[d][2] + 1;
      IndexExpr t = IndexExpr.add(idx.get(d), -lo);
      IndexExpr at = IndexExpr.floorDiv(t, s);
      long last = (long) (in[d] - 1) * s;
      if (lo > 0 || s > 1) {
        cond = and(cond, compare(KernelOp.GE, t, 0));
      }
      if (hi > 0 || s > 1) {
        cond = and(cond, compare(KernelOp.LE, t, last));
      }
      if (s > 1) {
        int mod = add(Node.index(IndexExpr.mod(t, s, Long.MAX_VALUE)));
        cond = and(cond, add(Node.apply(KernelOp.EQ, DType.BOOL,
            List.of(mod, add(Node.constant(org.jaxpresso.core.Array.scalar(0L, DType.INT64)))),
            0)));
      }
      if (lo > 0 || hi > 0 || s > 1) {
        at = IndexExpr.clamp(at, 0, in[d] - 1);
      }
      src.add(at);
    }
    int value = emit(e.inputs().get(0), src);
    if (cond < 0) {
      return value;
    }
    DType out = e.outputs().get(0).aval().dtype();
    return add(Node.apply(KernelOp.SELECT, out, List.of(cond, padValue, value), 0));
  }

  /**
   * {@code index} with each dimension that can leave {@code [0, dims[d])} over the kernel's
   * space clamped into it (unchanged over an empty space, which has no points).
   */
  private List<IndexExpr> inBounds(List<IndexExpr> index, int[] dims) {
    if (!nonEmptySpace()) {
      return index;
    }
    List<IndexExpr> out = null;
    for (int d = 0; d < dims.length; d++) {
      long[] r = IndexRanges.of(index.get(d), extents);
      if (r[0] < 0 || r[1] >= dims[d]) {
        if (out == null) {
          out = new ArrayList<>(index);
        }
        out.set(d, IndexExpr.clamp(index.get(d), 0, dims[d] - 1L));
      }
    }
    return out == null ? index : out;
  }

  private boolean nonEmptySpace() {
    for (int n : extents) {
      if (n == 0) {
        return false;
      }
    }
    return true;
  }

  private int emitConcatenate(Eqn e, List<IndexExpr> idx) {
    int axis = e.params().getInt("dimension");
    IndexExpr t = idx.get(axis);
    long[] range = nonEmptySpace() ? IndexRanges.of(t, extents)
        : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    List<Integer> operands = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    long offset = 0;
    for (int k = 0; k < e.inputs().size(); k++) {
      int n = e.inputs().get(k).aval().shape().dim(axis);
      // Operands outside the range the index takes over the space are never chosen.
      if (n > 0 && offset <= range[1] && offset + n - 1 >= range[0]) {
        operands.add(k);
        offsets.add(offset);
      }
      offset += n;
    }
    if (operands.isEmpty()) {
      // An empty result is only read over an empty space: any form will do.
      return emit(e.inputs().get(0), idx);
    }
    DType out = e.outputs().get(0).aval().dtype();
    int last = operands.size() - 1;
    int value = emit(e.inputs().get(operands.get(last)), shifted(idx, axis, offsets.get(last)));
    for (int j = last - 1; j >= 0; j--) {
      int k = operands.get(j);
      long end = offsets.get(j) + e.inputs().get(k).aval().shape().dim(axis);
      int here = emit(e.inputs().get(k), shifted(idx, axis, offsets.get(j)));
      int cond = compare(KernelOp.LE, t, end - 1);
      value = add(Node.apply(KernelOp.SELECT, out, List.of(cond, value, here), 0));
    }
    return value;
  }

  private static List<IndexExpr> shifted(List<IndexExpr> idx, int axis, long offset) {
    if (offset == 0) {
      return idx;
    }
    List<IndexExpr> out = new ArrayList<>(idx);
    out.set(axis, IndexExpr.add(idx.get(axis), -offset));
    return out;
  }

  private int compare(KernelOp op, IndexExpr t, long bound) {
    int lhs = add(Node.index(t));
    int rhs = add(Node.constant(org.jaxpresso.core.Array.scalar(bound, DType.INT64)));
    return add(Node.apply(op, DType.BOOL, List.of(lhs, rhs), 0));
  }

  private int and(int a, int b) {
    return a < 0 ? b : add(Node.apply(KernelOp.AND, DType.BOOL, List.of(a, b), 0));
  }
}
