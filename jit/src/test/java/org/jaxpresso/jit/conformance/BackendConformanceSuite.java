package org.jaxpresso.jit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.CompilerTesting;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The backend conformance suite. A backend's test class extends it and names the backend;
 * the suite then runs, for every registered primitive (see {@link ConformanceCases}) and every
 * dtype it accepts, small programs of 0-d, empty, broadcast-edge and ordinary shapes through
 * the backend and compares every output with the reference implementation ({@link
 * JaxprInterpreter}) within the backend's tolerance ({@link Tolerances} by default), and runs
 * the structural cases of {@link FusionCases} (the fusion plan's kernels, then the results).
 *
 * <p>A backend may declare known bugs ({@link #knownBugs()}): those (primitive, dtype) pairs
 * must still fail, each reproduced by a {@code *KnownBugTest} kept out of the default run; one
 * that passes fails the suite so that the list cannot go stale.
 */
public abstract class BackendConformanceSuite {
  private int programs;
  private int outputs;
  private int sampledOut;
  private final Set<String> knownSeen = new TreeSet<>();

  /**
   * The backend under test.
   *
   * @return the backend
   */
  protected abstract ConformanceBackend backend();

  /**
   * Whether to run {@code c}; all cases by default. A slow backend (an interpreter) may run a
   * documented sample in the default build and everything on request; the summary line counts
   * what was left out.
   *
   * @param c a case
   * @return whether to run it
   */
  protected boolean includes(ConformanceCase c) {
    return true;
  }

  /**
   * Known bugs of this backend: keys {@code "primitive dtype"} (dtype short name, e.g. {@code
   * "exp f16"}) mapped to the test class reproducing the bug.
   *
   * @return the known bugs; empty by default
   */
  protected Map<String, String> knownBugs() {
    return Map.of();
  }

  @Test
  void everyRegisteredPrimitiveHasACase() {
    assertEquals(Map.of(), ConformanceCases.missing(),
        "registered primitives without a conformance case");
  }

  /**
   * One test per registered primitive running its cases on the backend, then the backend's
   * deferred checks and a summary.
   *
   * @return the dynamic tests
   */
  @TestFactory
  Stream<DynamicTest> everyPrimitiveOnEveryAcceptedDtype() {
    ConformanceBackend b = backend();
    long cpu0 = CpuTime.nanos();
    List<DynamicTest> tests = new ArrayList<>();
    for (String p : ConformanceCases.primitives()) {
      tests.add(dynamicTest(p, () -> runPrimitive(b, p)));
    }
    tests.add(dynamicTest("deferred checks of " + b.name(), b::finish));
    tests.add(dynamicTest("known bugs still fail", () -> {
      Set<String> stale = new TreeSet<>(knownBugs().keySet());
      stale.removeAll(knownSeen);
      assertEquals(Set.of(), stale, "known bugs that no longer fail on " + b.name()
          + ": remove them from knownBugs()");
      System.out.println("conformance on " + b.name() + ": " + programs + " programs, "
          + outputs + " outputs compared, " + sampledOut + " programs left out, known bugs "
          + knownSeen + String.format(", %.1f s of process CPU", (CpuTime.nanos() - cpu0)
          / 1e9));
    }));
    return tests.stream();
  }

  private void runPrimitive(ConformanceBackend b, String primitive) {
    List<ConformanceCase> cases = ConformanceCases.of(primitive);
    if (cases == null || cases.isEmpty()) {
      fail("no conformance case for " + primitive);
    }
    List<String> failures = new ArrayList<>();
    int ran = 0;
    for (ConformanceCase c : cases) {
      if (!includes(c)) {
        sampledOut++;
        continue;
      }
      ran++;
      String key = primitive + " " + c.dtype().shortName();
      String problem = check(b, primitive, c.label(), c.program(), c.args());
      programs++;
      if (problem == null) {
        continue;
      }
      if (knownBugs().containsKey(key)) {
        knownSeen.add(key);
        continue;
      }
      failures.add(c.name() + ": " + problem);
    }
    if (ran == 0) {
      fail("no case of " + primitive + " ran on " + b.name());
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + ran + " cases of " + primitive + " fail on "
          + b.name() + ":\n" + String.join("\n", failures));
    }
  }

  /**
   * Runs {@code program} on the backend and compares it with the reference.
   *
   * @return null, or what went wrong with the program printed
   */
  private String check(ConformanceBackend b, String tolerancePrimitive, String label,
      ClosedJaxpr program, List<Array> args) {
    List<Array> want = JaxprInterpreter.eval(program, args);
    List<Array> got;
    try {
      got = b.compile(program, "conf").execute(args);
    } catch (RuntimeException | AssertionError e) {
      return "threw " + e + "\n" + program + "args: " + args;
    }
    if (got.size() != want.size()) {
      return got.size() + " outputs instead of " + want.size();
    }
    for (int i = 0; i < want.size(); i++) {
      outputs++;
      Tolerance t = b.tolerance(tolerancePrimitive, want.get(i).dtype());
      String d = t.difference(want.get(i), got.get(i));
      if (d != null) {
        return "output " + i + " " + d + "\nwant " + want.get(i).repr() + "\ngot  "
            + got.get(i).repr() + "\nprogram:\n" + program + "args: " + args;
      }
    }
    return null;
  }

  /**
   * The structural cases: the fusion plan has the documented kernels, and the backend's
   * results agree with the reference.
   *
   * @return one test per structural case
   */
  @TestFactory
  Stream<DynamicTest> fusionPlans() {
    ConformanceBackend b = backend();
    return FusionCases.all().stream().map(c -> dynamicTest(c.name() + " on "
        + c.dtype().shortName(), () -> {
          FusionPlan plan = CompilerTesting.fusionPlan(c.program());
          List<Kernel.Kind> kinds = plan.groups().stream().map(FusionPlan.Group::kind).toList();
          assertEquals(c.kinds(), kinds, () -> "fusion plan of\n" + c.program() + plan);
          CompilerTesting.assertKernelCount(c.program(), c.kinds().size());
          String problem = check(b, c.tolerance(), c.name(), c.program(), c.args());
          if (problem != null) {
            fail(problem);
          }
        }));
  }
}
