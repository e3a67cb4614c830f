package org.jaxpresso.core.jaxpr;

/**
 * Prints jaxprs exactly as JAX 0.11 prints them ({@code str(jaxpr)}), byte for byte: the same
 * grammar, variable names ({@code a}..{@code z}, {@code ba}, ... handed out in the order they
 * are first printed, one sequence for the whole printout), literals
 * ({@code 0.10000000149011612:f32[]}), params (the primitive's {@link org.jaxpresso.core.Primitive#printedParams printed params},
 * sorted, {@code name} first), nested and hoisted sub-jaxprs ({@code let NAME = { ... } in}) and
 * line breaking at 80 columns.
 *
 * <pre>{@code
 * JaxprPrinter.print(jaxpr);
 * // { lambda ; a:f32[3]. let b:f32[3] = sqrt a; c:f32[3] = div 1.0:f32[] b in (c,) }
 * }</pre>
 *
 * <p>Printing takes time roughly linear in the size of the jaxpr.
 */
public final class JaxprPrinter {
  /** The line width JAX prints jaxprs in. */
  public static final int WIDTH = 80;

  private JaxprPrinter() {}

  /**
   * The jaxpr's text, as {@code str(jaxpr)} in JAX.
   *
   * @param j the jaxpr
   * @return the jaxpr's text, as {@code str(jaxpr)} in JAX
   */
  public static String print(Jaxpr j) {
    return print(j, true);
  }

  /**
   * The closed jaxpr's text: that of its jaxpr (constant values are not printed).
   *
   * @param j the closed jaxpr (a jaxpr with its constant values)
   * @return the closed jaxpr's text: that of its jaxpr (constant values are not printed)
   */
  public static String print(ClosedJaxpr j) {
    return print(j.jaxpr(), true);
  }

  /**
   * The jaxpr's text; with {@code printShapes} false, binders print without their types
   * ({@code jaxpr.pretty_print(print_shapes=False)}:
   * {@code { lambda ; a. let b = sin a in (b,) }}). Literals keep their types.
   *
   * @param j the jaxpr
   * @param printShapes whether binders print with their types
   * @return the jaxpr's text
   */
  public static String print(Jaxpr j, boolean printShapes) {
    JaxprDocBuilder b = new JaxprDocBuilder(j, printShapes);
    return b.toplevel(j).format(WIDTH);
  }

  /**
   * A literal's text: Python's {@code str} of its value widened to float/int/bool, then the type:
   * {@code 1.0:f32[]}, {@code 0.10000000149011612:f32[]}, {@code 2:i32[]}, {@code True:bool[]},
   * {@code nan:f32[]}, {@code 1065353216:u32[]}.
   *
   * @param l the literal
   * @return a literal's text
   */
  public static String literal(Literal l) {
    return JaxprDocBuilder.literal(l);
  }
}
