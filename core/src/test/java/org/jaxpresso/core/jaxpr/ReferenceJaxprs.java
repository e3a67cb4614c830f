package org.jaxpresso.core.jaxpr;

import static org.jaxpresso.core.jaxpr.JaxprBuilder.f32;
import static org.jaxpresso.core.jaxpr.JaxprBuilder.i32;
import static org.jaxpresso.core.jaxpr.TestPrims.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;

/**
 * The programs of the {@code jaxprs} section of the JAX 0.11.2 reference, rebuilt by hand as IR
 * with the equations, params and avals that JAX records for them (including params that the
 * primitives hide when printing).
 */
final class ReferenceJaxprs {
  private ReferenceJaxprs() {}

  /** Each reference key with the jaxpr that should print as its text. */
  static Map<String, Supplier<Jaxpr>> all() {
    Map<String, Supplier<Jaxpr>> m = new LinkedHashMap<>();
    m.put("argmax_cumsum_sort", ReferenceJaxprs::argmaxCumsumSort);
    m.put("astype", ReferenceJaxprs::astype);
    m.put("at_set", ReferenceJaxprs::atSet);
    m.put("cond", ReferenceJaxprs::cond);
    m.put("const_capture", ReferenceJaxprs::constCapture);
    m.put("conv2d", ReferenceJaxprs::conv2d);
    m.put("convolve", ReferenceJaxprs::convolve);
    m.put("dynamic_slice", ReferenceJaxprs::dynamicSlice);
    m.put("fori", ReferenceJaxprs::fori);
    m.put("int_index", ReferenceJaxprs::intIndex);
    m.put("int_plus_1", ReferenceJaxprs::intPlus1);
    m.put("matmul", () -> dot("f32[5,3]", "f32[3,5]", "f32[5,5]", false));
    m.put("mean_std", ReferenceJaxprs::meanStd);
    m.put("nested_jit", ReferenceJaxprs::nestedJit);
    m.put("norm", () -> norm(false));
    m.put("norm_seed_style", () -> norm(true));
    m.put("np_const_capture", ReferenceJaxprs::npConstCapture);
    m.put("python_scalar_arg", ReferenceJaxprs::pythonScalarArg);
    m.put("reshape_static", ReferenceJaxprs::reshapeStatic);
    m.put("scan", () -> scan(10));
    m.put("seed_dot", () -> dot("f32[3,4]", "f32[4]", "f32[3]", true));
    m.put("sincos", ReferenceJaxprs::sincos);
    m.put("slices", ReferenceJaxprs::slices);
    m.put("softmax", ReferenceJaxprs::softmax);
    m.put("sum0", ReferenceJaxprs::sum0);
    m.put("where_relu", ReferenceJaxprs::whereRelu);
    m.put("while", ReferenceJaxprs::whileLoop);
    return m;
  }

