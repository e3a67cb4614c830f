package org.jaxpresso.numpy;

import org.jaxpresso.core.ArrayMethods;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.IndexUpdateRef;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * The numpy module's {@link ArrayMethods}: every fluent method of {@code NDArray} (on concrete
 * arrays and tracers alike) delegates to the {@link Jnp} function of the same meaning, as JAX
 * attaches {@code jnp} functions to its arrays. Found by {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * NDArray y = x.add(1).mean(0);       // Jnp.mean(Jnp.add(x, 1), 0)
 * NDArray z = x.at(0).set(10);        // Jnp.at(x, 0).set(10)
 * }</pre>
 */
public final class NumpyArrayMethods implements ArrayMethods {
  /** The provider instance (ServiceLoader needs a public no-argument constructor). */
  public NumpyArrayMethods() {}

  @Override
  public NDArray add(NDArray self, Object y) {
    return Jnp.add(self, y);
  }

  @Override
  public NDArray sub(NDArray self, Object y) {
    return Jnp.subtract(self, y);
  }

  @Override
  public NDArray mul(NDArray self, Object y) {
    return Jnp.multiply(self, y);
  }

  @Override
  public NDArray div(NDArray self, Object y) {
    return Jnp.divide(self, y);
  }

  /** {@code Jnp.floorDivide(self, y)}. */
  @Override
  public NDArray floorDiv(NDArray self, Object y) {
    return Jnp.floorDivide(self, y);
  }

  /** {@code Jnp.remainder(self, y)}. */
  @Override
  public NDArray mod(NDArray self, Object y) {
    return Jnp.remainder(self, y);
  }

  /** {@code Jnp.power(self, y)}. */
  @Override
  public NDArray pow(NDArray self, Object y) {
    return Jnp.power(self, y);
  }

  @Override
  public NDArray matmul(NDArray self, Object y) {
    return Jnp.matmul(self, y);
  }

  /**
   * The one-argument {@code Jnp} function of that NumPy name ({@code negative} calls
   * {@code Jnp.negative}).
   */
  @Override
  public NDArray unary(String name, NDArray self) {
    return switch (name) {
      case "negative" -> Jnp.negative(self);
      case "abs" -> Jnp.abs(self);
      case "sqrt" -> Jnp.sqrt(self);
      case "exp" -> Jnp.exp(self);
      case "log" -> Jnp.log(self);
      case "sin" -> Jnp.sin(self);
      case "cos" -> Jnp.cos(self);
      case "tanh" -> Jnp.tanh(self);
      default -> throw new org.jaxpresso.core.errors.JaxValueError("no fluent unary method " + name);
    };
  }

  /** The comparison of that NumPy name ({@code less_equal} → {@code Jnp.lessEqual}). */
  @Override
  public NDArray compare(String name, NDArray self, Object y) {
    return switch (name) {
      case "less" -> Jnp.less(self, y);
      case "less_equal" -> Jnp.lessEqual(self, y);
      case "greater" -> Jnp.greater(self, y);
      case "greater_equal" -> Jnp.greaterEqual(self, y);
      case "equal" -> Jnp.equal(self, y);
      case "not_equal" -> Jnp.notEqual(self, y);
      default -> throw new org.jaxpresso.core.errors.JaxValueError("no fluent comparison " + name);
    };
  }

  @Override
  public NDArray reduce(String name, NDArray self, int[] axes) {
    return switch (name) {
      case "sum" -> axes == null ? Jnp.sum(self) : Jnp.sum(self, axes);
      case "prod" -> axes == null ? Jnp.prod(self) : Jnp.prod(self, axes);
      case "max" -> axes == null ? Jnp.max(self) : Jnp.max(self, axes);
      case "min" -> axes == null ? Jnp.min(self) : Jnp.min(self, axes);
      case "mean" -> axes == null ? Jnp.mean(self) : Jnp.mean(self, axes);
      case "var" -> axes == null ? Jnp.var(self) : Jnp.var(self, axes);
      case "std" -> axes == null ? Jnp.std(self) : Jnp.std(self, axes);
      case "all" -> axes == null ? Jnp.all(self) : Jnp.all(self, Jnp.axis(axes));
      case "any" -> axes == null ? Jnp.any(self) : Jnp.any(self, Jnp.axis(axes));
      case "argmax" -> axes == null ? Jnp.argmax(self) : Jnp.argmax(self, single(name, axes));
      case "argmin" -> axes == null ? Jnp.argmin(self) : Jnp.argmin(self, single(name, axes));
      default -> throw new JaxValueError("unknown reduction " + name);
    };
  }

  private static int single(String name, int[] axes) {
    if (axes.length != 1) {
      throw new JaxValueError(name + " takes a single axis, got " + axes.length);
    }
    return axes[0];
  }

  @Override
  public NDArray reshape(NDArray self, Object... shape) {
    return Jnp.reshape(self, shape);
  }

  @Override
  public NDArray transpose(NDArray self, int... axes) {
    return Jnp.transpose(self, axes);
  }

  /** {@code x.astype(dtype)}: {@code convert_element_type} to the canonical dtype, strong. */
  @Override
  public NDArray astype(NDArray self, DType dtype) {
    DType to = NumpySupport.requestedDtype(dtype, "astype");
    return Lax.convertElementType(self, to, false);
  }

  @Override
  public NDArray get(NDArray self, Object... index) {
    return Jnp.get(self, index);
  }

  @Override
  public IndexUpdateRef at(NDArray self, Object... index) {
    return Jnp.at(self, index);
  }
}
