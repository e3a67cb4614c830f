package org.jaxpresso.jit.compiler.fusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.compiler.kir.Kernel;

/**
 * Groups a program's equations into kernels. Equations are visited from last to first; each
 * one either starts a kernel (becomes a root, its results written to buffers) or is fused into
 * the kernels of its consumers, which then recompute it per element:
 *
 * <ol>
 *   <li>{@link OpClass#LIBRARY} and {@link OpClass#REDUCTION} equations are always roots.
 *   <li>A fusible (elementwise or index-map) equation is a root when its result is a program
 *       output, has no reader, or is read by a library kernel (library operands are buffers).
 *   <li>Otherwise it is fused into every kernel that reads it, when that is one kernel; when
 *       several kernels read it, it is recomputed in each if it is {@linkplain OpClass#cheap
 *       cheap} (index maps, add, compare, select, convert...) or if at most {@link
 *       #MAX_EXPENSIVE_DUPLICATES} kernels read it; else it is a root, computed once.
 *   <li>An expensive equation (not cheap) is never fused into a kernel whose index space has
 *       more elements than its result: a broadcast would recompute it per copy. The exception
 *       is an operand of {@code concatenate}s only (a fused concatenate computes each operand at
 *       every point of its space), fused when the kernel's space has at most {@link
 *       #MAX_CONCAT_RECOMPUTE_FACTOR} times its result's elements.
 *   <li>A loop kernel that would compute a {@code concatenate} alone (nothing fused into it,
 *       its result not fused into a reader) stays a library copy: as a loop it would read every
 *       operand at every point.
 * </ol>
 *
 * <p>Then reduction kernels over the same space and axes that read a common value and do not
 * depend on each other merge into one multi-output kernel (sibling fusion: {@code mean} and
 * {@code max} of the same array read it once). Then a loop kernel over a reduction's output
 * shape that reads the reduction's results only elementwise (no index map between them and the
 * loop's root) becomes the reduction kernel's epilogue, computed per output element once the
 * reduction is done ({@code sum / n} of a mean); likewise a loop that reads another loop's
 * results elementwise over the same space joins it (one loop, several stores: {@code s = sin(x)}
 * returned together with {@code s * s}). Neither happens when a kernel the loop reads depends on
 * the other kernel. A result only its own kernel reads is then not written. Kernels are ordered
 * so that each runs after those whose results it reads, otherwise by the position of their last
 * root.
 */
public final class FusionPlanner {
  /** How many kernels may each recompute an expensive shared value before it is materialized. */
  public static final int MAX_EXPENSIVE_DUPLICATES = 2;

  /**
   * How many times larger than an expensive equation's result a kernel's space may be when
   * the equation's only readers are {@code concatenate}s fused into that kernel (which evaluate
   * it at every point of the space, discarding the values outside its own range).
   */
  public static final int MAX_CONCAT_RECOMPUTE_FACTOR = 2;

  private FusionPlanner() {}

  /** A group while planning. */
  private static final class Draft {
    final Kernel.Kind kind;
    final TreeSet<Integer> eqns = new TreeSet<>();
    final TreeSet<Integer> roots = new TreeSet<>();
    final Shape space;
    final List<Integer> axes;

    Draft(Kernel.Kind kind, Shape space, List<Integer> axes) {
      this.kind = kind;
      this.space = space;
      this.axes = axes;
    }
  }

