package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.junit.jupiter.api.io.TempDir;

/** Structure of the generated classes: names, dumps, verification, source attribution. */
class KernelClassesTest {
  private static ClosedJaxpr w1() {
    return Jax.makeJaxpr((NDArray v) -> Lax.mul(Lax.mul(2.0f, Lax.sin(v)), Lax.cos(v)))
        .apply(WorkloadCodegenTest.f32(40));
  }

  @Test
  void classNamesAreDeterministic() {
    CpuProgram p = CpuProgram.compile(w1(), "w1", CpuBackend.simdAvailable());
    Kernel k = p.kernels().kernels().get(0);
    assertEquals("K0000_" + k.name().substring(k.name().indexOf('_') + 1),
        StepCompiler.className(k, ""));
    assertTrue(StepCompiler.className(k, "").matches("K0000_[a-z_0-9]+_f32"),
        StepCompiler.className(k, ""));
    assertEquals("k0_mul_sin_cos_mul_f32: generated\n", p.report().replaceAll(
        "k0_[a-z_]+_f32", "k0_mul_sin_cos_mul_f32"));
  }

  @Test
  void everyGeneratedClassVerifiesAndDumpsWithItsText(@TempDir Path dir) throws Exception {
    ClosedJaxpr softmax = Jax.makeJaxpr((NDArray v) -> {
      NDArray max = Lax.reduceMax(v, 1);
      NDArray e = Lax.exp(Lax.sub(v, Lax.broadcastInDim(max, new int[] {6, 9}, new int[] {0})));
      return Lax.div(e, Lax.broadcastInDim(Lax.reduceSum(e, 1), new int[] {6, 9},
          new int[] {0}));
    }).apply(WorkloadCodegenTest.f32(6, 9));
    CpuProgram p = CpuProgram.compile(softmax, "softmax", CpuBackend.simdAvailable());
    StepCompiler sc = new StepCompiler(p.kernels(), "softmax-dump", CpuBackend.simdAvailable(),
        Dump.into(dir));
    sc.compileAll();
    List<Path> classes;
    try (Stream<Path> s = Files.list(dir)) {
      classes = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
    assertTrue(classes.size() >= 2, classes.toString());
    for (Path c : classes) {
      assertTrue(c.getFileName().toString().matches("30-K\\d{4}_\\w+\\.class"), c.toString());
      byte[] bytes = Files.readAllBytes(c);
      KernelClasses.verify(c.toString(), bytes);
      String text = Files.readString(Path.of(c.toString().replace(".class", ".txt")));
      assertTrue(text.contains("// compiled from: softmax-dump"), text);
      assertTrue(text.contains("LINENUMBER"), text);
    }
  }

  @Test
  void verificationRejectsBrokenBytecode() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, "KBroken", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "f", "()I", null, null);
    mv.visitCode();
    mv.visitInsn(Opcodes.DCONST_0);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    byte[] bytes = cw.toByteArray();
    assertThrows(RuntimeException.class, () -> KernelClasses.verify("KBroken", bytes));
  }

  /** Hidden classes' frames show in stack traces with the JVM flags the pom passes to tests. */
  @Test
  void generatedFramesNameTheSourceInStackTraces() {
    Array x = WorkloadCodegenTest.f32(8);
    CpuProgram p = CpuProgram.compile(w1(), "w1", CpuBackend.simdAvailable());
    // A null input array makes the generated body fail inside its own frame.
    Object[] env = new Object[p.kernels().values().size()];
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new StepCompiler(p.kernels(), "w1-src", false, Dump.none()).compileAll().get(0)
            .run(env, new Buffers(BufferPlanner.plan(p.kernels()))));
    StackTraceElement top = e.getStackTrace()[0];
    assertTrue(top.getClassName().contains("K0000_"), top.toString());
    assertEquals("w1-src", top.getFileName());
    assertTrue(top.getLineNumber() >= 1);
    assertEquals(40, p.execute(List.of(WorkloadCodegenTest.f32(40))).get(0).size());
    assertEquals(8, x.size());
  }

  /**
   * A kernel too big for one JVM method is split into several generated bodies joined by
   * temporaries; it still runs generated code and agrees with the interpreter.
   */
  @Test
  void hugeKernelsStayCorrect() {
    Array x = WorkloadCodegenTest.f32(33);
    for (int ops : new int[] {1200, 4000}) {
      ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
        NDArray t = v;
        for (int i = 0; i < ops; i++) {
          t = i % 2 == 0 ? Lax.add(Lax.mul(t, 0.5f), v) : Lax.sin(t);
        }
        return t;
      }).apply(x);
      CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 1e-4);
      assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c.report());
      if (ops == 4000) {
        assertTrue(new StepCompiler(c.kernels(), "huge", CpuBackend.simdAvailable(),
            Dump.none()).compileAll().get(0) instanceof SplitLoopStep, c.report());
      }
    }
  }

  /**
   * A split kernel with two inputs (one broadcast from a row), two outputs written by different
   * parts and values crossing several cuts agrees with the interpreter.
   */
  @Test
  void splitKernelsWithSeveralInputsAndOutputs() {
    float[] xs = new float[3 * 37];
    float[] ys = new float[37];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) Math.sin(i * 0.37) * 2;
      ys[i % 37] = (float) Math.cos(i * 0.11);
    }
    Array x = Array.of(xs, 3, 37);
    Array y = Array.of(ys, 37);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v, NDArray w) -> {
      NDArray t = v;
      NDArray early = null;
      for (int i = 0; i < 3000; i++) {
        t = i % 3 == 0 ? Lax.add(Lax.mul(t, 0.5f), Lax.broadcastInDim(w, new int[] {3, 37},
            new int[] {1})) : i % 3 == 1 ? Lax.sin(t) : Lax.max(t, v);
        if (i == 100) {
          early = Lax.mul(t, v);
        }
      }
      return List.of(t, early);
    }).apply(x, y);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x, y), 1e-4);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c.report());
  }
}
