package org.jaxpresso.lax;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every JVP rule against central finite differences in float64 over random inputs (three
 * seeds), linearize against jvp, and every transpose rule by the dot-product test.
 */
class RulesDerivativeTest {
  @BeforeEach
  void x64() {
    Flags.setX64(true);
  }

  @AfterEach
  void reset() {
    Flags.resetX64();
  }

  @TestFactory
  Stream<DynamicTest> jvpMatchesFiniteDifferencesAndVjpTransposesIt() {
    return RulesOpTable.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      for (long seed = 1; seed <= 3; seed++) {
        RulesCheck.checkDerivatives(c.name(), c.f(), c.ins(), seed, c.tol());
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> vmapEqualsStackingOverTheBatch() {
    return RulesOpTable.all().stream().flatMap(c -> {
      int n = c.ins().size();
      Integer[] zeros = new Integer[n];
      Integer[] lastFirstOnly = new Integer[n];
      for (int i = 0; i < n; i++) {
        zeros[i] = c.ins().get(i).fixed() != null
            && !c.ins().get(i).fixed().dtype().isFloating() ? null : 0;
        lastFirstOnly[i] = null;
      }
      lastFirstOnly[0] = c.ins().get(0).shape().length;
      Integer[] lastOnly = new Integer[n];
      int last = n - 1;
      while (last > 0 && c.ins().get(last).fixed() != null) {
        last--;
      }
      lastOnly[last] = 0;
      return Stream.of(
          DynamicTest.dynamicTest(c.name() + " in_axes=(None..., 0)", () ->
              RulesCheck.checkBatching(c.name(), c.f(), c.ins(), lastOnly, 9)),
          DynamicTest.dynamicTest(c.name() + " in_axes=0", () ->
              RulesCheck.checkBatching(c.name(), c.f(), c.ins(), zeros, 7)),
          DynamicTest.dynamicTest(c.name() + " in_axes=(last, None...)", () ->
              RulesCheck.checkBatching(c.name(), c.f(), c.ins(), lastFirstOnly, 8)));
    });
  }

}