  /**
   * The fusion plan of {@code program}.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @return the fusion plan of {@code program}
   */
  public static FusionPlan plan(ClosedJaxpr program) {
    Jaxpr j = program.jaxpr();
    List<Eqn> eqns = j.eqns();
    Map<Var, List<Integer>> consumers = new IdentityHashMap<>();
    for (int i = 0; i < eqns.size(); i++) {
      for (Atom a : eqns.get(i).inputs()) {
        if (a instanceof Var v) {
          consumers.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
        }
      }
    }
    Set<Var> outputs = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : j.outvars()) {
      if (a instanceof Var v) {
        outputs.add(v);
      }
    }
    List<Draft> drafts = new ArrayList<>();
    List<Set<Integer>> groupsOf = new ArrayList<>(Collections.nCopies(eqns.size(), null));
    for (int i = eqns.size() - 1; i >= 0; i--) {
      Eqn e = eqns.get(i);
      OpClass c = OpClass.of(e);
      Set<Integer> target = c.fusible()
          ? fuseTargets(eqns, e, consumers, outputs, groupsOf, drafts) : null;
      if (target == null) {
        Draft d = newDraft(e, c);
        d.eqns.add(i);
        d.roots.add(i);
        drafts.add(d);
        groupsOf.set(i, Set.of(drafts.size() - 1));
      } else {
        for (int g : target) {
          drafts.get(g).eqns.add(i);
        }
        groupsOf.set(i, target);
      }
    }
    keepLoneConcatenatesLibrary(eqns, drafts);
    mergeSiblingReductions(program, drafts);
    mergeEpilogues(program, drafts);
    List<Draft> ordered = order(program, drafts);
    // Which drafts read each variable, to decide which root results are written.
    Map<Var, Set<Integer>> readers = new IdentityHashMap<>();
    for (int g = 0; g < ordered.size(); g++) {
      for (int i : ordered.get(g).eqns) {
        for (Atom a : eqns.get(i).inputs()) {
          if (a instanceof Var v) {
            readers.computeIfAbsent(v, k -> new TreeSet<>()).add(g);
          }
        }
      }
    }
    List<FusionPlan.Group> groups = new ArrayList<>();
    for (int g = 0; g < ordered.size(); g++) {
      Draft d = ordered.get(g);
      groups.add(new FusionPlan.Group(d.kind, new ArrayList<>(d.eqns), new ArrayList<>(d.roots),
          d.space, d.axes, inputs(eqns, d), outputs(eqns, d, g, readers, outputs)));
    }
    return new FusionPlan(program, groups);
  }

  private static List<Var> inputs(List<Eqn> eqns, Draft d) {
    Set<Var> defined = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i : d.eqns) {
      defined.addAll(eqns.get(i).outputs());
    }
    Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> order = new ArrayList<>();
    for (int i : d.eqns) {
      for (Atom a : eqns.get(i).inputs()) {
        if (a instanceof Var v && !defined.contains(v) && seen.add(v)) {
          order.add(v);
        }
      }
    }
    return order;
  }

  private static List<Var> outputs(List<Eqn> eqns, Draft d, int g,
      Map<Var, Set<Integer>> readers, Set<Var> programOutputs) {
    List<Var> out = new ArrayList<>();
    for (int r : d.roots) {
      for (Var v : eqns.get(r).outputs()) {
        Set<Integer> by = readers.getOrDefault(v, Set.of());
        boolean readElsewhere = by.size() > (by.contains(g) ? 1 : 0);
        if (d.kind == Kernel.Kind.LIBRARY || programOutputs.contains(v) || readElsewhere) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** The groups {@code e} fuses into, or null when it must be a root. */
  private static Set<Integer> fuseTargets(List<Eqn> eqns, Eqn e,
      Map<Var, List<Integer>> consumers,
      Set<Var> outputs, List<Set<Integer>> groupsOf, List<Draft> drafts) {
    if (e.outputs().size() != 1) {
      return null;
    }
    Var out = e.outputs().get(0);
    List<Integer> readers = consumers.get(out);
    if (outputs.contains(out) || readers == null) {
      return null;
    }
    TreeSet<Integer> target = new TreeSet<>();
    for (int r : readers) {
      for (int g : groupsOf.get(r)) {
        if (drafts.get(g).kind == Kernel.Kind.LIBRARY) {
          return null;
        }
        target.add(g);
      }
    }
    boolean cheap = OpClass.cheap(e);
    if (!cheap) {
      if (target.size() > MAX_EXPENSIVE_DUPLICATES) {
        return null;
      }
      boolean concatOnly = true;
      for (int r : readers) {
        concatOnly &= eqns.get(r).primitive().name().equals("concatenate");
      }
      long allowed = concatOnly ? (long) MAX_CONCAT_RECOMPUTE_FACTOR * out.aval().size()
          : out.aval().size();
      for (int g : target) {
        if (drafts.get(g).space.size() > allowed) {
          return null;
        }
      }
    }
    return target;
  }

  /** Turns each loop draft that is a lone {@code concatenate} into a library draft. */
  private static void keepLoneConcatenatesLibrary(List<Eqn> eqns, List<Draft> drafts) {
    for (int g = 0; g < drafts.size(); g++) {
      Draft d = drafts.get(g);
      if (d.kind == Kernel.Kind.LOOP && d.eqns.size() == 1
          && eqns.get(d.eqns.first()).primitive().name().equals("concatenate")) {
        Draft lib = new Draft(Kernel.Kind.LIBRARY, d.space, List.of());
        lib.eqns.addAll(d.eqns);
        lib.roots.addAll(d.roots);
        drafts.set(g, lib);
      }
    }
  }

  private static Draft newDraft(Eqn e, OpClass c) {
    return switch (c) {
      case REDUCTION -> {
        int[] axes = e.params().ints("axes");
        Arrays.sort(axes);
        List<Integer> list = new ArrayList<>();
        for (int a : axes) {
          list.add(a);
        }
        yield new Draft(Kernel.Kind.REDUCE, e.inputs().get(0).aval().shape(), list);
      }
      case LIBRARY -> new Draft(Kernel.Kind.LIBRARY,
          e.outputs().isEmpty() ? Shape.SCALAR : e.outputs().get(0).aval().shape(), List.of());
      case ELEMENTWISE, INDEX_MAP ->
          new Draft(Kernel.Kind.LOOP, e.outputs().get(0).aval().shape(), List.of());
    };
  }

  /**
   * The dependencies between drafts at one moment: direct ones (a draft reads a root result of
   * another), their transitive closure, and the variables each draft reads.
   */
  private static final class Graph {
    final List<Set<Integer>> direct = new ArrayList<>();
    final List<BitSet> closure = new ArrayList<>();
    final List<Set<Var>> reads = new ArrayList<>();

    Graph(ClosedJaxpr program, List<Draft> drafts) {
      List<Eqn> eqns = program.jaxpr().eqns();
      Map<Var, Integer> producer = new IdentityHashMap<>();
      for (int k = 0; k < drafts.size(); k++) {
        for (int r : drafts.get(k).roots) {
          for (Var v : eqns.get(r).outputs()) {
            producer.put(v, k);
          }
        }
      }
      for (int g = 0; g < drafts.size(); g++) {
        Set<Integer> out = new TreeSet<>();
        Set<Var> read = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i : drafts.get(g).eqns) {
          for (Atom a : eqns.get(i).inputs()) {
            if (a instanceof Var v) {
              read.add(v);
              Integer p = producer.get(v);
              if (p != null && p != g) {
                out.add(p);
              }
            }
          }
        }
        direct.add(out);
        reads.add(read);
        closure.add(null);
      }
      for (int g = 0; g < drafts.size(); g++) {
        close(g);
      }
    }

    private BitSet close(int g) {
      BitSet c = closure.get(g);
      if (c != null) {
        return c;
      }
      c = new BitSet();
      closure.set(g, c);
      for (int d : direct.get(g)) {
        c.set(d);
        c.or(close(d));
      }
      return c;
    }

    /** Whether draft {@code a} reads, directly or not, a result of draft {@code b}. */
    boolean dependsOn(int a, int b) {
      return closure.get(a).get(b);
    }

    /** Marks {@code a}, {@code b} and every draft that depends on either. */
    void touch(BitSet touched, int a, int b) {
      touched.set(a);
      touched.set(b);
      for (int g = 0; g < closure.size(); g++) {
        if (closure.get(g).get(a) || closure.get(g).get(b)) {
          touched.set(g);
        }
      }
    }

    /** Whether drafts {@code a} and {@code b} read a common variable. */
    boolean shareInput(int a, int b) {
      for (Var v : reads.get(a)) {
        if (reads.get(b).contains(v)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Moves loop kernels into the kernel whose results they read elementwise over the same index
   * space: a reduction's results (the loop becomes the reduction's epilogue) or another loop's
   * (one loop with several stores). Each round merges every independent candidate, then
   * recomputes the dependency graph: a merge changes the dependencies of the two drafts and of
   * everything that depends on them, so those wait for the next round.
   */
  private static void mergeEpilogues(ClosedJaxpr program, List<Draft> drafts) {
    List<Eqn> eqns = program.jaxpr().eqns();
    boolean merged = true;
    while (merged) {
      merged = false;
      Graph graph = new Graph(program, drafts);
      BitSet touched = new BitSet();
      BitSet removed = new BitSet();
      for (int l = 0; l < drafts.size(); l++) {
        Draft loop = drafts.get(l);
        Set<Integer> deps = graph.direct.get(l);
        if (loop.kind != Kernel.Kind.LOOP || touched.get(l) || anyTouched(deps, touched)) {
          continue;
        }
        for (int r : deps) {
          Draft red = drafts.get(r);
          Shape produced = switch (red.kind) {
            case REDUCE -> outputShape(red);
            case LOOP -> red.space;
            case LIBRARY -> null;
          };
          if (!loop.space.equals(produced) || !elementwiseUse(eqns, loop, red)) {
            continue;
          }
          boolean cycle = false;
          for (int g : deps) {
            cycle |= g != r && graph.dependsOn(g, r);
          }
          if (cycle) {
            continue;
          }
          red.eqns.addAll(loop.eqns);
          red.roots.addAll(loop.roots);
          removed.set(l);
          graph.touch(touched, l, r);
          merged = true;
          break;
        }
      }
      removeAll(drafts, removed);
    }
  }

  private static boolean anyTouched(Set<Integer> groups, BitSet touched) {
    for (int g : groups) {
      if (touched.get(g)) {
        return true;
      }
    }
    return false;
  }

  private static void removeAll(List<Draft> drafts, BitSet removed) {
    for (int i = drafts.size() - 1; i >= 0; i--) {
      if (removed.get(i)) {
        drafts.remove(i);
      }
    }
  }

  private static Shape outputShape(Draft red) {
    int[] dims = red.space.dims();
    int[] kept = new int[dims.length - red.axes.size()];
    for (int d = 0, k = 0; d < dims.length; d++) {
      if (!red.axes.contains(d)) {
        kept[k++] = dims[d];
      }
    }
    return Shape.of(kept);
  }

  /**
   * Whether every value of {@code loop} computed from a root result of {@code producer} is
   * computed elementwise (so the merged kernel reads each result at its own index).
   */
  private static boolean elementwiseUse(List<Eqn> eqns, Draft loop, Draft producer) {
    Set<Var> tainted = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int r : producer.roots) {
      tainted.addAll(eqns.get(r).outputs());
    }
    for (int i : loop.eqns) {
      Eqn e = eqns.get(i);
      boolean reads = false;
      for (Atom a : e.inputs()) {
        reads |= a instanceof Var v && tainted.contains(v);
      }
      if (reads) {
        if (OpClass.of(e) != OpClass.ELEMENTWISE) {
          return false;
        }
        tainted.addAll(e.outputs());
      }
    }
    return true;
  }

  /**
   * Merges independent reductions over the same space and axes that share an input, in rounds
   * as {@link #mergeEpilogues} does.
   */
  private static void mergeSiblingReductions(ClosedJaxpr program, List<Draft> drafts) {
    boolean merged = true;
    while (merged) {
      merged = false;
      Graph graph = new Graph(program, drafts);
      BitSet touched = new BitSet();
      BitSet removed = new BitSet();
      for (int a = 0; a < drafts.size(); a++) {
        for (int b = a + 1; b < drafts.size() && !touched.get(a); b++) {
          Draft x = drafts.get(a);
          Draft y = drafts.get(b);
          if (touched.get(b) || x.kind != Kernel.Kind.REDUCE || y.kind != Kernel.Kind.REDUCE
              || !x.space.equals(y.space) || !x.axes.equals(y.axes) || !graph.shareInput(a, b)
              || graph.dependsOn(a, b) || graph.dependsOn(b, a)) {
            continue;
          }
          x.eqns.addAll(y.eqns);
          x.roots.addAll(y.roots);
          removed.set(b);
          graph.touch(touched, a, b);
          merged = true;
        }
      }
      removeAll(drafts, removed);
    }
  }

  /** The drafts in dependency order, ties broken by the position of their last root. */
  private static List<Draft> order(ClosedJaxpr program, List<Draft> drafts) {
    int n = drafts.size();
    int[] pending = new int[n];
    Graph graph = new Graph(program, drafts);
    List<List<Integer>> users = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      users.add(new ArrayList<>());
    }
    for (int g = 0; g < n; g++) {
      Set<Integer> d = graph.direct.get(g);
      pending[g] = d.size();
      for (int p : d) {
        users.get(p).add(g);
      }
    }
    PriorityQueue<Integer> ready =
        new PriorityQueue<>((x, y) -> Integer.compare(drafts.get(x).roots.last(),
            drafts.get(y).roots.last()));
    for (int g = 0; g < n; g++) {
      if (pending[g] == 0) {
        ready.add(g);
      }
    }
    List<Draft> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      int g = ready.poll();
      out.add(drafts.get(g));
      for (int u : users.get(g)) {
        if (--pending[u] == 0) {
          ready.add(u);
        }
      }
    }
    if (out.size() != n) {
      throw new IllegalStateException("fusion produced a cycle between kernels");
    }
    return out;
  }
}
