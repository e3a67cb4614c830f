package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.JitPrimitive;
import org.jaxpresso.jit.compiler.passes.ConstantFoldPass;
import org.jaxpresso.jit.compiler.passes.CsePass;
import org.jaxpresso.jit.compiler.passes.DcePass;
import org.jaxpresso.jit.compiler.passes.InlinePass;
import org.jaxpresso.jit.compiler.passes.Pass;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

class PassesTest {
  private static final Array X = Array.of(new float[] {0.5f, -1f, 2f}, 3);

  /** Applies {@code pass}, checks the result, idempotence and that values are unchanged. */
  private static ClosedJaxpr applyChecked(Pass pass, ClosedJaxpr p, List<Array> args) {
    ClosedJaxpr once = pass.apply(p);
    JaxprChecker.check(once);
    ClosedJaxpr twice = pass.apply(once);
    assertEquals(once.toString(), twice.toString(), pass.name() + " is not idempotent");
    List<Array> want = JaxprInterpreter.eval(p, args);
    List<Array> got = JaxprInterpreter.eval(once, args);
    for (int i = 0; i < want.size(); i++) {
      assertEquals(null, CompilerTesting.difference(want.get(i), got.get(i)), pass.name());
    }
    return once;
  }

  @Test
  void inlineReplacesNestedJitCallsRecursively() {
    Function<NDArray, NDArray> inner = Jax.jit(x -> Lax.sin(Lax.mul(x, 2.0f)), Jax.name("inner"));
    Function<NDArray, NDArray> middle = Jax.jit(x -> Lax.add(inner.apply(x), inner.apply(x)),
        Jax.name("middle"));
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.neg(middle.apply(x))).apply(X);
    assertTrue(p.toString().contains("jit["), p.toString());
    ClosedJaxpr out = applyChecked(new InlinePass(), p, List.of(X));
    assertEquals("{ lambda ; a:f32[3]. let\n"
        + "    b:f32[3] = mul a 2.0:f32[]\n"
        + "    c:f32[3] = sin b\n"
        + "    d:f32[3] = mul a 2.0:f32[]\n"
        + "    e:f32[3] = sin d\n"
        + "    f:f32[3] = add c e\n"
        + "    g:f32[3] = neg f\n"
        + "  in (g,) }", out.toString());
    for (var e : out.jaxpr().eqns()) {
      assertTrue(e.primitive() != JitPrimitive.JIT);
    }
  }

  @Test
  void inlineRunsCustomJvpCallsAsTheirCallJaxpr() {
    Function<NDArray, NDArray> f = Jax.customJvp((NDArray x) -> Lax.sin(Lax.mul(x, 2.0f)),
        (NDArray x, NDArray t) -> new Jax.JvpPair<>(Lax.sin(x), t));
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.neg(f.apply(x))).apply(X);
    assertTrue(p.toString().contains("custom_jvp_call["), p.toString());
    ClosedJaxpr out = applyChecked(new InlinePass(), p, List.of(X));
    assertEquals("{ lambda ; a:f32[3]. let\n"
        + "    b:f32[3] = mul a 2.0:f32[]\n"
        + "    c:f32[3] = sin b\n"
        + "    d:f32[3] = neg c\n"
        + "  in (d,) }", out.toString());
  }

  @Test
  void inlineForwardsCalleeInputsAndLiteralsToOutputs() {
    Function<NDArray, NDArray> id = Jax.jit(x -> x, Jax.name("id"));
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.add(id.apply(x), 1.0f)).apply(X);
    ClosedJaxpr out = applyChecked(new InlinePass(), p, List.of(X));
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = add a 1.0:f32[] in (b,) }",
        out.toString());
  }

  @Test
  void foldEvaluatesLiteralOnlyChains() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> {
      NDArray two = Lax.add(Array.scalar(1.0, org.jaxpresso.core.DType.FLOAT32), 1.0f);
      NDArray four = Lax.mul(two, two);
      return Lax.mul(x, Lax.sqrt(four));
    }).apply(X);
    ClosedJaxpr out = applyChecked(new ConstantFoldPass(), p, List.of(X));
    String text = new DcePass().apply(out).toString();
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = mul a 2.0:f32[] in (b,) }", text);
  }

  @Test
  void foldKeepsNonScalarResults() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.add(x,
        Lax.broadcastInDim(Array.scalar(3.0, org.jaxpresso.core.DType.FLOAT32), new int[] {3},
            new int[0]))).apply(X);
    ClosedJaxpr out = applyChecked(new ConstantFoldPass(), p, List.of(X));
    assertEquals(p.toString(), out.toString());
  }

  @Test
  void cseMergesEqualEquationsOnly() {
    BiFunction<NDArray, NDArray, NDArray> f = (x, y) -> {
      NDArray a = Lax.sin(x);
      NDArray b = Lax.sin(x);
      NDArray c = Lax.sin(y);
      NDArray d = Lax.add(x, 1.0f);
      NDArray e = Lax.add(x, 2.0f);
      return Lax.add(Lax.add(Lax.mul(a, b), c), Lax.mul(d, e));
    };
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(X, X);
    ClosedJaxpr out = applyChecked(new CsePass(), p, List.of(X, X));
    ClosedJaxpr dced = new DcePass().apply(out);
    assertEquals("{ lambda ; a:f32[3] b:f32[3]. let\n"
        + "    c:f32[3] = sin a\n"
        + "    d:f32[3] = sin b\n"
        + "    e:f32[3] = add a 1.0:f32[]\n"
        + "    f:f32[3] = add a 2.0:f32[]\n"
        + "    g:f32[3] = mul c c\n"
        + "    h:f32[3] = add g d\n"
        + "    i:f32[3] = mul e f\n"
        + "    j:f32[3] = add h i\n"
        + "  in (j,) }", dced.toString());
  }

  @Test
  void dceDropsUnusedEquationsAndConstants() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> {
      Lax.exp(x);
      Lax.cos(Lax.sin(x));
      return Lax.neg(x);
    }).apply(X);
    assertEquals(4, p.jaxpr().eqns().size());
    ClosedJaxpr out = applyChecked(new DcePass(), p, List.of(X));
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = neg a in (b,) }", out.toString());
  }

  @Test
  void dceKeepsAllInputsAndOutputLiterals() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y) -> Lax.sin(y)).apply(X, X);
    ClosedJaxpr out = applyChecked(new DcePass(), p, List.of(X, X));
    assertEquals(2, out.jaxpr().invars().size());
  }
}
