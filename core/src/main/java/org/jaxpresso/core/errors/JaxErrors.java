package org.jaxpresso.core.errors;

/** Shared pieces of the JAX error messages. */
final class JaxErrors {
  private JaxErrors() {}

  /** The documentation link JAX appends: {@code See https://docs.jax.dev/...#jax.errors.X}. */
  static String seeAlso(String className) {
    return "See https://docs.jax.dev/en/latest/errors.html#jax.errors." + className;
  }

  static String withContext(String head, String context) {
    return context == null || context.isEmpty() ? head : head + "\n" + context;
  }
}
