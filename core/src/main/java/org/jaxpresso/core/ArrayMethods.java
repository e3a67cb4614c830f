package org.jaxpresso.core;

import java.util.ServiceLoader;

/**
 * The behaviour behind {@link NDArray}'s fluent methods, supplied by the {@code numpy} module
 * (found with {@link ServiceLoader}), as JAX attaches {@code jnp} functions to {@code Array} and
 * {@code Tracer}: core never depends on numpy, yet every kind of array (concrete or traced)
 * answers {@code x.add(y)}, {@code x.mean(0)}, {@code x.at(i).set(v)} the same way. Each method
 * takes the receiver first; see the matching {@code Jnp} function for semantics.
 */
public interface ArrayMethods {
  /**
   * {@code self + y} with NumPy promotion and broadcasting.
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self + y} with NumPy promotion and broadcasting
   */
  NDArray add(NDArray self, Object y);

  /**
   * {@code self - y}.
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self - y}
   */
  NDArray sub(NDArray self, Object y);

  /**
   * {@code self * y}.
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self * y}
   */
  NDArray mul(NDArray self, Object y);

  /**
   * {@code self / y} (true division).
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self / y} (true division)
   */
  NDArray div(NDArray self, Object y);

  /**
   * {@code self // y} (floor division).
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self // y} (floor division)
   */
  NDArray floorDiv(NDArray self, Object y);

  /**
   * {@code self % y} (Python's sign rule).
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self % y} (Python's sign rule)
   */
  NDArray mod(NDArray self, Object y);

  /**
   * {@code self ** y}.
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self ** y}
   */
  NDArray pow(NDArray self, Object y);

  /**
   * {@code self @ y}.
   *
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return {@code self @ y}
   */
  NDArray matmul(NDArray self, Object y);

  /**
   * A unary function by its jnp name ({@code negative}, {@code abs}, {@code sin}, ...).
   *
   * @param name the jnp function's name
   * @param self the array the method is called on
   * @return a unary function by its jnp name ({@code negative}, {@code abs}, {@code sin}, ...)
   */
  NDArray unary(String name, NDArray self);

  /**
   * A comparison by its jnp name ({@code less}, {@code equal}, ...).
   *
   * @param name the jnp function's name
   * @param self the array the method is called on
   * @param y the second operand: an array or a Java scalar
   * @return a comparison by its jnp name ({@code less}, {@code equal}, ...)
   */
  NDArray compare(String name, NDArray self, Object y);

  /**
   * A reduction by its jnp name ({@code sum}, {@code mean}, {@code std}, {@code var},
   * {@code max}, {@code min}, {@code prod}, {@code all}, {@code any}, {@code argmax},
   * {@code argmin}) over {@code axes} (null for all).
   *
   * @param name the jnp function's name
   * @param self the array the method is called on
   * @param axes the axes to operate along; negative values count from the end
   * @return a reduction by its jnp name ({@code sum}, {@code mean}, {@code std}, {@code var},
   *     {@code max}, {@code min}, {@code prod}, {@code all}, {@code any}, {@code argmax}, {@code
   *     argmin}) over {@code axes} (null for all)
   */
  NDArray reduce(String name, NDArray self, int[] axes);

  /**
   * {@code self.reshape(shape)}: ints, -1 for one inferred size, or concrete 0-d arrays.
   *
   * @param self the array the method is called on
   * @param shape the dimensions of the result
   * @return {@code self.reshape(shape)}: ints, -1 for one inferred size, or concrete 0-d arrays
   */
  NDArray reshape(NDArray self, Object... shape);

  /**
   * {@code self.transpose(axes)}; no axes reverses them.
   *
   * @param self the array the method is called on
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code self.transpose(axes)}; no axes reverses them
   */
  NDArray transpose(NDArray self, int... axes);

  /**
   * {@code self.astype(dtype)}.
   *
   * @param self the array the method is called on
   * @param dtype the element type of the result
   * @return {@code self.astype(dtype)}
   */
  NDArray astype(NDArray self, DType dtype);

  /**
   * {@code self[idx]}: ints, slices, newaxis, ellipsis, integer arrays, boolean masks.
   *
   * @param self the array the method is called on
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @return {@code self[idx]}: ints, slices, newaxis, ellipsis, integer arrays, boolean masks
   */
  NDArray get(NDArray self, Object... index);

  /**
   * {@code self.at[idx]}: functional updates.
   *
   * @param self the array the method is called on
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @return {@code self.at[idx]}: functional updates
   */
  IndexUpdateRef at(NDArray self, Object... index);

  /**
   * The provider on the class path.
   *
   * @return the provider on the class path
   */
  static ArrayMethods provider() {
    return Holder.INSTANCE;
  }

  /** Lazily loads the provider. */
  final class Holder {
    private Holder() {}

    static final ArrayMethods INSTANCE = ServiceLoader.load(ArrayMethods.class).findFirst()
        .orElseGet(Holder::missing);

    private static ArrayMethods missing() {
      return (ArrayMethods) java.lang.reflect.Proxy.newProxyInstance(
          ArrayMethods.class.getClassLoader(), new Class<?>[] {ArrayMethods.class},
          (proxy, method, args) -> {
            throw new IllegalStateException("NDArray." + method.getName()
                + " needs the jaxpresso-numpy module on the class path (org.jaxpresso:jaxpresso-numpy)");
          });
    }
  }
}
