package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Line numbers of generated code: every kernel IR node records its jaxpr equation, and the
 * generated classes carry {@code eqn + 1} as the line of that node's code, so a stack trace
 * through a kernel names the equation.
 */
class LineNumberCodegenTest {
  /** {@code sin(x) + 2*y}: equations 0 (sin), 1 (mul), 2 (add), fused into one kernel. */
  private static ClosedJaxpr program() {
    return Jax.makeJaxpr((NDArray x, NDArray y) -> Lax.add(Lax.sin(x), Lax.mul(y, 2.0f)))
        .apply(WorkloadCodegenTest.f32(40), WorkloadCodegenTest.f32(40));
  }

  @Test
  void nodesRecordTheirEquations() {
    CpuProgram p = CpuProgram.compile(program(), "lines", CpuBackend.simdAvailable());
    Kernel k = p.kernels().kernels().get(0);
    assertEquals(List.of(0, 1, 2), k.eqns());
    for (Node n : k.nodes()) {
      int want = switch (n.op()) {
        case SIN -> 0;
        case MUL, CONST -> 1;
        case ADD -> 2;
        case LOAD -> n.input() == 0 ? 0 : 1;
        default -> -2;
      };
      assertEquals(want, n.eqn(), n.toString());
    }
  }

  @Test
  void everyEquationHasItsLine(@TempDir Path dir) throws Exception {
    for (boolean simd : new boolean[] {false, CpuBackend.simdAvailable()}) {
      CpuProgram p = CpuProgram.compile(program(), "lines", simd);
      new StepCompiler(p.kernels(), "lines.jaxpr", simd, Dump.into(dir)).compileAll();
      List<Path> classes;
      try (Stream<Path> s = Files.list(dir)) {
        classes = s.filter(f -> f.toString().endsWith(".class")).toList();
      }
      assertEquals(1, classes.size(), classes.toString());
      Set<Integer> lines = new TreeSet<>();
      String[] source = new String[1];
      new ClassReader(Files.readAllBytes(classes.get(0))).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public void visitSource(String file, String debug) {
          source[0] = file;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig,
            String[] ex) {
          return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitLineNumber(int line, Label start) {
              lines.add(line);
            }
          };
        }
      }, 0);
      assertEquals("lines.jaxpr", source[0]);
      assertEquals(Set.of(1, 2, 3), lines, "simd " + simd);
      Files.delete(classes.get(0));
    }
  }

  /** A missing input fails in the node that loads it: the frame's line is its equation's. */
  @Test
  void aStackTraceNamesTheEquation() {
    CpuProgram p = CpuProgram.compile(program(), "lines", CpuBackend.simdAvailable());
    Object[] env = new Object[p.kernels().values().size()];
    env[0] = new float[40];
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new StepCompiler(p.kernels(), "lines.jaxpr", false, Dump.none()).compileAll()
            .get(0).run(env, new Buffers(BufferPlanner.plan(p.kernels()))));
    StackTraceElement top = e.getStackTrace()[0];
    assertTrue(top.getClassName().contains("K0000_"), top.toString());
    assertEquals("lines.jaxpr", top.getFileName());
    // y is read by equation 1 (mul): line 2.
    assertEquals(2, top.getLineNumber(), top.toString());
  }
}
