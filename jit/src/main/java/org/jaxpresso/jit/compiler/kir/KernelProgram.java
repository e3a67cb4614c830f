package org.jaxpresso.jit.compiler.kir;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;

/**
 * A compiled program in kernel IR: numbered values (program inputs, constants, literals and
 * kernel results) and the kernels that compute them, in execution order. Its {@link #toString()}
 * is the {@code .kir} text (see {@link KirPrinter}).
 *
 * @param values every value, indexed by id
 * @param kernels the kernels, in an order where each runs after the kernels it reads from
 * @param outputs the value ids of the program's outputs
 */
public record KernelProgram(List<Value> values, List<Kernel> kernels, List<Integer> outputs) {
  /** Copies the lists. */
  public KernelProgram {
    values = List.copyOf(values);
    kernels = List.copyOf(kernels);
    outputs = List.copyOf(outputs);
  }

  /** Where a value comes from. */
  public enum Source {
    /** A program argument ({@link Value#position()} is its number). */
    INPUT,
    /** A closed-over constant ({@link Value#constant()} holds it). */
    CONST,
    /** A scalar literal ({@link Value#constant()} holds it). */
    LITERAL,
    /** A kernel result ({@link Value#position()} is the kernel id). */
    KERNEL
  }

  /**
   * A value of the program.
   *
   * @param id its number
   * @param aval its type
   * @param source where it comes from
   * @param position the argument number (inputs) or kernel id (kernel results); else -1
   * @param constant the value of constants and literals; else null
   */
  public record Value(int id, ShapedArray aval, Source source, int position, Array constant) {}

  /**
   * The number of program arguments.
   *
   * @return the number of program arguments
   */
  public int inputCount() {
    int n = 0;
    for (Value v : values) {
      n += v.source() == Source.INPUT ? 1 : 0;
    }
    return n;
  }

  /** The {@code .kir} text. */
  @Override
  public String toString() {
    return KirPrinter.print(this);
  }
}
