package org.jaxpresso.core;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JAX's type promotion: the least upper bound on the promotion lattice, with weak types for
 * values that came from Java scalars (JAX's Python scalars).
 *
 * <p>The lattice (standard mode): {@code bool -> i*}; {@code i* -> u8, i8}; {@code u8 -> i16,
 * u16}; {@code u16 -> i32, u32}; {@code u32 -> i32, u64} (x64 off) or {@code i64, u64} (x64
 * on); {@code u64 -> f*}; {@code i8 -> i16 -> i32 -> i64 -> f*}; {@code f* -> bf16, f16};
 * {@code bf16 -> f32}; {@code f16 -> f32}; {@code f32 -> f64}, where {@code i*} and {@code f*}
 * are the weak int and weak float. Integers mixed with floats take the float type
 * ({@code int32 + float16 = float16}, unlike NumPy).
 *
 * <pre>{@code
 * Promotion.promoteTypes(DType.INT8, DType.UINT8);                  // INT16
 * Promotion.resultType(List.of(Promotion.weak(DType.INT32),
 *                              Promotion.strong(DType.FLOAT16)));   // float16, strong
 * }</pre>
 */
public final class Promotion {
  /**
   * A dtype with its weak flag: an operand of a promotion, or its result.
   *
   * @param dtype the dtype
   * @param weak whether it is weakly typed
   */
  public record Typed(DType dtype, boolean weak) {
    /** bool is never weak. */
    public Typed {
      if (dtype == DType.BOOL) {
        weak = false;
      }
    }

    /** {@code float32} or {@code float32*} (weak), as JAX's promotion table writes them. */
    @Override
    public String toString() {
      return dtype + (weak ? "*" : "");
    }
  }

  private enum Node { B1, IW, FW, U8, U16, U32, U64, I8, I16, I32, I64, BF16, F16, F32, F64 }

  private static final Map<Node, Set<Node>> UPPER_X32 = closure(false);
  private static final Map<Node, Set<Node>> UPPER_X64 = closure(true);

  private Promotion() {}

  /**
   * A strongly typed operand.
   *
   * @param d the dtype
   * @return a strongly typed operand
   */
  public static Typed strong(DType d) {
    return new Typed(d, false);
  }

  /**
   * A weakly typed operand (as from a Java scalar).
   *
   * @param d the dtype
   * @return a weakly typed operand (as from a Java scalar)
   */
  public static Typed weak(DType d) {
    return new Typed(d, true);
  }

  /**
   * The dtype and weak type of an array's aval.
   *
   * @param aval the abstract value (shape and dtype)
   * @return the dtype and weak type of an array's aval
   */
  public static Typed of(ShapedArray aval) {
    return new Typed(aval.dtype(), aval.weakType());
  }

  /**
   * JAX's {@code jnp.promote_types(a, b)} for two strong dtypes: the lattice join, not
   * canonicalized (so {@code uint64, int8 -> float64} even with x64 off, as JAX returns it).
   *
   * @param a the input array
   * @param b the second input array
   * @return JAX's {@code jnp.promote_types(a, b)} for two strong dtypes
   */
  public static DType promoteTypes(DType a, DType b) {
    Node n = join(EnumSet.of(node(a, false), node(b, false)));
    return switch (n) {
      case IW -> DType.INT64;
      case FW -> DType.FLOAT64;
      default -> dtype(n);
    };
  }

  /**
   * JAX's {@code dtypes.result_type(*args)}: the promoted dtype of the operands and whether it
   * is weak, canonicalized for the x64 setting.
   *
   * @param operands the operand arrays
   * @return JAX's {@code dtypes.result_type(*args)}
   * @throws IllegalArgumentException if no operands are given
   */
  public static Typed resultType(List<Typed> operands) {
    if (operands.isEmpty()) {
      throw new IllegalArgumentException("at least one array or dtype is required");
    }
    DType out;
    boolean weak;
    boolean allWeak = operands.stream().allMatch(Typed::weak);
    boolean allSame = operands.stream().map(Typed::dtype).distinct().count() == 1;
    if (operands.size() == 1) {
      out = operands.get(0).dtype();
      weak = operands.get(0).weak();
    } else if (allSame && !allWeak) {
      out = operands.get(0).dtype();
      weak = false;
    } else if (allWeak) {
      EnumSet<Node> nodes = EnumSet.noneOf(Node.class);
      for (Typed t : operands) {
        nodes.add(node(t.dtype(), false));
      }
      Node n = join(nodes);
      out = n == Node.IW ? DType.defaultInt() : n == Node.FW ? DType.defaultFloat() : dtype(n);
      weak = true;
    } else {
      EnumSet<Node> nodes = EnumSet.noneOf(Node.class);
      for (Typed t : operands) {
        nodes.add(node(t.dtype(), t.weak()));
      }
      Node n = join(nodes);
      weak = n == Node.IW || n == Node.FW;
      out = n == Node.IW ? DType.defaultInt() : n == Node.FW ? DType.defaultFloat() : dtype(n);
    }
    return new Typed(out.canonical(), weak && out != DType.BOOL);
  }

  /**
   * {@link #resultType(List)} of two operands.
   *
   * @param a the input array
   * @param b the second input array
   * @return {@link #resultType(List)} of two operands
   */
  public static Typed resultType(Typed a, Typed b) {
    return resultType(List.of(a, b));
  }

  private static Node node(DType d, boolean weak) {
    if (weak) {
      if (d.isInteger()) {
        return Node.IW;
      }
      if (d.isFloating()) {
        return Node.FW;
      }
    }
    return switch (d) {
      case BOOL -> Node.B1;
      case UINT8 -> Node.U8;
      case UINT16 -> Node.U16;
      case UINT32 -> Node.U32;
      case UINT64 -> Node.U64;
      case INT8 -> Node.I8;
      case INT16 -> Node.I16;
      case INT32 -> Node.I32;
      case INT64 -> Node.I64;
      case BFLOAT16 -> Node.BF16;
      case FLOAT16 -> Node.F16;
      case FLOAT32 -> Node.F32;
      case FLOAT64 -> Node.F64;
    };
  }

  private static DType dtype(Node n) {
    return switch (n) {
      case B1 -> DType.BOOL;
      case U8 -> DType.UINT8;
      case U16 -> DType.UINT16;
      case U32 -> DType.UINT32;
      case U64 -> DType.UINT64;
      case I8 -> DType.INT8;
      case I16 -> DType.INT16;
      case I32 -> DType.INT32;
      case I64 -> DType.INT64;
      case BF16 -> DType.BFLOAT16;
      case F16 -> DType.FLOAT16;
      case F32 -> DType.FLOAT32;
      case F64 -> DType.FLOAT64;
      case IW, FW -> throw new IllegalStateException("weak node " + n);
    };
  }

  private static Node join(Set<Node> nodes) {
    Map<Node, Set<Node>> upper = Flags.x64Enabled() ? UPPER_X64 : UPPER_X32;
    EnumSet<Node> common = EnumSet.allOf(Node.class);
    for (Node n : nodes) {
      common.retainAll(upper.get(n));
    }
    for (Node c : common) {
      if (upper.get(c).containsAll(common)) {
        return c;
      }
    }
    throw new IllegalStateException("no least upper bound for " + nodes);
  }

  private static Map<Node, Set<Node>> closure(boolean x64) {
    Map<Node, List<Node>> edges = new EnumMap<>(Node.class);
    edges.put(Node.B1, List.of(Node.IW));
    edges.put(Node.IW, List.of(Node.U8, Node.I8));
    edges.put(Node.U8, List.of(Node.I16, Node.U16));
    edges.put(Node.U16, List.of(Node.I32, Node.U32));
    edges.put(Node.U32, x64 ? List.of(Node.I64, Node.U64) : List.of(Node.I32, Node.U64));
    edges.put(Node.U64, List.of(Node.FW));
    edges.put(Node.I8, List.of(Node.I16));
    edges.put(Node.I16, List.of(Node.I32));
    edges.put(Node.I32, List.of(Node.I64));
    edges.put(Node.I64, List.of(Node.FW));
    edges.put(Node.FW, List.of(Node.BF16, Node.F16));
    edges.put(Node.BF16, List.of(Node.F32));
    edges.put(Node.F16, List.of(Node.F32));
    edges.put(Node.F32, List.of(Node.F64));
    edges.put(Node.F64, List.of());
    Map<Node, Set<Node>> up = new EnumMap<>(Node.class);
    for (Node n : Node.values()) {
      EnumSet<Node> seen = EnumSet.of(n);
      java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(List.of(n));
      while (!todo.isEmpty()) {
        for (Node m : edges.get(todo.pop())) {
          if (seen.add(m)) {
            todo.push(m);
          }
        }
      }
      up.put(n, seen);
    }
    return up;
  }
}
