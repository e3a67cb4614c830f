package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Turns each kernel of a kernel program into a {@link Step}: generated code for float and
 * integer loop kernels (float16 and bfloat16 as scalar code, rounding after every op as the
 * reference does; int8/16, uint8/16/32 and bool as scalar int code, wrapping after every op)
 * and float32/float64/int32 reduction kernels whose ops have a scalar form ({@link OpTable});
 * for float32, float64, int32 and the 8- and 16-bit integers the Vector API loop in addition
 * (loop kernels end with one masked iteration, not a scalar tail) when the module is present,
 * every op has a vector form and every load is contiguous or a broadcast along the inner
 * segment. Loads that are not affine (pads, axis-splitting reshapes) and index-dependent values
 * go through an {@link IndexRewrite} first. A loop kernel past the JVM's 64 KB method limit is
 * split into several bodies joined by temporaries ({@link SplitLoopStep}). Graphs of several
 * dtypes, int64/uint64 values (long accumulators for their reductions), the special functions
 * and the bit ops run mixed scalar code ({@link MixedScalar}, {@link LongScalar}, {@link
 * ScalarMath}); arg-reductions over a non-innermost axis count each output's points. Library
 * kernels call their routine, control flow becomes a generated loop around its sub-programs' steps ({@link
 * ControlFlowStep}); everything else falls back to the reference executor.
 */
final class StepCompiler {
  private final KernelProgram program;
  private final String sourceFile;
  private final boolean simd;
  private final Dump dump;

  StepCompiler(KernelProgram program, String sourceFile, boolean simd, Dump dump) {
    this.program = program;
    this.sourceFile = sourceFile;
    this.simd = simd;
    this.dump = dump;
  }

  /** The step of kernel {@code k}. */
  Step compile(Kernel k) {
    return switch (k.kind()) {
      case LIBRARY -> k.controlFlow() != null
          ? ControlFlowStep.compile(k, sourceFile, simd, dump)
          : new LibraryStep(k.call(), ids(k.inputs()), avals(k.inputs()), ids(k.outputs()));
      case LOOP, REDUCE -> {
        Step s = generate(BoolConversions.rewrite(k));
        yield s != null ? s : new FallbackStep(program, k);
      }
    };
  }

  /**
   * Generated code for a loop or reduction kernel, or null when the generator does not take it.
   * A loop body past the JVM's 64 KB method limit is split ({@link #split}); a body that still
   * does not fit (a reduction, or a split that cannot be made) is retried without the vector
   * loop (half the code), then left to the reference executor.
   */
  private Step generate(Kernel k) {
    try {
      return k.kind() == Kernel.Kind.LOOP ? loop(k) : reduce(k);
    } catch (org.objectweb.asm.MethodTooLargeException e) {
      if (!simdOff) {
        simdOff = true;
        try {
          return generate(k);
        } finally {
          simdOff = false;
        }
      }
      return null;
    }
  }

  private boolean simdOff;

