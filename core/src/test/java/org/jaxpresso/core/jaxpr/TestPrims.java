package org.jaxpresso.core.jaxpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.internal.PyFormat;

/**
 * Primitives for printer and checker tests, built unregistered, whose printed-params rules
 * mirror JAX's pp rules ({@code lax.py}, {@code pjit.py}), plus Python-valued param types.
 */
final class TestPrims {
  private TestPrims() {}

  /** A Python NamedTuple value: {@code Name(field=value, ...)}. */
  record NamedTuple(String type, List<String> fields, List<Object> values) {
    static NamedTuple of(String type, Object... fieldsAndValues) {
      List<String> f = new ArrayList<>();
      List<Object> v = new ArrayList<>();
      for (int i = 0; i < fieldsAndValues.length; i += 2) {
        f.add((String) fieldsAndValues[i]);
        v.add(fieldsAndValues[i + 1]);
      }
      return new NamedTuple(type, f, v);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(type).append('(');
      for (int i = 0; i < fields.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(fields.get(i)).append('=')
            .append(PyFormat.str(values.get(i)));
      }
      return sb.append(')').toString();
    }
  }

  /** A Python object whose repr is a call with positional arguments: {@code Right(None)}. */
  record Call(String type, Object arg) {
    @Override
    public String toString() {
      return type + "(" + PyFormat.str(arg) + ")";
    }
  }

  /** JAX's {@code GatherScatterMode}, printed as {@code GatherScatterMode.FILL_OR_DROP}. */
  enum GatherScatterMode {
    CLIP, FILL_OR_DROP, PROMISE_IN_BOUNDS;

    @Override
    public String toString() {
      return "GatherScatterMode." + name();
    }
  }

