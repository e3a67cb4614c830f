package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/** The control-flow family is registered with every rule. */
class ControlFlowRegistryTest {
  @Test
  void condWhileAndScanAreRegisteredWithAllRules() {
    List<String> names = LaxPrimitives.all().stream()
        .filter(p -> p.family().equals("control_flow")).map(Primitive::name).sorted().toList();
    assertEquals(List.of("cond", "scan", "while"), names);
    for (String n : names) {
      Primitive p = Primitive.lookup(n);
      assertNotNull(p.abstractEvalRule(), n);
      assertNotNull(p.implRule(), n);
      assertTrue(p.multipleResults(), n);
    }
  }
}