  static Jaxpr argmaxCumsumSort() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var am = b.eq("i32[]", ARGMAX, Params.of("axes", new int[] {0}, "index_dtype", DType.INT32), a);
    JaxprBuilder cb = new JaxprBuilder();
    Var cx = cb.in("f32[10]");
    Var cy = cb.eq("f32[10]", CUMSUM, Params.of("axis", 0, "reverse", false), cx);
    Var c = b.eq("f32[10]", JIT, jitParams("cumsum", cb.out(cy)), a);
    JaxprBuilder sb = new JaxprBuilder();
    Var sx = sb.in("f32[10]");
    Var sy = sb.eq("f32[10]", SORT,
        Params.of("dimension", 0, "is_stable", true, "num_keys", 1), sx);
    Var d = b.eq("f32[10]", JIT, jitParams("sort", sb.out(sy)), a);
    return b.out(am, c, d);
  }

  static Jaxpr astype() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    return b.out(b.eq("i32[10]", CONVERT_ELEMENT_TYPE, convert(DType.INT32, false), a));
  }

  static Params scatterParams(boolean sorted, Jaxpr updateJaxpr) {
    return Params.of(
        "dimension_numbers", NamedTuple.of("ScatterDimensionNumbers",
            "update_window_dims", new int[0], "inserted_window_dims", new int[] {0},
            "scatter_dims_to_operand_dims", new int[] {0}, "operand_batching_dims", new int[0],
            "scatter_indices_batching_dims", new int[0]),
        "indices_are_sorted", sorted, "mode", GatherScatterMode.FILL_OR_DROP,
        "unique_indices", sorted, "update_consts", List.of(), "update_jaxpr", updateJaxpr);
  }

  static Jaxpr atSet() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var idx = b.eq("i32[1]", BROADCAST_IN_DIM, bcast(new int[] {1}), i32(0));
    return b.out(b.eq("f32[10]", SCATTER, scatterParams(true, null), a, idx, f32(10)));
  }

  static Jaxpr cond() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var s = b.eq("f32[]", REDUCE_SUM, axes(0), a);
    Var p = b.eq("bool[]", GT, s, f32(0));
    Var i = b.eq("i32[]", CONVERT_ELEMENT_TYPE, convert(DType.INT32, false), p);
    JaxprBuilder f = new JaxprBuilder();
    Var fx = f.in("f32[10]");
    Var fy = f.eq("f32[10]", NEG, fx);
    JaxprBuilder t = new JaxprBuilder();
    Var tx = t.in("f32[10]");
    List<ClosedJaxpr> branches = List.of(ClosedJaxpr.of(f.out(fy)), ClosedJaxpr.of(t.out(tx)));
    return b.out(b.eq("f32[10]", COND, Params.of("branches", branches), i, a));
  }

  /** jnp.linspace's body: 14 equations, so it is hoisted even when used once. */
  static Jaxpr linspace(int n, String boundType) {
    JaxprBuilder b = new JaxprBuilder();
    Var start = b.in(boundType);
    Var stop = b.in(boundType);
    Var c = b.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), start);
    Var d = b.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), stop);
    Var e = b.eq("f32[]", SUB, d, c);
    b.eq("f32[]", DIV, e, f32(n - 1));
    String v = "f32[" + (n - 1) + "]";
    Var g = b.eq(v, IOTA, Params.of("dimension", 0, "dtype", DType.FLOAT32,
        "shape", new int[] {n - 1}, "sharding", null));
    Var h = b.eq(v, DIV, g, f32(n - 1));
    Var i = b.eq("f32[1]", RESHAPE, reshape(1), c);
    Var j = b.eq(v, SUB, f32(1), h);
    Var k = b.eq(v, MUL, OUT_DTYPE_NONE, i, j);
    Var l = b.eq("f32[1]", RESHAPE, reshape(1), d);
    Var mm = b.eq(v, MUL, OUT_DTYPE_NONE, l, h);
    Var nn = b.eq(v, ADD, k, mm);
    Var o = b.eq("f32[1]", BROADCAST_IN_DIM, bcast(new int[] {1}), d);
    return b.out(b.eq("f32[" + n + "]", CONCATENATE, Params.of("dimension", 0), nn, o));
  }

  static Jaxpr constCapture() {
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[10]");
    Var r = b.eq("f32[10]", JIT, jitParams("_linspace", linspace(10, "i32[]")), i32(0), i32(1));
    return b.out(b.eq("f32[10]", ADD, x, r));
  }

  static Params convParams(int rank, int[][] padding) {
    int[] spec = new int[rank];
    Arrays.setAll(spec, i -> i);
    int[] ones = new int[rank - 2];
    Arrays.fill(ones, 1);
    return Params.of("batch_group_count", 1,
        "dimension_numbers", NamedTuple.of("ConvDimensionNumbers",
            "lhs_spec", spec, "rhs_spec", spec, "out_spec", spec),
        "feature_group_count", 1, "lhs_dilation", ones, "out_sharding", null,
        "padding", padding, "precision", null, "preferred_element_type", null,
        "rhs_dilation", ones, "window_strides", ones);
  }

  static Jaxpr conv2d() {
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[1,2,5,5]");
    Var w = b.in("f32[3,2,3,3]");
    return b.out(b.eq("f32[1,3,5,5]", CONV, convParams(4, new int[][] {{1, 1}, {1, 1}}), x, w));
  }

  static Jaxpr convolve() {
    JaxprBuilder flip = new JaxprBuilder();
    Var fx = flip.in("f32[3]");
    Jaxpr flipJ = flip.out(flip.eq("f32[3]", REV, Params.of("dimensions", new int[] {0}), fx));

    JaxprBuilder conv = new JaxprBuilder();
    Var ca = conv.in("f32[10]");
    Var cb = conv.in("f32[3]");
    Var cd = conv.eq("f32[3]", JIT, jitParams("_flip", flipJ), cb);
    Var ce = conv.eq("f32[1,1,10]", BROADCAST_IN_DIM, bcast(new int[] {1, 1, 10}, 2), ca);
    Var cf = conv.eq("f32[1,1,3]", BROADCAST_IN_DIM, bcast(new int[] {1, 1, 3}, 2), cd);
    Var cg = conv.eq("f32[1,1,12]", CONV, convParams(3, new int[][] {{2, 2}}), ce, cf);
    Jaxpr convJ =
        conv.out(conv.eq("f32[12]", SQUEEZE, Params.of("dimensions", new int[] {0, 1}), cg));

    JaxprBuilder outer = new JaxprBuilder();
    Var oa = outer.in("f32[10]");
    Var ob = outer.in("f32[3]");
    Jaxpr outerJ = outer.out(outer.eq("f32[12]", JIT, jitParams("_conv", convJ), oa, ob));

    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var k = b.eq("f32[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), f32(1));
    return b.out(b.eq("f32[12]", JIT, jitParams("convolve", outerJ), a, k));
  }

  /** JAX's index normalisation: {@code select_n(i < 0, i, i + n)}. */
  static Var normalizeIndex(JaxprBuilder b, Var i, int n) {
    String t = i.aval().shortStr();
    String bt = "bool" + t.substring(t.indexOf('['));
    Var neg = b.eq(bt, LT, i, i32(0));
    Var wrapped = b.eq(t, ADD, i, i32(n));
    return b.eq(t, SELECT_N, neg, i, wrapped);
  }

  static Jaxpr dynamicSlice() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var i = b.in("i32[]");
    Var e = normalizeIndex(b, i, 10);
    return b.out(b.eq("f32[2]", DYNAMIC_SLICE, Params.of("slice_sizes", new int[] {2}), a, e));
  }

  static Jaxpr fori() {
    JaxprBuilder body = new JaxprBuilder();
    Var i = body.in("i32[]");
    Var x = body.in("f32[10]");
    Var i1 = body.eq("i32[]", ADD, i, i32(1));
    Var x1 = body.eq("f32[10]", MUL, OUT_DTYPE_NONE, x, f32(2));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Params p = Params.of(
        "ft_in", List.of(List.of(), Arrays.asList(null, null), List.of()),
        "ft_out", List.of(Arrays.asList(null, null), List.of()),
        "jaxpr", ClosedJaxpr.of(body.out(i1, x1)), "length", 10, "reverse", false, "unroll", 1);
    List<Var> outs = b.eqs(List.of("i32[]", "f32[10]"), SCAN, p, i32(0), a);
    return b.out(outs.get(1));
  }

  static Jaxpr intIndex() {
    JaxprBuilder b = new JaxprBuilder();
    Var idx = b.constvar("i32[2]");
    Var x = b.in("f32[10]");
    Var e = normalizeIndex(b, idx, 10);
    Var f = b.eq("i32[2,1]", BROADCAST_IN_DIM, bcast(new int[] {2, 1}, 0), e);
    Params p = Params.of(
        "dimension_numbers", NamedTuple.of("GatherDimensionNumbers",
            "offset_dims", new int[0], "collapsed_slice_dims", new int[] {0},
            "start_index_map", new int[] {0}, "operand_batching_dims", new int[0],
            "start_indices_batching_dims", new int[0]),
        "fill_value", null, "indices_are_sorted", false,
        "mode", GatherScatterMode.PROMISE_IN_BOUNDS, "slice_sizes", new int[] {1},
        "unique_indices", false);
    return b.out(b.eq("f32[2]", GATHER, p, x, f));
  }

  static Jaxpr intPlus1() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("i32[6]");
    return b.out(b.eq("i32[6]", ADD, a, i32(1)));
  }

  static Params dotParams(int[][][] dn) {
    return Params.of("dimension_numbers", dn, "precision", null,
        "preferred_element_type", DType.FLOAT32, "out_sharding", null);
  }

  static Jaxpr dot(String lt, String rt, String ot, boolean addOne) {
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in(lt);
    Var w = b.in(rt);
    Atom l = addOne ? b.eq(lt, ADD, x, f32(1)) : x;
    Atom r = addOne ? b.eq(rt, ADD, w, f32(1)) : w;
    int[][][] dn = {{{1}, {0}}, {{}, {}}};
    return b.out(b.eq(ot, DOT_GENERAL, dotParams(dn), l, r));
  }

  /** jnp.where(c, x, fill) as a jitted _where with a literal fill of {@code fillType}. */
  static Jaxpr where(String predType, String xType, String fillType) {
    JaxprBuilder w = new JaxprBuilder();
    Var c = w.in(predType);
    Var x = w.in(xType);
    Var fill = w.in(fillType);
    Var o = w.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), fill);
    Atom f = xType.equals("f32[]") ? o
        : w.eq(xType, BROADCAST_IN_DIM, bcast(JaxprBuilder.t(xType).shape().dims()), o);
    return w.out(w.eq(xType, SELECT_N, c, f, x));
  }

  /** jnp.var's body (11 equations: hoisted), over axis 0 or both axes of an f32[5,3]. */
  static Jaxpr var(boolean allAxes) {
    String r = allAxes ? "f32[]" : "f32[3]";
    String kept = allAxes ? "f32[1,1]" : "f32[1,3]";
    int[] ax = allAxes ? new int[] {0, 1} : new int[] {0};
    int[] bd = allAxes ? new int[0] : new int[] {1};
    double n = allAxes ? 15 : 5;
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[5,3]");
    Var ddof = b.in("i32[]");
    Var c = b.eq(r, REDUCE_SUM, axes(ax), a);
    Var d = b.eq(kept, BROADCAST_IN_DIM, bcast(JaxprBuilder.t(kept).shape().dims(), bd), c);
    Var e = b.eq(kept, DIV, d, f32(n));
    Var f = b.eq("f32[5,3]", SUB, a, e);
    Var g = b.eq("f32[5,3]", SQUARE, f);
    Var h = b.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), ddof);
    Var i = b.eq("f32[]", SUB, f32(n), h);
    Var j = b.eq(r, REDUCE_SUM, axes(ax), g);
    Var k = b.eq(r, DIV, j, i);
    Var l = b.eq("bool[]", GT, i, f32(0));
    Var m = b.eq(r, JIT, jitParams("_where", where("bool[]", r, "f32[]")), l, k, f32(Double.NaN));
    return b.out(m);
  }

  /** jnp.std: a jitted _std calling the (hoisted) _var. */
  static Jaxpr std(Jaxpr var, String r) {
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[5,3]");
    Var ddof = b.in("i32[]");
    Var u = b.eq(r, JIT, jitParams("_var", var), x, ddof);
    return b.out(b.eq(r, SQRT, ACCURACY_NONE, u));
  }

  static Jaxpr meanStd() {
    JaxprBuilder b = new JaxprBuilder();
    Var p = b.in("f32[5,3]");
    Var q = b.eq("f32[]", REDUCE_SUM, axes(0, 1), p);
    Var r = b.eq("f32[]", DIV, q, f32(15));
    Var s = b.eq("f32[]", JIT, jitParams("_std", std(var(true), "f32[]")), p, i32(0));
    return b.out(r, s);
  }

  static Jaxpr nestedJit() {
    JaxprBuilder s = new JaxprBuilder();
    Var x = s.in("f32[10]");
    Jaxpr sin = s.out(s.eq("f32[10]", SIN, ACCURACY_NONE, x));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var y = b.eq("f32[10]", JIT, jitParams("sin", sin), a);
    return b.out(b.eq("f32[10]", ADD, y, f32(1)));
  }

  /** {@code x - mean(x, 0)} as JAX traces it. */
  static Var centered(JaxprBuilder b, Var x) {
    Var r = b.eq("f32[3]", REDUCE_SUM, axes(0), x);
    Var s = b.eq("f32[3]", DIV, r, f32(5));
    Var t = b.eq("f32[1,3]", BROADCAST_IN_DIM, bcast(new int[] {1, 3}, 1), s);
    return b.eq("f32[5,3]", SUB, x, t);
  }

  /**
   * {@code (x - x.mean(0)) / x.std(0)}; the seed style computes the centered value once, the
   * other computes it twice (once inside std's argument).
   */
  static Jaxpr norm(boolean seedStyle) {
    Jaxpr var = var(false);
    JaxprBuilder b = new JaxprBuilder();
    Var q = b.in("f32[5,3]");
    Var u = centered(b, q);
    Var y = seedStyle ? u : centered(b, q);
    Var z = b.eq("f32[3]", JIT, jitParams("_std", std(var, "f32[3]")), y, i32(0));
    Var bc = b.eq("f32[1,3]", BROADCAST_IN_DIM, bcast(new int[] {1, 3}, 1), z);
    return b.out(b.eq("f32[5,3]", DIV, u, bc));
  }

  static Jaxpr npConstCapture() {
    JaxprBuilder b = new JaxprBuilder();
    Var c = b.constvar("f32[10]");
    Var x = b.in("f32[10]");
    return b.out(b.eq("f32[10]", MUL, OUT_DTYPE_NONE, x, c));
  }

  static Jaxpr pythonScalarArg() {
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[10]");
    Var s = b.in("~f32[]");
    Var c = b.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), s);
    return b.out(b.eq("f32[10]", MUL, OUT_DTYPE_NONE, x, c));
  }

  static Jaxpr reshapeStatic() {
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[2,3]");
    return b.out(b.eq("f32[6]", RESHAPE, reshape(6), x));
  }

  /** {@code lax.scan(lambda c, x: (c + x, c * x), 0., xs)}. */
  static Jaxpr scan(int n) {
    JaxprBuilder body = new JaxprBuilder();
    Var c = body.in("f32[]");
    Var x = body.in("f32[]");
    Var c1 = body.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), c);
    Var g = body.eq("f32[]", ADD, c1, x);
    Var c2 = body.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), c);
    Var i = body.eq("f32[]", MUL, OUT_DTYPE_NONE, c2, x);
    JaxprBuilder b = new JaxprBuilder();
    Var xs = b.in("f32[" + n + "]");
    Params p = Params.of(
        "ft_in", List.of(List.of(), Arrays.asList((Object) null), Arrays.asList((Object) null)),
        "ft_out", List.of(Arrays.asList((Object) null),
            List.of(new Call("RightsOnly", new Call("Right", null)))),
        "jaxpr", ClosedJaxpr.of(body.out(g, i)), "length", n, "reverse", false, "unroll", 1);
    List<Var> outs = b.eqs(List.of("f32[]", "f32[" + n + "]"), SCAN, p, f32(0), xs);
    return b.out(outs.get(0), outs.get(1));
  }

  static Jaxpr sincos() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var s = b.eq("f32[10]", SIN, ACCURACY_NONE, a);
    Var c = b.eq("f32[10]", MUL, OUT_DTYPE_NONE, f32(2), s);
    Var d = b.eq("f32[10]", COS, ACCURACY_NONE, a);
    return b.out(b.eq("f32[10]", MUL, OUT_DTYPE_NONE, c, d));
  }

  static Params slice(int[] start, int[] limit, int[] strides) {
    return Params.of("start_indices", start, "limit_indices", limit, "strides", strides);
  }

  static Jaxpr slices() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[5,3]");
    Var s1 = b.eq("f32[2,3]", SLICE, slice(new int[] {1, 0}, new int[] {3, 3}, null), a);
    Var s2 = b.eq("f32[3,3]", SLICE,
        slice(new int[] {0, 0}, new int[] {5, 3}, new int[] {2, 1}), a);
    Var s3 = b.eq("f32[1,5,3]", BROADCAST_IN_DIM, bcast(new int[] {1, 5, 3}, 1, 2), a);
    Var e = b.eq("f32[5,1]", SLICE, slice(new int[] {0, 0}, new int[] {5, 1}, null), a);
    Var f = b.eq("f32[5]", SQUEEZE, Params.of("dimensions", new int[] {1}), e);
    return b.out(s1, s2, s3, f);
  }

  static Jaxpr softmax() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var e1 = b.eq("f32[10]", EXP, ACCURACY_NONE, a);
    Var e2 = b.eq("f32[10]", EXP, ACCURACY_NONE, a);
    Var s = b.eq("f32[]", REDUCE_SUM, axes(0), e2);
    return b.out(b.eq("f32[10]", DIV, e1, s));
  }

  static Jaxpr sum0() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[5,3]");
    return b.out(b.eq("f32[3]", REDUCE_SUM, axes(0), a));
  }

  static Jaxpr whereRelu() {
    JaxprBuilder w = new JaxprBuilder();
    Var c = w.in("bool[10]");
    Var x = w.in("f32[10]");
    Var fill = w.in("i32[]");
    Var o = w.eq("f32[]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), fill);
    Var f = w.eq("f32[10]", BROADCAST_IN_DIM, bcast(new int[] {10}), o);
    Jaxpr where = w.out(w.eq("f32[10]", SELECT_N, c, f, x));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Var p = b.eq("bool[10]", GT, a, f32(0));
    return b.out(b.eq("f32[10]", JIT, jitParams("_where", where), p, a, i32(0)));
  }

  static Jaxpr whileLoop() {
    JaxprBuilder body = new JaxprBuilder();
    Var c = body.in("f32[10]");
    Jaxpr bodyJ = body.out(body.eq("f32[10]", MUL, OUT_DTYPE_NONE, c, f32(2)));
    JaxprBuilder cond = new JaxprBuilder();
    Var e = cond.in("f32[10]");
    Var f = cond.eq("f32[]", REDUCE_SUM, axes(0), e);
    Jaxpr condJ = cond.out(cond.eq("bool[]", LT, f, f32(100)));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[10]");
    Params p = Params.of("body_jaxpr", ClosedJaxpr.of(bodyJ), "body_nconsts", 0,
        "cond_jaxpr", ClosedJaxpr.of(condJ), "cond_nconsts", 0);
    return b.out(b.eq("f32[10]", WHILE, p, a));
  }
}
