package org.jaxpresso.jit.compiler;

/**
 * What a backend asks of the backend-neutral compiler ({@link Compiler}). The options in force
 * during a compilation are {@link #current()}: nested compilations (the sub-programs of control
 * flow) inherit them.
 *
 * <p>Example: the CPU backend keeps {@code concatenate} as a library copy until its code
 * generator reads clamped loads without gathering them:
 *
 * <pre>{@code
 * CompiledProgram c = Compiler.compile(program, "f", Dump.none(),
 *     new CompileOptions(false));
 * }</pre>
 *
 * @param fuseConcatenate whether {@code concatenate} (of at most {@link
 *     org.jaxpresso.jit.compiler.fusion.OpClass#MAX_FUSED_CONCAT_OPERANDS} operands) is an index
 *     map fused into its consumers (a select over clamped loads per operand), rather than a
 *     library copy
 */
public record CompileOptions(boolean fuseConcatenate) {
  /** The default: every fusion the planner knows. */
  public static final CompileOptions DEFAULT = new CompileOptions(true);

  private static final ScopedValue<CompileOptions> CURRENT = ScopedValue.newInstance();

  /**
   * The options of the compilation running on this thread, or {@link #DEFAULT} outside one.
   *
   * @return the options in force
   */
  public static CompileOptions current() {
    return CURRENT.orElse(DEFAULT);
  }

  /**
   * Runs {@code body} with these options in force.
   *
   * @param body the compilation
   * @param <T> its result type
   * @return what {@code body} returns
   */
  <T> T apply(java.util.function.Supplier<T> body) {
    return ScopedValue.where(CURRENT, this).call(body::get);
  }
}
