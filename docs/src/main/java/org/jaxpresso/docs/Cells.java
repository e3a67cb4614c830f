package org.jaxpresso.docs;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;

/**
 * Prints a tour the way a notebook shows it: a heading per lesson, each cell's code after
 * {@code >>>}, then its value as the JAX tutorial shows it (an array's repr, a jaxpr's text, an
 * error's type and message).
 *
 * <pre>{@code
 * Cells cells = new Cells(System.out);
 * cells.lesson("2. NumPy, lax and type promotion");
 * cells.show("add(1, 1.0)", () -> add(1, 1.0));   // >>> add(1, 1.0)
 *                                                  // Array(2., dtype=float32, weak_type=True)
 * }</pre>
 */
public final class Cells {
  private final PrintStream out;

  /**
   * A printer of cells.
   *
   * @param out where the cells are printed
   */
  public Cells(PrintStream out) {
    this.out = out;
  }

  /**
   * The stream cells print to.
   *
   * @return the stream given to the constructor
   */
  public PrintStream out() {
    return out;
  }

  /**
   * Prints a lesson's heading, {@code == title ==}, after a blank line.
   *
   * @param title the lesson's title
   */
  public void lesson(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  /**
   * Prints a line of explanation, after {@code #}.
   *
   * @param text the explanation
   */
  public void note(String text) {
    out.println("# " + text);
  }

  /**
   * Prints a cell that has no value to show (a definition), and runs it.
   *
   * @param code the cell's Java code, as shown (continuation lines after {@code ...})
   * @param body what the cell does
   */
  public void run(String code, Runnable body) {
    printCode(code);
    body.run();
  }

  /**
   * Prints a cell, evaluates it and prints its value, or the JAX error it raises (as
   * {@code ErrorType: message}). Other exceptions are bugs, not lessons: they propagate.
   *
   * @param code the cell's Java code, as shown
   * @param body computes the cell's value
   */
  public void show(String code, Supplier<?> body) {
    printCode(code);
    Object value;
    try {
      value = body.get();
    } catch (RuntimeException e) {
      if (!isJaxError(e)) {
        throw e;
      }
      out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    out.println(format(value));
  }

  /** The code after {@code >>>}, its continuation lines after {@code ...}, as Python's prompt. */
  private void printCode(String code) {
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.println((i == 0 ? ">>> " : "... ") + lines[i]);
    }
  }

  /**
   * A value as the tutorial prints it: arrays by repr, Java arrays by their elements.
   *
   * @param value any value, or null
   * @return its text
   */
  public static String format(Object value) {
    return switch (value) {
      case null -> "null";
      case NDArray a -> a.repr();
      case int[] a -> Arrays.toString(a);
      case float[] a -> Arrays.toString(a);
      case double[] a -> Arrays.toString(a);
      case Object[] a -> Arrays.deepToString(a);
      default -> String.valueOf(value);
    };
  }

  /** Whether {@code e} is one of the errors JAX raises (the ones a cell may show). */
  static boolean isJaxError(RuntimeException e) {
    // every JAX error type (TracerBoolConversionError, NonConcreteBooleanIndexError, ...)
    // extends one of these three
    return e instanceof JaxTypeError || e instanceof JaxValueError || e instanceof JaxIndexError;
  }
}
