package org.jaxpresso.numpy.internal.indexing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.numpy.Jnp;

/**
 * Calls a {@code Jnp} function by its NumPy name ({@code less_equal} calls
 * {@code Jnp.lessEqual}), so that the fluent methods and {@code .at[]} updates reach whichever
 * functions the facade offers: the facade is one chain of classes, so every family answers.
 */
public final class JnpByName {
  private static final Map<String, MethodHandle> CACHE = new ConcurrentHashMap<>();

  private JnpByName() {}

  /** NumPy's snake_case name as the facade's camelCase name. */
  public static String camel(String name) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }

  /**
   * {@code Jnp.<name>(args...)} with every parameter of type {@code Object}.
   *
   * @throws JaxValueError if the facade has no such function
   */
  public static NDArray call(String name, Object... args) {
    String method = camel(name);
    MethodHandle h = CACHE.computeIfAbsent(method + "/" + args.length, k -> find(method,
        args.length));
    if (h == null) {
      throw new JaxValueError("jnp has no function " + name + " taking " + args.length
          + " array argument" + (args.length == 1 ? "" : "s"));
    }
    try {
      return (NDArray) h.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle find(String method, int arity) {
    Class<?>[] params = new Class<?>[arity];
    java.util.Arrays.fill(params, Object.class);
    try {
      return MethodHandles.publicLookup().findStatic(Jnp.class, method,
          MethodType.methodType(NDArray.class, params));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
