package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jaxpresso.Jax;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * JAX-specific behaviour of the linear-algebra functions: reprs of the reference file, weak
 * types, tracing under jit, and every error path in JAX's (or opt_einsum's) words.
 */
class LinalgBehaviourTest {
  @SuppressWarnings("unchecked")
  private static String repr(String name) {
    Map<String, Object> e = (Map<String, Object>) Reference.section("reprs").get(name);
    return (String) ((List<Object>) e.get("ok")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static String error(String name) {
    return (String) ((Map<String, Object>) Reference.section("errors").get(name)).get("message");
  }

  private static void throwsValue(String message, Supplier<?> f) {
    JaxValueError e = assertThrows(JaxValueError.class, f::get);
    assertEquals(message, e.getMessage());
  }

  private static void throwsType(String message, Supplier<?> f) {
    JaxTypeError e = assertThrows(JaxTypeError.class, f::get);
    assertEquals(message, e.getMessage());
  }

  // ---- reprs ----

  @Test
  void convolveSeedAsApiMd() {
    NDArray x = Jnp.array(1, 2, 1);
    NDArray y = Jnp.ones(10);
    assertEquals(repr("convolve_seed"), Jnp.convolve(x, y).repr());
    assertEquals(repr("convolve_seed"), Jnp.convolve(y, x).repr());
  }

  @Test
  void convGeneralSeedAsApiMd() {
    NDArray x = Jnp.array(1, 2, 1);
    NDArray y = Jnp.ones(10);
    NDArray result = Lax.convGeneralDilated(
        Lax.convertElementType(Jnp.reshape(x, 1, 1, 3), DType.FLOAT32),
        Jnp.reshape(y, 1, 1, 10), new int[] {1}, Lax.padding(new int[][] {{9, 9}}));
    assertEquals(repr("conv_general_seed"), Lax.squeeze(result, 0, 1).repr());
  }

  @Test
  void convolveSameAndValid() {
    NDArray x = Jnp.arange(5);
    NDArray k = Jnp.array(1, 0, -1);
    assertEquals(repr("convolve_same"), Jnp.convolve(x, k, "same").repr());
    assertEquals(repr("convolve_valid"), Jnp.convolve(x, k, Jnp.ConvolveMode.VALID).repr());
  }

  @Test
  void correlateReversesWhenTheKernelIsLonger() {
    NDArray a = Jnp.array(1, 2, 3);
    NDArray v = Jnp.array(0, 1, 0, 0);
    assertEquals("Array([0., 3., 2., 1., 0., 0.], dtype=float32)",
        Jnp.correlate(v, a, "full").repr());
    assertEquals("Array([0., 0., 1., 2., 3., 0.], dtype=float32)",
        Jnp.correlate(a, v, "full").repr());
    assertEquals("Array([1., 2.], dtype=float32)", Jnp.correlate(a, v).repr());
  }

  // ---- weak types and dtypes ----

  @Test
  void weakTypesFollowPromotion() {
    assertEquals("Array(6., dtype=float32, weak_type=True)", Jnp.dot(2, 3.0).repr());
    assertEquals("Array(6, dtype=int32, weak_type=True)", Jnp.einsum(",->", 2, 3).repr());
    NDArray i8 = Jnp.array(new byte[] {1, 2}, DType.INT8);
    assertEquals("Array([2, 4], dtype=int8)", Jnp.dot(i8, 2).repr());
    assertEquals("Array([2, 4], dtype=int8)", Jnp.inner(i8, 2).repr());
    assertEquals(DType.FLOAT32, Jnp.matmul(Jnp.array(1, 2), Jnp.array(1.5f, 2f)).dtype());
    assertEquals("Array(5., dtype=float32)", Linalg.norm(Jnp.array(3, 4)).repr());
  }

  @Test
  void boolProductsAreLogical() {
    NDArray t = Jnp.array(true, false);
    assertEquals("Array(True, dtype=bool)", Jnp.dot(t, t).repr());
    assertEquals("Array([[ True, False],\n       [False, False]], dtype=bool)",
        Jnp.outer(t, t).repr());
  }

  @Test
  void everythingTracesUnderJit() {
    NDArray x = Jnp.reshape(Jnp.arange(12.0), 3, 4);
    var f = Jax.jit((NDArray a) -> Jnp.add(Jnp.add(Jnp.trace(Jnp.einsum("ij,kj->ik", a, a)),
        Linalg.norm(a, Double.POSITIVE_INFINITY, Jnp.axis(1))), Jnp.sum(Jnp.triu(a, 1))));
    NDArray eager = Jnp.add(Jnp.add(Jnp.trace(Jnp.einsum("ij,kj->ik", x, x)),
        Linalg.norm(x, Double.POSITIVE_INFINITY, Jnp.axis(1))), Jnp.sum(Jnp.triu(x, 1)));
    assertEquals(eager.repr(), f.apply(x).repr());
    var g = Jax.jit((NDArray a) -> Jnp.correlate(a, Jnp.diag(Jnp.diag(a, 1), 1), "same"));
    NDArray v = Jnp.array(1.0f, 2.0f, 3.0f);
    assertEquals(Jnp.correlate(v, Jnp.diag(Jnp.diag(v, 1), 1), "same").repr(), g.apply(v).repr());
  }

  /** JAX-NOTES 1.9(c): norm over axis 1 with keepdims (JAX wraps it in jit[name=norm]). */
  @Test
  void rowNormJaxpr() {
    String text = Jax.makeJaxpr((NDArray x) -> Jnp.divide(x,
        Linalg.norm(x, Jnp.axis(1).keepdims()))).apply(Jnp.zeros(3, 4)).toString();
    assertEquals("""
        { lambda ; a:f32[3,4]. let
            b:f32[3,4] = mul a a
            c:f32[3] = reduce_sum[axes=(1,) out_sharding=None] b
            d:f32[3,1] = broadcast_in_dim[broadcast_dimensions=(0,)] c
            e:f32[3,1] = sqrt d
            f:f32[3,4] = div a e
          in (f,) }""", text);
  }

  // ---- errors ----

  @Test
  void dotMismatchInJaxWords() {
    throwsType(error("dot_mismatch"), () -> Jnp.dot(Jnp.ones(2, 4), Jnp.ones(3)));
    throwsType("dot_general requires contracting dimensions to have the same shape, got (3,)"
        + " and (2,).", () -> Jnp.dot(Jnp.ones(3), Jnp.ones(2)));
    throwsType("dot_general requires contracting dimensions to have the same shape, got (4,)"
        + " and (3,).", () -> Jnp.matmul(Jnp.ones(2, 4), Jnp.ones(3, 2)));
    throwsType("dot_general requires contracting dimensions to have the same shape, got (6,)"
        + " and (4,).", () -> Jnp.vdot(Jnp.ones(2, 3), Jnp.ones(4)));
  }

  @Test
  void matmulErrors() {
    throwsValue("matmul input operand 0 must have ndim at least 1, but it has ndim 0",
        () -> Jnp.matmul(1.0, Jnp.ones(3)));
    throwsValue("matmul input operand 1 must have ndim at least 1, but it has ndim 0",
        () -> Jnp.matmul(Jnp.ones(3), Jnp.array(2)));
    throwsValue("Incompatible types for matmul arguments: float32[2,3,4] and float32[3,4,5]",
        () -> Jnp.matmul(Jnp.ones(2, 3, 4), Jnp.ones(3, 4, 5)));
  }

  @Test
  void tensordotErrors() {
    throwsType("Number of tensordot axes (axes 3) exceeds input ranks ((2, 3) and (3, 4, 5))",
        () -> Jnp.tensordot(Jnp.ones(2, 3), Jnp.ones(3, 4, 5), 3));
    throwsType("tensordot requires axes lists to have equal length, got [0, 1] and [0].",
        () -> Jnp.tensordot(Jnp.ones(2, 3), Jnp.ones(2, 3), new int[] {0, 1}, new int[] {0}));
    throwsValue("axis 2 is out of bounds for array of dimension 2",
        () -> Jnp.tensordot(Jnp.ones(2, 3), Jnp.ones(2, 3), new int[] {2}, new int[] {0}));
  }

  @Test
  void einsumParseErrors() {
    NDArray m = Jnp.ones(2, 3);
    throwsValue("Character % is not a valid symbol.", () -> Jnp.einsum("i%,j", m, m));
    throwsValue("Subscripts can only contain one '->'.", () -> Jnp.einsum("ij->->ij", m));
    throwsValue("Subscripts can only contain one '->'.", () -> Jnp.einsum("ij-ij", m));
    throwsValue("Number of einsum subscripts must be equal to the number of operands.",
        () -> Jnp.einsum("ij,jk->ik", m));
    throwsValue("Output character k did not appear in the input", () -> Jnp.einsum("ij->k", m));
    throwsValue("Output character 'i' appeared more than once in the output.",
        () -> Jnp.einsum("ij->ii", m));
    throwsValue("Einstein sum subscript 'ijk' does not contain the correct number of indices"
        + " for operand 0.", () -> Jnp.einsum("ijk->i", m));
    throwsValue("Size of label 'j' for operand 1 (3) does not match previous terms (2).",
        () -> Jnp.einsum("ij,jk->ik", m, m));
    throwsValue("Invalid Ellipses.", () -> Jnp.einsum("..i.->i", m));
    throwsValue("Ellipses lengths do not match.", () -> Jnp.einsum("...ijk->i", m));
    throwsValue("No input operands", () -> Jnp.einsum("ij"));
  }

  @Test
  void convolveErrors() {
    throwsValue("convolve() only support 1-dimensional inputs.",
        () -> Jnp.convolve(Jnp.ones(2, 2), Jnp.ones(2)));
    throwsValue("correlate() only support 1-dimensional inputs.",
        () -> Jnp.correlate(Jnp.ones(2), 1.0));
    throwsValue("convolve: inputs cannot be empty, got shapes (0,) and (3,).",
        () -> Jnp.convolve(Jnp.ones(0), Jnp.ones(3)));
    throwsValue("mode must be one of ['full', 'same', 'valid']",
        () -> Jnp.convolve(Jnp.ones(3), Jnp.ones(3), "middle"));
  }

  @Test
  void matrixErrors() {
    throwsValue("axis 1 is out of bounds for array of dimension 1", () -> Jnp.trace(Jnp.ones(3)));
    throwsValue("axis1 and axis2 can not be same. axis1=1 and axis2=-1",
        () -> Jnp.trace(Jnp.ones(3, 3), 0, 1, -1));
    throwsValue("diagonal requires an array of at least two dimensions.",
        () -> Jnp.diagonal(Jnp.ones(3)));
    throwsValue("axis 2 is out of bounds for array of dimension 2",
        () -> Jnp.diagonal(Jnp.ones(3, 3), 0, 0, 2));
    throwsValue("diag input must be 1d or 2d", () -> Jnp.diag(Jnp.ones(2, 2, 2)));
    throwsValue("diag input must be 1d or 2d", () -> Jnp.diag(1.0));
    throwsValue("Argument to jax.numpy.tril must be at least 2D",
        () -> Jnp.tril(Jnp.ones(3)));
    throwsValue("Argument to jax.numpy.triu must be at least 2D",
        () -> Jnp.triu(Jnp.ones(3), 1));
  }

  @Test
  void normErrors() {
    throwsValue("Improper number of axes for norm: axis=(0, 1, 2). Pass one axis to compute a"
        + " vector-norm, or two axes to compute a matrix-norm.",
        () -> Linalg.norm(Jnp.ones(2, 2, 2), 2.0));
    throwsValue("Invalid order 'fro' for vector norm.", () -> Linalg.norm(Jnp.ones(3), "fro"));
    throwsValue("Invalid order 'inf' for vector norm.Use 'jax.numpy.inf' instead.",
        () -> Linalg.norm(Jnp.ones(3), "inf"));
    throwsValue("Invalid order '3.0' for matrix norm.", () -> Linalg.norm(Jnp.ones(2, 2), 3.0));
    throwsValue("Invalid order 'max' for matrix norm.", () -> Linalg.norm(Jnp.ones(2, 2), "max"));
    throwsValue("Duplicate axes given.", () -> Linalg.norm(Jnp.ones(2, 2), Jnp.axis(0, -2)));
  }
}