  /** The class name of kernel {@code k}: {@code K0007_sin_mul_f32}. */
  static String className(Kernel k, String suffix) {
    String rest = k.name().replaceFirst("^k\\d+_?", "");
    String s = String.format("K%04d%s%s%s", k.id(), rest.isEmpty() ? "" : "_", rest, suffix);
    return s.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private Step loop(Kernel k) {
    List<Node> nodes = k.nodes();
    List<Kernel.Store> stores = k.stores();
    rewrite = null;
    DType f = valueType(nodes);
    // A graph of several value dtypes is rewritten for mixed scalar code (f null).
    rewrite = IndexRewrite.of(k, inputShapes(k), f);
    if (rewrite != null) {
      nodes = rewrite.nodes();
      stores = rewrite.stores();
    }
    try {
      f = floatType(nodes);
      boolean mixed = false;
      if (f == null && boolOk(nodes)) {
        f = DType.BOOL;
      } else if (f == null || !scalarOk(nodes, f)) {
        if (!MixedScalar.accepts(nodes)) {
          return null;
        }
        mixed = true;
        f = nodes.get(stores.get(0).node()).dtype();
      }
      for (Kernel.Store st : stores) {
        // A bool output of a kernel over another dtype: a compare's (or constant's) result.
        if (!mixed && nodes.get(st.node()).dtype() != f
            && nodes.get(st.node()).dtype() != DType.BOOL) {
          return null;
        }
      }
      int[] dims = k.space().dims();
      Layout lay = layout(nodes, dims, Affine.rowMajor(dims, null), -1, k.space());
      if (lay == null) {
        return null;
      }
      boolean vector = !mixed && lay.vector && vectorOk(nodes, f);
      BodySpec spec = new BodySpec(className(k, ""), sourceFile, line(k), f, nodes,
          lay.slotOfNode, lay.slotArg, lay.strides, stores, k.outputs().size(), List.of(),
          false, vector, List.of(), mixed);
      LoopBody body;
      try {
        body = (LoopBody) KernelClasses.define(spec, dump);
      } catch (org.objectweb.asm.MethodTooLargeException e) {
        if (rewrite != null || mixed) {
          throw e;
        }
        Step s = split(k, f);
        if (s == null) {
          throw e;
        }
        return s;
      }
      RowTiling tiling = vector
          ? RowTiling.of(lay.segments, lay.slotArg, args(lay.slotArg), false) : null;
      return new LoopStep(body, lay.segments, ids(k.inputs()), ids(k.outputs()), rewrite,
          tiling, lay.slotArg);
    } finally {
      rewrite = null;
    }
  }

  /**
   * A loop kernel too large for one method as several generated bodies run one after the other
   * over the whole space ({@link SplitLoopStep}): the nodes are cut into parts of equal count;
   * loads and constants are repeated in every part that uses them, and each computed value used
   * by a later part goes through a temporary array of the kernel's dtype laid out row-major over
   * the space (stored by its part, loaded by the later ones). Parts double until each fits;
   * null when a bool value would cross a cut or a part cannot be made small enough.
   */
  private Step split(Kernel k, DType f) {
    if (f == DType.BOOL) {
      return null;
    }
    List<Node> nodes = k.nodes();
    int n = nodes.size();
    int nIn = k.inputs().size();
    int nOut = k.outputs().size();
    int[] dims = k.space().dims();
    for (int parts = 2; parts <= n; parts *= 2) {
      int per = (n + parts - 1) / parts;
      int[] lastUse = new int[n];
      for (int i = 0; i < n; i++) {
        lastUse[i] = -1;
        for (int a : nodes.get(i).args()) {
          lastUse[a] = Math.max(lastUse[a], i / per);
        }
      }
      int[] temp = new int[n];
      int temps = 0;
      for (int i = 0; i < n; i++) {
        KernelOp op = nodes.get(i).op();
        boolean leaf = op == KernelOp.LOAD || op == KernelOp.CONST;
        temp[i] = -1;
        if (!leaf && lastUse[i] > i / per) {
          if (nodes.get(i).dtype() != f) {
            return null;
          }
          temp[i] = temps++;
        }
      }
      List<LoopBody> bodies = new ArrayList<>();
      List<Segments> segments = new ArrayList<>();
      try {
        for (int p = 0; p * per < n; p++) {
          int lo = p * per;
          int hi = Math.min(n, lo + per);
          List<Node> part = new ArrayList<>();
          int[] map = new int[n];
          java.util.Arrays.fill(map, -1);
          List<Kernel.Store> st = new ArrayList<>();
          for (int i = lo; i < hi; i++) {
            Node node = nodes.get(i);
            List<Integer> args = new ArrayList<>();
            for (int a : node.args()) {
              if (map[a] < 0) {
                Node src = nodes.get(a);
                map[a] = part.size();
                part.add(temp[a] >= 0 ? Node.load(nIn + temp[a], f, identity(dims.length))
                    : src);
              }
              args.add(map[a]);
            }
            map[i] = part.size();
            part.add(node.args().isEmpty() ? node : node.withArgs(args));
            if (temp[i] >= 0) {
              st.add(new Kernel.Store(nOut + temp[i], map[i]));
            }
          }
          for (Kernel.Store s : k.stores()) {
            if (s.node() >= lo && s.node() < hi) {
              st.add(new Kernel.Store(s.output(), map[s.node()]));
            }
          }
          splitInputs = nIn;
          Layout lay = layout(part, dims, Affine.rowMajor(dims, null), -1, k.space());
          splitInputs = -1;
          if (lay == null) {
            return null;
          }
          BodySpec spec = new BodySpec(className(k, "_part" + p), sourceFile, line(k), f, part,
              lay.slotOfNode, lay.slotArg, lay.strides, st, nOut + temps, List.of(), false,
              lay.vector && vectorOk(part, f));
          bodies.add((LoopBody) KernelClasses.define(spec, dump));
          segments.add(lay.segments);
        }
      } catch (org.objectweb.asm.MethodTooLargeException e) {
        continue;
      }
      return new SplitLoopStep(bodies, segments, ids(k.inputs()), ids(k.outputs()), f, temps,
          Math.toIntExact(k.space().size()));
    }
    return null;
  }

  /** While a split part's layout is computed: the kernel's input count (temps come after). */
  private int splitInputs = -1;

  private static List<org.jaxpresso.jit.compiler.kir.IndexExpr> identity(int rank) {
    List<org.jaxpresso.jit.compiler.kir.IndexExpr> id = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      id.add(new org.jaxpresso.jit.compiler.kir.IndexExpr.Axis(d));
    }
    return id;
  }

