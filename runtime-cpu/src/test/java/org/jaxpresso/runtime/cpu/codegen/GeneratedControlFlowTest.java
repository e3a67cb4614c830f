package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Control flow compiled to generated loop classes ({@link ControlFlowStep}): results against
 * the interpreter ({@link JaxprInterpreter}), the kernel IR's reference executor and hand-computed
 * values, carry hazards of the ping-pong buffers (swaps, forwarded inputs, zero trips), {@code
 * unroll}, and the structure of the generated classes (a backward branch for loops, a {@code
 * tableswitch} for cond, one static final step field per step call).
 */
class GeneratedControlFlowTest {

  static Array f32(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (((i * 7919L) % 400) / 100.0 - 2.0);
    }
    return Array.of(v, shape);
  }

  static Array i32(int v) {
    return Array.of(new int[] {v}, new int[0]);
  }

  static CpuProgram compile(ClosedJaxpr p) {
    return CpuProgram.compile(p, "cf_test", CpuBackend.simdAvailable());
  }

  /**
   * Compiles {@code p}, checks every control-flow step is a generated loop, and compares with
   * the interpreter and with the kernel IR's reference executor (values, dtypes, weak types).
   */
  static List<Array> check(ClosedJaxpr p, List<Array> args) {
    CpuProgram c = compile(p);
    assertTrue(c.report().contains("generated loop"), c.report());
    assertTrue(!c.report().contains("interpreted loop"), c.report());
    List<Array> want = JaxprInterpreter.eval(p, args);
    List<Array> kir = Compiler.compile(p, "cf_test").execute(args);
    List<Array> got = c.execute(args);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      String d = difference(want.get(i), got.get(i));
      String dk = difference(want.get(i), kir.get(i));
      if (d != null || dk != null) {
        fail("output " + i + ": compiled " + d + ", reference executor " + dk + "\n" + p + "\n"
            + c.report());
      }
    }
    return got;
  }

  static String difference(Array want, Array got) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    for (int k = 0; k < want.size(); k++) {
      if (want.dtype().isFloating()) {
        double w = want.host().getDouble(k);
        double g = got.host().getDouble(k);
        if (!(Double.isNaN(w) && Double.isNaN(g)) && w != g
            && Math.abs(w - g) > 1e-5 * Math.max(1.0, Math.abs(w))) {
          return "element " + k + " is " + g + " instead of " + w;
        }
      } else if (want.host().getLong(k) != got.host().getLong(k)) {
        return "element " + k + " is " + got.host().getLong(k) + " instead of "
            + want.host().getLong(k);
      }
    }
    return null;
  }

  /** What a generated class's {@code run} method contains. */
  record Shape(boolean backwardBranch, boolean tableswitch, int stepCalls, int fields) {}

  static Shape shape(byte[] classFile) {
    boolean[] back = new boolean[1];
    boolean[] table = new boolean[1];
    int[] calls = new int[1];
    int[] fields = new int[1];
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public org.objectweb.asm.FieldVisitor visitField(int access, String name, String desc,
          String sig, Object value) {
        if ((access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_FINAL) != 0) {
          fields[0]++;
        }
        return null;
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String sig,
          String[] ex) {
        if (!name.equals("run")) {
          return null;
        }
        Set<Label> seen = new HashSet<>();
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitLabel(Label l) {
            seen.add(l);
          }

          @Override
          public void visitJumpInsn(int op, Label l) {
            back[0] |= seen.contains(l);
          }

          @Override
          public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            table[0] = true;
          }

          @Override
          public void visitMethodInsn(int op, String owner, String mname, String mdesc,
              boolean itf) {
            if (op == Opcodes.INVOKEINTERFACE && mname.equals("run")) {
              calls[0]++;
            }
          }
        };
      }
    }, 0);
    return new Shape(back[0], table[0], calls[0], fields[0]);
  }

  static ControlFlowStep onlyStep(CpuProgram c) {
    return assertInstanceOf(ControlFlowStep.class, c.step(0));
  }

  @Test
  void foriLoopSumsHandComputed() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.foriLoop(0, 10,
        (NDArray i, NDArray acc) -> Lax.add(acc, i), x)).apply(i32(5));
    List<Array> got = check(p, List.of(i32(5)));
    assertEquals(5 + 45, got.get(0).getLong(0));
  }

  @Test
  void whileFactorialHandComputed() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.gt(st.get(0), 0),
        (List<NDArray> st) -> List.of(Lax.sub(st.get(0), 1), Lax.mul(st.get(1), st.get(0))),
        List.of(n, Lax.convertElementType(1, DType.INT32)))).apply(i32(6));
    List<Array> got = check(p, List.of(i32(6)));
    assertEquals(0, got.get(0).getLong(0));
    assertEquals(720, got.get(1).getLong(0));
    Shape s = shape(onlyStep(compile(p)).classFile());
    assertTrue(s.backwardBranch(), "a while loop's class loops");
  }

  /** The generated scan class holds a loop, and one field per step call it makes. */
  @Test
  void scanClassLoopsOverStaticFinalSteps() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> Lax.foriLoop(0, 100,
        (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.5f), 1.0f), a)).apply(f32(16));
    ControlFlowStep step = onlyStep(compile(p));
    Shape s = shape(step.classFile());
    assertTrue(s.backwardBranch());
    assertTrue(s.stepCalls() > 0);
    assertEquals(s.stepCalls(), s.fields());
    assertTrue(step.generated());
  }

  /** unroll k: k copies of the body per trip plus a remainder loop; same results for every k. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 10, 50})
  void unrollKeepsResults(int unroll) {
    Array xs = f32(10, 4);
    Array a0 = f32(4);
    Function<Integer, ClosedJaxpr> prog = u -> Jax.makeJaxpr((NDArray x, NDArray a) -> {
      Lax.Step<List<NDArray>, NDArray> s = Lax.scan((List<NDArray> c, NDArray xi) -> {
        NDArray na = Lax.add(Lax.mul(c.get(0), 0.75f), xi);
        return new Lax.Step<>(List.of(na, Lax.add(c.get(1), 1)), Lax.reduceSum(na, 0));
      }, List.of(a, Lax.convertElementType(0, DType.INT32)), x, null, false, u);
      return List.of(s.carry(), s.y());
    }).apply(xs, a0);
    ClosedJaxpr one = prog.apply(1);
    ClosedJaxpr p = prog.apply(unroll);
    List<Array> got = check(p, List.of(xs, a0));
    List<Array> base = compile(one).execute(List.of(xs, a0));
    for (int i = 0; i < got.size(); i++) {
      assertNull(difference(base.get(i), got.get(i)));
    }
    assertEquals(10, got.get(1).getLong(0));
    Shape s1 = shape(onlyStep(compile(one)).classFile());
    Shape sk = shape(onlyStep(compile(p)).classFile());
    int k = Math.min(unroll, 10);
    assertEquals(s1.stepCalls() * (k + (k > 1 ? 1 : 0)), sk.stepCalls(),
        "unroll " + unroll + " copies the body per trip, plus one copy for the remainder");
  }

  /** fori_loop's unroll reaches the compiled scan. */
  @Test
  void foriLoopUnroll() {
    Array a = f32(8);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v0) -> Lax.foriLoop(0, 9,
        (NDArray i, NDArray v) -> Lax.add(v, Lax.convertElementType(i, DType.FLOAT32)), v0, 4))
        .apply(a);
    CpuProgram c = compile(p);
    assertTrue(c.report().contains("unroll 4"), c.report());
    List<Array> got = check(p, List.of(a));
    assertEquals(a.host().getDouble(0) + 36, got.get(0).host().getDouble(0), 1e-5);
  }

  /** Carries that swap every iteration: the forwarded carry must not be overwritten. */
  @Test
  void swappedCarries() {
    Array a = f32(6);
    Array b = (Array) Lax.mul(f32(6), 3.0f);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y) -> Lax.foriLoop(0, 5,
        (NDArray i, List<NDArray> c) -> List.of(c.get(1), Lax.add(Lax.neg(c.get(0)), 1.0f)),
        List.of(x, y))).apply(a, b);
    check(p, List.of(a, b));
  }

  /** A carry that takes the scanned element (whose storage is refilled every iteration). */
  @Test
  void carryTakesScannedElement() {
    Array xs = f32(5, 3);
    Array a = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c0) -> {
      Lax.Step<List<NDArray>, NDArray> s = Lax.scan((List<NDArray> c, NDArray xi) ->
          new Lax.Step<>(List.of(xi, Lax.add(c.get(0), c.get(1))), Lax.mul(c.get(0), 2.0f)),
          List.of(c0, c0), x);
      return List.of(s.carry(), s.y());
    }).apply(xs, a);
    List<Array> got = check(p, List.of(xs, a));
    assertArrayEquals(java.util.Arrays.copyOfRange(xs.toFloatArray(), 12, 15),
        got.get(0).toFloatArray());
  }

  /** Zero-trip loops return their operands, in storage of their own. */
  @Test
  void zeroTripLoops() {
    Array a = f32(4);
    ClosedJaxpr w = Jax.makeJaxpr((NDArray x) -> Lax.whileLoop(
        (NDArray v) -> Lax.lt(Lax.reduceSum(v, 0), -1000.0f),
        (NDArray v) -> Lax.add(v, 1.0f), Lax.mul(x, 2.0f))).apply(a);
    List<Array> got = check(w, List.of(a));
    assertArrayEquals(((Array) Lax.mul(a, 2.0f)).toFloatArray(), got.get(0).toFloatArray());
    ClosedJaxpr f = Jax.makeJaxpr((NDArray x) -> Lax.foriLoop(3, 3,
        (NDArray i, NDArray v) -> Lax.add(v, 1.0f), x)).apply(a);
    assertArrayEquals(a.toFloatArray(), check(f, List.of(a)).get(0).toFloatArray());
  }

  /** Empty operands: a scan over zero-size elements, a while over an empty carry. */
  @Test
  void emptyShapes() {
    Array xs = f32(4, 0);
    Array c = f32(0);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c0) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan(
          (NDArray cc, NDArray xi) -> new Lax.Step<>(Lax.add(cc, xi), Lax.mul(xi, 2.0f)), c0, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, c);
    List<Array> got = check(p, List.of(xs, c));
    assertArrayEquals(new int[] {4, 0}, got.get(1).shape());
  }

  /** Loops inside both branches of a cond, the cond's class switching over them. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void loopsInsideCond(boolean pred) {
    Array p0 = Array.of(new boolean[] {pred}, new int[0]);
    Array a = f32(5);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray q, NDArray x) -> Lax.cond(q,
        (NDArray v) -> Lax.foriLoop(0, 4, (NDArray i, NDArray u) -> Lax.mul(u, 1.5f), v),
        (NDArray v) -> Lax.whileLoop((NDArray u) -> Lax.lt(Lax.reduceMax(u, 0), 10.0f),
            (NDArray u) -> Lax.add(u, 1.0f), v), x)).apply(p0, a);
    CpuProgram c = compile(p);
    Shape s = null;
    for (int i = 0; i < p.jaxpr().eqns().size() + 2 && s == null; i++) {
      if (c.kernels().kernels().size() > i && c.step(i) instanceof ControlFlowStep cf) {
        s = shape(cf.classFile());
      }
    }
    assertTrue(s != null && s.tableswitch(), c.report());
    assertTrue(c.report().contains("    k0_"), "nested steps are indented: " + c.report());
    check(p, List.of(p0, a));
  }

  /** Three levels: a scan inside a while inside a scan, with a cond at the bottom. */
  @Test
  void threeLevelNesting() {
    Array xs = f32(4, 3);
    Array a = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c0) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray xi) -> {
        List<NDArray> w = Lax.whileLoop((List<NDArray> st) -> Lax.lt(st.get(0), 2),
            (List<NDArray> st) -> {
              Lax.Step<NDArray, NDArray> in = Lax.scan((NDArray cc, NDArray e) ->
                  new Lax.Step<>(Lax.cond(Lax.gt(e, 0.0f), (NDArray z) -> Lax.add(z, e),
                      (NDArray z) -> Lax.sub(z, 1.0f), cc), e), st.get(1), xi);
              return List.of(Lax.add(st.get(0), 1), in.carry());
            }, List.of(Lax.convertElementType(0, DType.INT32), Lax.reduceSum(c, 0)));
        return new Lax.Step<>(Lax.add(c, w.get(1)), w.get(1));
      }, c0, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, a);
    check(p, List.of(xs, a));
  }

  /** bool and int carries, and a float64 one, in one while loop. */
  @Test
  void mixedDtypeCarries() {
    Array d = Array.fromDoubles(DType.FLOAT64, new double[] {0.5, -1.25}, 2);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.bitwiseAnd(Lax.lt(st.get(0), 7), Lax.bitwiseNot(st.get(1))),
        (List<NDArray> st) -> List.of(Lax.add(st.get(0), 2), Lax.gt(st.get(0), 4),
            Lax.mul(st.get(2), x)),
        List.of(Lax.convertElementType(0, DType.INT32), Lax.lt(1, 0), x))).apply(d);
    List<Array> got = check(p, List.of(d));
    assertEquals(8, got.get(0).getLong(0));
    assertTrue(got.get(1).getBoolean(0));
  }

  /** A program that runs its loop from many threads at once gets the same answers. */
  @Test
  void concurrentRuns() throws Exception {
    Array a = f32(1000);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v0) -> Lax.foriLoop(0, 200,
        (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.99f), 0.01f), v0)).apply(a);
    CpuProgram c = compile(p);
    float[] want = c.execute(List.of(a)).get(0).toFloatArray();
    List<Thread> ts = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        try {
          for (int r = 0; r < 5; r++) {
            assertArrayEquals(want, c.execute(List.of(a)).get(0).toFloatArray());
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      th.start();
      ts.add(th);
    }
    for (Thread th : ts) {
      th.join();
    }
    assertEquals(List.of(), errors);
  }

  /** Eager control flow compiles once per structure through Dispatch. */
  @Test
  void eagerControlFlowIsDispatchedOncePerStructure() {
    Array a = f32(8);
    int before = Dispatch.cacheSize();
    NDArray r1 = Lax.foriLoop(0, 3, (NDArray i, NDArray v) -> Lax.mul(v, 2.0f), a);
    int after = Dispatch.cacheSize();
    NDArray r2 = Lax.foriLoop(0, 3, (NDArray i, NDArray v) -> Lax.mul(v, 2.0f), a);
    assertEquals(after, Dispatch.cacheSize(), "the same loop traced again reuses its program");
    assertEquals(before + 1, after, "compiled once");
    assertArrayEquals(((Array) r1).toFloatArray(), ((Array) r2).toFloatArray());
    float[] v = a.toFloatArray();
    assertEquals(v[3] * 8, ((Array) r1).toFloatArray()[3], 1e-6);
    NDArray r3 = Lax.foriLoop(0, 3, (NDArray i, NDArray w) -> Lax.mul(w, 3.0f), a);
    assertEquals(v[3] * 27, ((Array) r3).toFloatArray()[3], 1e-5);
  }

  /** Unrolling past what the JIT compiles is lowered to what fits, and says so. */
  @Test
  void unrollPastTheMethodLimitIsLowered() {
    Array a = f32(4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v0) -> Lax.foriLoop(0, 6000,
        (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.5f), Lax.sin(v)), v0, 6000)).apply(a);
    CpuProgram c = compile(p);
    assertTrue(c.report().contains("(unroll 6000 lowered to "), c.report());
    List<Array> want = JaxprInterpreter.eval(p, List.of(a));
    assertNull(difference(want.get(0), c.execute(List.of(a)).get(0)));
  }

  /** The frames' Java loops (the fallback when no class can be generated) match the classes. */
  @Test
  void interpretedFramesMatchGeneratedLoops() {
    Array a = f32(5);
    ClosedJaxpr w = Jax.makeJaxpr((NDArray x) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.lt(st.get(0), 7),
        (List<NDArray> st) -> List.of(Lax.add(st.get(0), 1), st.get(2), Lax.mul(st.get(1), x)),
        List.of(Lax.convertElementType(0, DType.INT32), x, Lax.neg(x)))).apply(a);
    org.jaxpresso.jit.compiler.kir.KernelProgram kp = Compiler.compile(w, "t").kernels();
    org.jaxpresso.jit.compiler.kir.Kernel k = kp.kernels().get(kp.kernels().size() - 1);
    var wl = (org.jaxpresso.jit.compiler.kir.ControlFlow.WhileLoop) k.controlFlow();
    SubProgram cond = SubProgram.compile("c", wl.cond(), "t", false,
        org.jaxpresso.jit.compiler.Dump.none());
    SubProgram body = SubProgram.compile("b", wl.body(), "t", false,
        org.jaxpresso.jit.compiler.Dump.none());
    List<Array> want = JaxprInterpreter.eval(w, List.of(a));
    Object[] ops = new Object[k.inputs().size()];
    float[] x = a.toFloatArray();
    float[] nx = ((Array) Lax.neg(a)).toFloatArray();
    for (int i = 0; i < ops.length; i++) {
      var v = kp.values().get(k.inputs().get(i));
      ops[i] = v.aval().dtype() == DType.INT32 ? new int[] {0}
          : i == ops.length - 1 ? nx : x;
    }
    WhileFrame f = new WhileFrame(cond, wl.condConsts(), body, wl.bodyConsts(), ops);
    f.interpret();
    assertEquals(7, ((int[]) f.carry[0])[0]);
    assertArrayEquals(want.get(1).toFloatArray(), (float[]) f.carry[1]);
    assertArrayEquals(want.get(2).toFloatArray(), (float[]) f.carry[2]);
  }
}
