package org.jaxpresso.jit.compiler.kir;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.jaxpr.Eqn;

/**
 * One kernel: a loop nest over an index space computing an op graph, or a library call.
 *
 * <ul>
 *   <li>{@link Kind#LOOP}: for every index of {@code space}, evaluate {@code nodes} and write each
 *       {@link Store} to its output at that index (outputs have the space's shape).
 *   <li>{@link Kind#REDUCE}: for every index of {@code space} in row-major order, evaluate the
 *       nodes and fold each {@link Reduction}'s value into the accumulator of its output element:
 *       the index with the {@code reduceAxes} removed. Accumulators start at the identity;
 *       floats accumulate in double and round once when stored, integers wrap. Then, for every
 *       index of that output space (whose axes are numbered {@code i0, i1, ...} in order), the
 *       {@code epilogue} graph runs with {@link KernelOp#REDUCED} leaves reading the finished
 *       reductions, and its {@code epilogueStores} write at that index.
 *   <li>{@link Kind#LIBRARY}: apply {@code call}'s primitive to the inputs (one per operand of
 *       the equation) giving the outputs (one per result). When the call is structured control
 *       flow ({@code while}, {@code cond}, {@code scan}), {@code controlFlow} holds its
 *       sub-jaxprs lowered to kernel programs, so backends run it as loops and branches around
 *       kernels instead of calling the primitive.
 * </ul>
 *
 * @param id the kernel's position in its program
 * @param name a deterministic name: {@code k<id>_<ops>_<dtype>}
 * @param kind the kind
 * @param space the index space (the output shape for loops, the operand shape for reductions,
 *     the first output's shape for library calls)
 * @param reduceAxes the reduced axes of a reduction kernel (sorted); empty otherwise
 * @param inputs the program values read, by position ({@link Node#input()} refers to these)
 * @param outputs the program values written, by position
 * @param nodes the op graph
 * @param stores the stores of a loop kernel
 * @param reductions the reductions of a reduction kernel
 * @param epilogue the op graph a reduction kernel computes per output element after reducing
 * @param epilogueStores the stores of the epilogue
 * @param call the equation a library kernel runs; null otherwise
 * @param eqns the numbers of the jaxpr equations this kernel computes (for messages and dumps)
 * @param controlFlow the lowered control flow of a library kernel whose call is {@code while},
 *     {@code cond} or {@code scan}; null otherwise
 */
public record Kernel(int id, String name, Kind kind, Shape space, List<Integer> reduceAxes,
    List<Integer> inputs, List<Integer> outputs, List<Node> nodes, List<Store> stores,
    List<Reduction> reductions, List<Node> epilogue, List<Store> epilogueStores, Eqn call,
    List<Integer> eqns, ControlFlow controlFlow) {
  /** Copies the lists. */
  public Kernel {
    reduceAxes = List.copyOf(reduceAxes);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    nodes = List.copyOf(nodes);
    stores = List.copyOf(stores);
    reductions = List.copyOf(reductions);
    epilogue = List.copyOf(epilogue);
    epilogueStores = List.copyOf(epilogueStores);
    eqns = List.copyOf(eqns);
  }

  /**
   * A kernel without control flow.
   *
   * @param id the kernel's position in its program
   * @param name a deterministic name
   * @param kind the kind
   * @param space the index space
   * @param reduceAxes the reduced axes of a reduction kernel
   * @param inputs the program values read
   * @param outputs the program values written
   * @param nodes the op graph
   * @param stores the stores of a loop kernel
   * @param reductions the reductions of a reduction kernel
   * @param epilogue the epilogue graph of a reduction kernel
   * @param epilogueStores the stores of the epilogue
   * @param call the equation a library kernel runs; null otherwise
   * @param eqns the numbers of the jaxpr equations this kernel computes
   */
  public Kernel(int id, String name, Kind kind, Shape space, List<Integer> reduceAxes,
      List<Integer> inputs, List<Integer> outputs, List<Node> nodes, List<Store> stores,
      List<Reduction> reductions, List<Node> epilogue, List<Store> epilogueStores, Eqn call,
      List<Integer> eqns) {
    this(id, name, kind, space, reduceAxes, inputs, outputs, nodes, stores, reductions, epilogue,
        epilogueStores, call, eqns, null);
  }

  /** What a kernel does. */
  public enum Kind {
    /** An elementwise loop nest with stores. */
    LOOP,
    /** A loop nest folding values into reductions. */
    REDUCE,
    /** A call of a library routine for one equation. */
    LIBRARY
  }

  /**
   * Writes node {@code node} to output {@code output} at the current index.
   *
   * @param output the position in {@link Kernel#outputs()}
   * @param node the node number
   */
  public record Store(int output, int node) {}

  /**
   * Folds node {@code node} into output {@code output}.
   *
   * @param combiner a {@link KernelOp.Arity#COMBINER} op
   * @param node the node number of the value folded
   * @param identity the accumulator's start value (0-d, in the value's dtype)
   * @param output the position in {@link Kernel#outputs()}, or -1 when only the epilogue reads
   *     the result
   * @param axis for {@link KernelOp#ARGMAX}/{@link KernelOp#ARGMIN}: the space axis whose index is
   *     the result; else -1
   */
  public record Reduction(KernelOp combiner, int node, Array identity, int output, int axis) {}

  /**
   * The shape of a reduction kernel's outputs: {@code space} without the reduced axes.
   *
   * @return the shape of a reduction kernel's outputs: {@code space} without the reduced axes
   */
  public Shape outputSpace() {
    int[] dims = space.dims();
    int[] kept = new int[dims.length - reduceAxes.size()];
    for (int d = 0, k = 0; d < dims.length; d++) {
      if (!reduceAxes.contains(d)) {
        kept[k++] = dims[d];
      }
    }
    return Shape.of(kept);
  }
}
