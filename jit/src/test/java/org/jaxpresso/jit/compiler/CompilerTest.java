package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerTest {
  @Test
  void dumpsEveryStageInPipelineOrder(@TempDir Path dir) throws IOException {
    Function<NDArray, NDArray> inner = Jax.jit(Workloads::w1, Jax.name("w1"));
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.add(inner.apply(x), 1.0f))
        .apply(Workloads.f32(4));
    String old = System.getProperty("jaxpresso.dump");
    System.setProperty("jaxpresso.dump", dir.toString());
    try {
      Compiler.compile(p, "outer<f>");
    } finally {
      if (old == null) {
        System.clearProperty("jaxpresso.dump");
      } else {
        System.setProperty("jaxpresso.dump", old);
      }
    }
    Path folder;
    try (Stream<Path> s = Files.list(dir)) {
      folder = s.findFirst().orElseThrow();
    }
    assertTrue(folder.getFileName().toString().matches("\\d{4}-outer_f_"), folder.toString());
    List<String> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("00-jaxpr.txt", "01-inline.txt", "02-fold.txt", "03-cse.txt",
        "04-dce.txt", "05-dot_transpose.txt", "10-fused.txt", "20-kernels.kir",
        "25-buffers.txt"), files);
    assertTrue(Files.readString(folder.resolve("00-jaxpr.txt")).contains("name=w1"));
    assertTrue(Files.readString(folder.resolve("10-fused.txt"))
        .startsWith("fusion plan: 1 kernel for 5 equations"));
  }

  @Test
  void noDumpWithoutTheFlag() {
    assertEquals(false, Dump.none().enabled());
    Dump.none().write("x.txt", "ignored");
  }

  @Test
  void checksFlagVerifiesEveryStage() {
    String old = System.getProperty("jaxpresso.checks");
    System.setProperty("jaxpresso.checks", "true");
    try {
      assertTrue(CompilerFlags.checks());
      ClosedJaxpr p = Jax.makeJaxpr(Workloads::softmax).apply(Workloads.f32(3, 4));
      CompilerTesting.assertSameAsInterpreter(p, List.of(Workloads.f32(3, 4)));
    } finally {
      if (old == null) {
        System.clearProperty("jaxpresso.checks");
      } else {
        System.setProperty("jaxpresso.checks", old);
      }
    }
  }

  @Test
  void executeChecksItsArguments() {
    CompiledProgram c = Compiler.compile(Jax.makeJaxpr(Workloads::w1).apply(Workloads.f32(3)),
        "w1", Dump.none());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> c.execute(List.of()));
    assertEquals("compiled program w1 takes 1 arguments, got 0", count.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> c.execute(List.of(Array.of(new int[] {1, 2, 3}, 3))));
    assertEquals("compiled program w1 argument 0 has type int32[3] but the program expects "
        + "float32[3]", type.getMessage());
  }

  @Test
  void programsWithConstantsLiteralOutputsAndPassThroughInputs() {
    Array table = Array.of(new float[] {1, 2, 3}, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> List.of(x, Lax.mul(x, table),
        Lax.add(Array.scalar(1.0, org.jaxpresso.core.DType.FLOAT32), 2.0f))).apply(table);
    CompiledProgram c = CompilerTesting.assertSameAsInterpreter(p, List.of(table));
    assertTrue(c.execute(List.of(table)).get(0) == table, "inputs pass through unchanged");
  }

  @Test
  void zeroSizedAndScalarPrograms() {
    Array empty = Array.of(new float[0], 0, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> List.of(Lax.sin(x), Lax.reduceSum(x, 0),
        Lax.reduceMax(x, 0, 1))).apply(empty);
    CompilerTesting.assertSameAsInterpreter(p, List.of(empty));
    Array s = Array.scalar(0.5, org.jaxpresso.core.DType.FLOAT32);
    ClosedJaxpr q = Jax.makeJaxpr((NDArray x) -> Lax.reduceSum(Lax.exp(x), new int[0]))
        .apply(s);
    CompilerTesting.assertSameAsInterpreter(q, List.of(s));
  }

  @Test
  void largeProgramsCompileQuickly() {
    Array x = Workloads.f32(8, 8);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray t = a;
      for (int i = 0; i < 150; i++) {
        NDArray s = Lax.reduceSum(Lax.sin(t), i % 2);
        NDArray m = Lax.reduceMax(Lax.sin(t), i % 2);
        NDArray b = Lax.broadcastInDim(Lax.sub(s, m), new int[] {8, 8},
            new int[] {1 - i % 2});
        t = Lax.add(Lax.mul(t, 0.5f), Lax.tanh(b));
      }
      return t;
    }).apply(x);
    long start = System.nanoTime();
    CompiledProgram c = Compiler.compile(p, "large", Dump.none());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 5, "compiling " + p.jaxpr().eqns().size() + " equations took "
        + seconds + " s");
    // Each round: one kernel for the two sibling reductions (with the sub as epilogue), one
    // loop for the update.
    assertEquals(300, c.kernels().kernels().size(), c.fusion().toString());
    CompilerTesting.assertSameAsInterpreter(p, List.of(x));
  }
}