  /** The index rewrite of the loop kernel being compiled, or null. */
  private IndexRewrite rewrite;

  /** The shapes of the current kernel's inputs. */
  private List<Shape> inputShapes(Kernel k) {
    List<Shape> s = new ArrayList<>();
    for (int v : k.inputs()) {
      s.add(program.values().get(v).aval().shape());
    }
    return s;
  }

  /**
   * The value dtype of a graph ignoring index-only values: the single dtype of its loads and
   * of its non-bool, non-int64 nodes, or null.
   */
  private static DType valueType(List<Node> nodes) {
    DType f = null;
    for (Node n : nodes) {
      DType d = n.dtype();
      if (d == DType.BOOL || d == DType.INT64 && n.op() != KernelOp.LOAD) {
        continue;
      }
      if (f != null && f != d) {
        return null;
      }
      f = d;
    }
    return f;
  }

  private Step reduce(Kernel k) {
    rewrite = null;
    try {
      return reduce(k, valueType(k.nodes()));
    } finally {
      rewrite = null;
    }
  }

  private Step reduce(Kernel k, DType value) {
    List<Node> nodes = k.nodes();
    List<Kernel.Reduction> reductions = k.reductions();
    rewrite = IndexRewrite.of(k, inputShapes(k), value);
    if (rewrite != null) {
      nodes = rewrite.nodes();
      reductions = rewrite.reductions();
    }
    DType f = floatType(nodes);
    boolean mixed = false;
    if (f == null && boolOk(nodes)) {
      f = DType.BOOL;
    } else if (f == null || !scalarOk(nodes, f)) {
      if (!MixedScalar.accepts(nodes)) {
        return null;
      }
      // Mixed graphs: the body's dtype is that of the reduced values (bools fold as ints).
      mixed = true;
      f = DType.BOOL;
      for (Kernel.Reduction r : reductions) {
        DType v = nodes.get(r.node()).dtype();
        if (v != DType.BOOL) {
          f = v;
          break;
        }
      }
    }
    List<DType> accTypes = new ArrayList<>();
    List<DType> resultTypes = new ArrayList<>();
    boolean anyArg = false;
    boolean nativeOnly = true;
    for (int ri = 0; ri < reductions.size(); ri++) {
      Kernel.Reduction r = reductions.get(ri);
      DType v = nodes.get(r.node()).dtype();
      boolean intValues = !f.isFloating() || v == DType.BOOL;
      boolean ok = switch (r.combiner()) {
        case REDUCE_SUM, REDUCE_PROD -> v == f && f != DType.BOOL;
        case REDUCE_MAX, REDUCE_MIN -> v == f || v == DType.BOOL;
        case REDUCE_AND, REDUCE_OR, REDUCE_XOR -> intValues && (v == f || v == DType.BOOL);
        case ARGMAX, ARGMIN -> v == f;
        default -> false;
      };
      if (!ok) {
        return null;
      }
      boolean arg = ReduceAccumulators.isArg(r.combiner());
      DType result = arg ? indexType(k, ri) : v;
      if (arg && (result == null || result.isFloating() || result == DType.BOOL
          || result == DType.UINT64)) {
        return null;
      }
      anyArg |= arg;
      // Vector reduction bodies fold float32/float64/int32 lanes into the value's own array;
      // narrower types accumulate in a wider scratch (ReduceAccumulators) with scalar code.
      nativeOnly &= v == f && (f == DType.FLOAT32 || f == DType.FLOAT64 || f == DType.INT32)
          && switch (r.combiner()) {
            case REDUCE_SUM, REDUCE_PROD, REDUCE_MAX, REDUCE_MIN, ARGMAX, ARGMIN -> true;
            default -> false;
          };
      accTypes.add(ReduceAccumulators.accType(r.combiner(), v, result));
      resultTypes.add(result);
    }
    boolean epilogueOk = k.epilogue().isEmpty()
        || floatType(k.epilogue()) == f && scalarOk(k.epilogue(), f);
    for (Kernel.Store st : k.epilogueStores()) {
      epilogueOk &= k.epilogue().get(st.node()).dtype() == f;
    }
    // An epilogue over other dtypes (the mean of ints, max(x) + argmax(x)): mixed scalar code.
    boolean epilogueMixed = !epilogueOk && !k.epilogue().isEmpty()
        && MixedScalar.accepts(k.epilogue());
    epilogueOk |= epilogueMixed;
    int[] dims = k.space().dims();
    boolean[] reduced = new boolean[dims.length];
    for (int a : k.reduceAxes()) {
      reduced[a] = true;
    }
    Layout lay = layout(nodes, dims, Affine.rowMajor(dims, reduced), -1, k.space());
    if (lay == null) {
      return null;
    }
    int acc = lay.segments.c0.length - 1;
    long accStride = lay.segments.innerStride[acc];
    boolean row = accStride == 0;
    if (!row && accStride != 1) {
      return null;
    }
    // Arg-reductions over other axes: serial scalar code counting each output's points.
    nativeOnly &= row || !anyArg;
    Shape outSpace = k.outputSpace();
    LoopBody epi = null;
    Segments epiSeg = null;
    ReferenceEpilogue refEpi = null;
    if (!k.epilogue().isEmpty() && !epilogueOk) {
      List<ShapedArray> outAvals = new ArrayList<>();
      for (int v : k.outputs()) {
        outAvals.add(program.values().get(v).aval());
      }
      List<ShapedArray> inAvals = new ArrayList<>();
      for (int v : k.inputs()) {
        inAvals.add(program.values().get(v).aval());
      }
      refEpi = new ReferenceEpilogue(k, inAvals, resultTypes, outAvals);
    } else if (!k.epilogue().isEmpty()) {
      int[] od = outSpace.dims();
      IndexRewrite main = rewrite;
      rewrite = null;
      Layout el = layout(k.epilogue(), od, Affine.rowMajor(od, null), k.inputs().size(),
          outSpace);
      rewrite = main;
      if (el == null) {
        return null;
      }
      BodySpec es = new BodySpec(className(k, "_epilogue"), sourceFile, line(k), f,
          k.epilogue(), el.slotOfNode, el.slotArg, el.strides, k.epilogueStores(),
          k.outputs().size(), List.of(), false,
          !epilogueMixed && el.vector && vectorOk(k.epilogue(), f), List.of(), epilogueMixed);
      epi = (LoopBody) KernelClasses.define(es, dump);
      epiSeg = el.segments;
    }
    BodySpec spec = new BodySpec(className(k, ""), sourceFile, line(k), f, nodes,
        lay.slotOfNode, lay.slotArg, lay.strides, List.of(), 0, reductions, row,
        !mixed && lay.vector && nativeOnly && vectorOk(nodes, f), accTypes, mixed);
    ReduceBody body = (ReduceBody) KernelClasses.define(spec, dump);
    RowTiling tiling = row || !spec.vector() ? null
        : RowTiling.of(lay.segments, lay.slotArg, args(lay.slotArg), true);
    List<DType> valueTypes = new ArrayList<>();
    for (Kernel.Reduction r : reductions) {
      valueTypes.add(nodes.get(r.node()).dtype());
    }
    return new ReduceStep(body, lay.segments, row, f, reductions, accTypes, resultTypes,
        valueTypes,
        Math.toIntExact(outSpace.size()), ids(k.inputs()), ids(k.outputs()), epi, epiSeg,
        refEpi, rewrite, tiling);
  }