  /** These params without the named entries. */
  static Params without(Params p, String... names) {
    List<Object> kv = new ArrayList<>();
    for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
      if (!List.of(names).contains(e.getKey())) {
        kv.add(e.getKey());
        kv.add(e.getValue());
      }
    }
    return Params.of(kv.toArray());
  }

  /** A primitive that prints all its params and has no rules. */
  static Primitive plain(String name) {
    return Primitive.builder(name).buildUnregistered();
  }

  private static Primitive printed(String name, UnaryOperator<Params> rule) {
    return Primitive.builder(name).printedParams(rule).buildUnregistered();
  }

  // ---- shape rules for the checker tests ----

  /** Elementwise: equal shapes (rank-0 operands broadcast), equal dtypes, weak iff all weak. */
  private static List<ShapedArray> elementwise(String name, List<ShapedArray> in, boolean cmp) {
    Shape shape = Shape.of();
    DType dtype = in.get(0).dtype();
    boolean weak = true;
    for (ShapedArray a : in) {
      if (a.dtype() != dtype) {
        throw new JaxTypeError("lax." + name + " requires arguments to have the same dtypes, got "
            + in.stream().map(x -> x.dtype().longName()).reduce((x, y) -> x + ", " + y).get()
            + ".");
      }
      if (a.rank() > 0) {
        shape = shape.rank() == 0 ? a.shape() : broadcast(name, in, shape, a.shape());
      }
      weak &= a.weakType();
    }
    return List.of(cmp
        ? new ShapedArray(shape, DType.BOOL, false)
        : new ShapedArray(shape, dtype, weak));
  }

  /** Equal ranks; each pair of dims equal or one of them 1 (lax's size-1 broadcasting). */
  private static Shape broadcast(String name, List<ShapedArray> in, Shape x, Shape y) {
    int[] dims = new int[x.rank()];
    for (int i = 0; i < dims.length && x.rank() == y.rank(); i++) {
      int a = x.dims()[i];
      int b = y.dims()[i];
      dims[i] = a == b || b == 1 ? a : a == 1 ? b : -1;
    }
    if (x.rank() != y.rank() || java.util.Arrays.stream(dims).anyMatch(d -> d < 0)) {
      throw new JaxTypeError(name + " got incompatible shapes for broadcasting: "
          + in.stream().map(s -> s.shape().toString()).reduce((s, t) -> s + ", " + t).get()
          + ".");
    }
    return Shape.of(dims);
  }

  /** A binary elementwise primitive (a comparison when {@code cmp}). */
  static Primitive binary(String name, boolean cmp) {
    return Primitive.builder(name)
        .abstractEval((in, p) -> elementwise(name, in, cmp))
        .buildUnregistered();
  }

  /** A unary elementwise primitive hiding {@code accuracy=None}. */
  static Primitive unaryWithAccuracy(String name) {
    return Primitive.builder(name)
        .abstractEval((in, p) -> elementwise(name, in, false))
        .printedParams(p -> p.has("accuracy") && p.get("accuracy") == null
            ? without(p, "accuracy") : p)
        .buildUnregistered();
  }

  // ---- elementwise ----
  static final Primitive ADD = binary("add", false);
  static final Primitive SUB = binary("sub", false);
  static final Primitive DIV = binary("div", false);
  static final Primitive MAX = binary("max", false);
  static final Primitive LT = binary("lt", true);
  static final Primitive GT = binary("gt", true);
  static final Primitive NE = binary("ne", true);
  static final Primitive MUL = Primitive.builder("mul")
      .abstractEval((in, p) -> elementwise("mul", in, false))
      .printedParams(p -> p.has("out_dtype") && p.get("out_dtype") == null
          ? without(p, "out_dtype") : p)
      .buildUnregistered();
  static final Primitive SIN = unaryWithAccuracy("sin");
  static final Primitive COS = unaryWithAccuracy("cos");
  static final Primitive EXP = unaryWithAccuracy("exp");
  static final Primitive SQRT = unaryWithAccuracy("sqrt");
  static final Primitive NEG = plain("neg");
  static final Primitive SQUARE = plain("square");
  static final Primitive SELECT_N = plain("select_n");
  static final Primitive CONVERT_ELEMENT_TYPE = Primitive.builder("convert_element_type")
      .abstractEval((in, p) -> List.of(new ShapedArray(
          in.get(0).shape(), p.dtype("new_dtype"), p.getBoolean("weak_type"))))
      .printedParams(p -> without(p, "sharding"))
      .buildUnregistered();

  // ---- shaping, reductions, indexing ----
  static final Primitive BROADCAST_IN_DIM = Primitive.builder("broadcast_in_dim")
      .abstractEval((in, p) -> List.of(new ShapedArray(
          Shape.of(p.ints("shape")), in.get(0).dtype(), in.get(0).weakType())))
      .printedParams(p -> ((int[]) p.get("broadcast_dimensions")).length == 0
          ? without(p, "broadcast_dimensions", "shape", "sharding")
          : without(p, "shape", "sharding"))
      .buildUnregistered();
  static final Primitive RESHAPE = plain("reshape");
  static final Primitive SQUEEZE = plain("squeeze");
  static final Primitive REV = plain("rev");
  static final Primitive SLICE = plain("slice");
  static final Primitive CONCATENATE = plain("concatenate");
  static final Primitive IOTA = plain("iota");
  static final Primitive REDUCE_SUM = plain("reduce_sum");
  static final Primitive ARGMAX = plain("argmax");
  static final Primitive CUMSUM = plain("cumsum");
  static final Primitive SORT = plain("sort");
  static final Primitive DYNAMIC_SLICE = plain("dynamic_slice");
  static final Primitive GATHER = plain("gather");
  static final Primitive SCATTER = plain("scatter");
  static final Primitive SCATTER_ADD = plain("scatter-add");
  static final Primitive CONV = plain("conv_general_dilated");
  static final Primitive STOP_GRADIENT = plain("stop_gradient");

  /** dot_general: dimension numbers as lists, None precision/type hidden, sharding hidden. */
  static final Primitive DOT_GENERAL = printed("dot_general", p -> {
    Params q = without(p, "out_sharding");
    for (String k : List.of("precision", "preferred_element_type")) {
      if (q.has(k) && q.get(k) == null) {
        q = without(q, k);
      }
    }
    int[][][] dn = (int[][][]) p.get("dimension_numbers");
    return q.with("dimension_numbers", "((" + list(dn[0][0]) + ", " + list(dn[0][1]) + "), ("
        + list(dn[1][0]) + ", " + list(dn[1][1]) + "))");
  });

  private static String list(int[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i > 0 ? ", " : "").append(a[i]);
    }
    return sb.append(']').toString();
  }

  // ---- control flow and calls ----
  static final Primitive COND = plain("cond");
  static final Primitive WHILE = plain("while");
  static final Primitive SCAN = plain("scan");
  static final Primitive CUSTOM_JVP_CALL =
      printed("custom_jvp_call", p -> p.getInt("num_consts") == 0 ? without(p, "num_consts") : p);

  /** jit: {@code inline} never shown, the other call options only when not default. */
  static final Primitive JIT = Primitive.builder("jit")
      .abstractEval((in, p) -> {
        ClosedJaxpr callee = p.get("jaxpr", ClosedJaxpr.class);
        return callee.jaxpr().outvars().stream().map(Atom::aval).toList();
      })
      .printedParams(p -> {
        Params q = without(p, "inline");
        if (q.has("keep_unused") && !q.getBoolean("keep_unused")) {
          q = without(q, "keep_unused");
        }
        if (q.has("donated_invars")) {
          boolean any = false;
          for (Object b : (List<?>) q.get("donated_invars")) {
            any |= (Boolean) b;
          }
          if (!any) {
            q = without(q, "donated_invars");
          }
        }
        return q;
      })
      .buildUnregistered();

  /** The params of a {@code jit} equation calling {@code callee} as JAX records them. */
  static Params jitParams(String name, Jaxpr callee) {
    List<Boolean> donated = new ArrayList<>();
    for (int i = 0; i < callee.invars().size(); i++) {
      donated.add(false);
    }
    return Params.of("name", name, "jaxpr", ClosedJaxpr.of(callee), "inline", false,
        "keep_unused", false, "donated_invars", donated);
  }

  /** {@code reduce_sum[axes=... out_sharding=None]}. */
  static Params axes(int... axes) {
    return Params.of("axes", axes, "out_sharding", null);
  }

  /** {@code convert_element_type[new_dtype=... weak_type=...]} (sharding hidden). */
  static Params convert(DType to, boolean weak) {
    return Params.of("new_dtype", to, "weak_type", weak, "sharding", null);
  }

  /** {@code broadcast_in_dim} params (shape and sharding hidden when printed). */
  static Params bcast(int[] shape, int... dims) {
    return Params.of("shape", shape, "broadcast_dimensions", dims, "sharding", null);
  }

  /** {@code reshape[dimensions=None new_sizes=... sharding=None]}. */
  static Params reshape(int... sizes) {
    return Params.of("dimensions", null, "new_sizes", sizes, "sharding", null);
  }

  /** Unary params with {@code accuracy=None}, hidden when printed. */
  static final Params ACCURACY_NONE = Params.of("accuracy", null);

  /** Mul params with {@code out_dtype=None}, hidden when printed. */
  static final Params OUT_DTYPE_NONE = Params.of("out_dtype", null);
}
