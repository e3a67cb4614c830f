package org.jaxpresso.lax;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.ReductionRefCases.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * conv_general_dilated against a direct NumPy loop over explicitly dilated and padded arrays:
 * strides, explicit/SAME/SAME_LOWER/VALID and negative padding, lhs and rhs dilation, layouts,
 * feature (depthwise) and batch groups, 0-D to 3-D spatial, every dtype, preferred types.
 */
class ConvGeneralDilatedOpsTest {
  @TestFactory
  Stream<DynamicTest> convMatchesNumpy() {
    return ReductionRefCases.tests("/ref/reductions_conv.npz", op -> op.equals("conv"),
        ConvGeneralDilatedOpsTest::run,
        ReductionRefCases::summationUlps);
  }

  static Padding padding(String text) {
    return switch (text) {
      case "SAME" -> Lax.SAME;
      case "SAME_LOWER" -> Lax.SAME_LOWER;
      case "VALID" -> Lax.VALID;
      default -> {
        if (text.isEmpty()) {
          yield Lax.padding(new int[0][]);
        }
        String[] pairs = text.split(",");
        int[][] p = new int[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
          String[] lh = pairs[i].split(":");
          p[i] = new int[] {Integer.parseInt(lh[0]), Integer.parseInt(lh[1])};
        }
        yield Lax.padding(p);
      }
    };
  }

  private static List<NDArray> run(Case c) {
    ConvOptions o = ConvOptions.defaults();
    if (c.has("ld")) {
      o = o.lhsDilation(c.ints("ld"));
    }
    if (c.has("rd")) {
      o = o.rhsDilation(c.ints("rd"));
    }
    if (c.has("dn")) {
      String[] dn = c.params().get("dn").split("\\.");
      o = o.dimensionNumbers(dn[0], dn[1], dn[2]);
    }
    if (c.has("g")) {
      o = o.featureGroupCount(c.integer("g"));
    }
    if (c.has("bg")) {
      o = o.batchGroupCount(c.integer("bg"));
    }
    if (c.has("pref")) {
      o = o.preferredElementType(DType.fromName(c.params().get("pref")));
    }
    return List.of(Lax.convGeneralDilated(c.ins().get(0), c.ins().get(1), c.ints("s"),
        padding(c.params().get("pad")), o));
  }
}