  /** Load slots, their affine maps and the segment walk of an op graph over {@code dims}. */
  private record Layout(int[] slotOfNode, int[] slotArg, long[] strides, Segments segments,
      boolean vector) {}

  /**
   * The layout of {@code nodes} over a space of {@code dims}; {@code out} is the output (or
   * accumulator) map. {@code reducedBase} is where an epilogue's reduced values start in its
   * inputs (-1 for a main body).
   */
  private Layout layout(List<Node> nodes, int[] dims, Affine out, int reducedBase, Shape space) {
    int[] slotOfNode = new int[nodes.size()];
    List<Integer> slotArg = new ArrayList<>();
    List<Affine> maps = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      slotOfNode[i] = -1;
      if (n.op() == KernelOp.LOAD) {
        // Inputs are indexed by the kernel's input positions; their shapes come from the program.
        long[] strides = inputShape(n, nodes, space).strides();
        Affine a = Affine.of(n.index(), strides, dims.length);
        if (a == null) {
          return null;
        }
        slotOfNode[i] = maps.size();
        maps.add(a);
        slotArg.add(n.input());
      } else if (n.op() == KernelOp.REDUCED) {
        if (reducedBase < 0) {
          return null;
        }
        slotOfNode[i] = maps.size();
        maps.add(Affine.rowMajor(dims, null));
        slotArg.add(reducedBase + n.param());
      }
    }
    maps.add(out);
    Segments seg = new Segments(dims, maps);
    long[] strides = new long[slotArg.size()];
    boolean vector = simd && !simdOff;
    for (int l = 0; l < strides.length; l++) {
      strides[l] = seg.innerStride[l];
      vector &= strides[l] == 0 || strides[l] == 1;
      if (Math.abs(strides[l]) > Integer.MAX_VALUE) {
        return null;
      }
    }
    return new Layout(slotOfNode, slotArg.stream().mapToInt(Integer::intValue).toArray(),
        strides, seg, vector);
  }

  private Kernel current;

  private Shape inputShape(Node n, List<Node> nodes, Shape space) {
    if (splitInputs >= 0 && n.input() >= splitInputs) {
      return space;
    }
    if (rewrite != null) {
      return rewrite.inputShape(n.input(), inputShapes(current), space);
    }
    return program.values().get(current.inputs().get(n.input())).aval().shape();
  }

  /** Compiles every kernel of the program. */
  List<Step> compileAll() {
    List<Step> steps = new ArrayList<>();
    for (Kernel k : program.kernels()) {
      current = k;
      steps.add(compile(k));
    }
    return steps;
  }

  /**
   * Whether every node of a graph over {@code f} has a vector form: float32, float64, int32, and
   * the 8- and 16-bit integers on {@code ByteVector}/{@code ShortVector} (whose lane arithmetic
   * wraps exactly as the scalar code's wrap after every op; unsigned types compare, max, min and
   * clamp with the unsigned operators), and all-bool graphs on 0/1 {@code ByteVector} lanes.
   */
  private static boolean vectorOk(List<Node> nodes, DType f) {
    boolean narrow = f == DType.INT8 || f == DType.UINT8 || f == DType.INT16
        || f == DType.UINT16;
    if (f == DType.BOOL) {
      // All-bool kernels: every op boolOk accepts has a form on 0/1 ByteVector lanes.
      return boolOk(nodes);
    }
    if (f != DType.FLOAT32 && f != DType.FLOAT64 && f != DType.INT32 && !narrow) {
      return false;
    }
    boolean unsigned = f == DType.UINT8 || f == DType.UINT16;
    for (Node n : nodes) {
      if (unsigned && n.op() == KernelOp.ABS) {
        // |x| of an unsigned value is x; ByteVector/ShortVector.abs reads the lanes as signed.
        return false;
      }
      if (f == DType.INT32 || narrow ? !OpTable.intVector(n.op())
          : OpTable.vector(n.op()).kind() == OpTable.VectorKind.NONE) {
        return false;
      }
    }
    return true;
  }

  /**
   * The single value dtype (a float, int32, or uint32 or an 8- or 16-bit integer: scalar
   * code only) of a
   * graph's non-bool nodes, or null.
   */
  private static DType floatType(List<Node> nodes) {
    DType f = null;
    for (Node n : nodes) {
      DType d = n.dtype();
      if (d == DType.BOOL) {
        continue;
      }
      if (!d.isFloating() && d != DType.INT32 && d != DType.UINT32
          && !BodyWriter.narrowInt(d)) {
        return null;
      }
      if (f != null && f != d) {
        return null;
      }
      f = d;
    }
    return f;
  }

  /**
   * Whether a graph is all bool and every op has a scalar form on bools held as 0 or 1 in an
   * int: the logical ops, compares, max/min and select.
   */
  private static boolean boolOk(List<Node> nodes) {
    for (Node n : nodes) {
      if (n.dtype() != DType.BOOL) {
        return false;
      }
      boolean ok = switch (n.op()) {
        case LOAD, CONST, AND, OR, XOR, NOT, EQ, NE, LT, LE, GT, GE, MAX, MIN -> true;
        case SELECT -> n.args().size() == 3;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether every node has a scalar form on {@code f} (bools only from compares). */
  private static boolean scalarOk(List<Node> nodes, DType f) {
    for (Node n : nodes) {
      boolean ints = f == DType.INT32 || f == DType.UINT32 || BodyWriter.narrowInt(f);
      OpTable.Scalar s = f == DType.UINT32 ? OpTable.uintScalar(n.op())
          : ints ? OpTable.intScalar(n.op()) : OpTable.scalar(n.op());
      boolean special = n.op() == KernelOp.SQUARE || n.op() == KernelOp.INTEGER_POW
          || ints && n.op() == KernelOp.NOT;
      if (s.kind() == OpTable.ScalarKind.NONE && !special) {
        return false;
      }
      if (n.op() == KernelOp.LOAD && n.dtype() != f) {
        return false;
      }
      boolean boolConst = n.op() == KernelOp.CONST && n.dtype() == DType.BOOL;
      if ((n.dtype() == DType.BOOL) != (OpTable.yieldsBool(n.op()) || boolConst)) {
        return false;
      }
      if (OpTable.yieldsBool(n.op()) && nodes.get(n.args().get(0)).dtype() != f) {
        return false;
      }
      if (n.op() == KernelOp.SELECT && (n.args().size() != 3
          || nodes.get(n.args().get(0)).dtype() != DType.BOOL)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index dtype of arg-reduction {@code r} of {@code k}: its output's, or, when only the
   * epilogue reads it, that of the epilogue's leaf reading it (null when nothing reads it).
   */
  private DType indexType(Kernel k, int r) {
    Kernel.Reduction red = k.reductions().get(r);
    if (red.output() >= 0) {
      return program.values().get(k.outputs().get(red.output())).aval().dtype();
    }
    for (Node n : k.epilogue()) {
      if (n.op() == KernelOp.REDUCED && n.param() == r) {
        return n.dtype();
      }
    }
    return null;
  }

  /** How many arguments load slots index: one past the largest. */
  private static int args(int[] slotArg) {
    int n = 0;
    for (int a : slotArg) {
      n = Math.max(n, a + 1);
    }
    return n;
  }

  private static int line(Kernel k) {
    return k.eqns().isEmpty() ? 1 : k.eqns().get(0) + 1;
  }

  private static int[] ids(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private ShapedArray[] avals(List<Integer> l) {
    ShapedArray[] a = new ShapedArray[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = program.values().get(l.get(i)).aval();
    }
    return a;
  }
}
