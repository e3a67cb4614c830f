package org.jaxpresso.jit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.junit.jupiter.api.Test;

/**
 * Differential testing: {@link #programs()} random programs ({@link RandomProgram}, seeds 1 to
 * n, deterministic) run eagerly through the reference ({@link JaxprInterpreter}) and compiled
 * by the backend; exact outputs must agree bit for bit, inexact ones within {@link
 * RandomProgram#tolerance}. A mismatch fails with the seed and the program printed (regenerate
 * it with {@code RandomProgram.generate(seed)}).
 *
 * <p>Known bugs ({@link #knownBugSeeds()}) must still fail, each reproduced by a {@code
 * *KnownBugTest} kept out of the default run.
 */
public abstract class DifferentialSuite {
  /**
   * The backend under test.
   *
   * @return the backend
   */
  protected abstract ConformanceBackend backend();

  /**
   * How many programs to run.
   *
   * @return the number of seeds, starting at 1
   */
  protected int programs() {
    return 2000;
  }

  /**
   * Seeds that fail because of known bugs, mapped to the test class reproducing each.
   *
   * @return the known failing seeds; empty by default
   */
  protected Map<Long, String> knownBugSeeds() {
    return Map.of();
  }

  /**
   * Why {@code got} differs from {@code want} beyond what {@code o} allows, or null.
   *
   * @param want the reference output
   * @param got the backend's output
   * @param o the output's comparison
   * @return the first mismatch, or null
   */
  public static String difference(Array want, Array got, RandomProgram.Output o) {
    if (o.exact() || !want.dtype().isFloating()) {
      return Tolerance.EXACT.difference(want, got);
    }
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval().str() + " instead of " + want.aval().str();
    }
    DType d = want.dtype();
    double tol = RandomProgram.tolerance(d);
    for (int k = 0; k < want.size(); k++) {
      double w = want.host().getDouble(k);
      double g = got.host().getDouble(k);
      boolean ok = Double.isNaN(w) ? Double.isNaN(g) : Double.isInfinite(w) ? w == g
          : Math.abs(w - g) <= tol * Math.max(1, Math.max(Math.abs(w), o.bound()));
      if (!ok) {
        return "element " + k + " is " + g + " instead of " + w + " (inexact, bound "
            + o.bound() + ", tolerance " + tol + ")";
      }
    }
    return null;
  }

  @Test
  void randomProgramsAgreeWithTheReference() {
    ConformanceBackend b = backend();
    long cpu0 = CpuTime.nanos();
    Set<Long> knownSeen = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    int outputs = 0;
    int exactOutputs = 0;
    Set<DType> dtypes = new TreeSet<>();
    for (long seed = 1; seed <= programs(); seed++) {
      RandomProgram p;
      try {
        p = RandomProgram.generate(seed);
      } catch (RuntimeException e) {
        throw new AssertionError("generating program " + seed + " failed", e);
      }
      List<Array> want = JaxprInterpreter.eval(p.program(), p.args());
      String problem = null;
      try {
        List<Array> got = b.compile(p.program(), "diff").execute(p.args());
        for (int i = 0; i < want.size() && problem == null; i++) {
          String d = difference(want.get(i), got.get(i), p.outputs().get(i));
          if (d != null) {
            problem = "output " + i + ": " + d + "\nwant " + want.get(i).repr() + "\ngot  "
                + got.get(i).repr();
          }
          outputs++;
          exactOutputs += p.outputs().get(i).exact() ? 1 : 0;
          dtypes.add(want.get(i).dtype());
        }
      } catch (RuntimeException | AssertionError e) {
        problem = "threw " + e;
      }
      if (problem == null) {
        continue;
      }
      if (knownBugSeeds().containsKey(seed)) {
        knownSeen.add(seed);
        continue;
      }
      failures.add("seed " + seed + " on " + b.name() + ": " + problem + "\nprogram:\n"
          + p.program() + "args: " + p.args());
      if (failures.size() >= 5) {
        break;
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " random programs differ (first five shown):\n"
          + String.join("\n\n", failures));
    }
    Set<Long> stale = new TreeSet<>(knownBugSeeds().keySet());
    stale.removeAll(knownSeen);
    assertEquals(Set.of(), stale, "known bug seeds that pass now: remove them");
    System.out.println("differential on " + b.name() + ": " + programs() + " programs, "
        + outputs + " outputs (" + exactOutputs + " exact), dtypes " + dtypes
        + String.format(", %.1f s of process CPU", (CpuTime.nanos() - cpu0) / 1e9));
    assertTrue(exactOutputs > outputs / 3, "most outputs should be compared bit for bit");
    b.finish();
  }
}
