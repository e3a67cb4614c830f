package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code concatenate} as a library step copying rows into its planned buffer, against the
 * interpreter: every dtype, every axis of a 3-d operand, empty operands.
 */
class LibraryConcatenateTest {

  /** Values in {@code d} itself (64-bit dtypes included), from varied float32 values. */
  static Array typed(DType d, int... shape) {
    Array f = GeneratedControlFlowTest.f32(shape);
    HostBuffer h = HostBuffer.allocate(d, f.size());
    for (int i = 0; i < f.size(); i++) {
      h.setDouble(i, f.host().getDouble(i) * 3);
    }
    return Array.wrap(ShapedArray.of(d, shape), h);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
      "uint32", "uint64", "bfloat16", "float16", "float32", "float64"})
  void everyDtypeEveryAxis(String name) {
    DType d = DType.fromName(name);
    for (int axis = 0; axis < 3; axis++) {
      int[] sa = {2, 3, 4};
      int[] sb = {2, 3, 4};
      int[] sc = {2, 3, 4};
      sb[axis] = 1;
      sc[axis] = 0;
      Array a = typed(d, sa);
      Array b = typed(d, sb);
      Array c = typed(d, sc);
      int ax = axis;
      ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y, NDArray z) ->
          Lax.concatenate(ax, x, y, z, x)).apply(a, b, c);
      CpuProgram prog = CpuProgram.compile(p, "concat", CpuBackend.simdAvailable());
      assertEquals("k0_concatenate_" + d.shortName() + ": library\n", prog.report());
      List<Array> args = List.of(a, b, c);
      Array want = JaxprInterpreter.eval(p, args).get(0);
      Array got = prog.execute(args).get(0);
      assertNull(GeneratedControlFlowTest.difference(want, got), name + " axis " + axis);
    }
  }
}
