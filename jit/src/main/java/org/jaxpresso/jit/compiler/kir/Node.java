package org.jaxpresso.jit.compiler.kir;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;

/**
 * One scalar operation of a kernel's op graph, computed once per point of the index space. Nodes
 * are numbered by their position in {@link Kernel#nodes()}; operands always come earlier.
 *
 * @param op the operation
 * @param dtype the dtype of its result ({@code int64} for {@link KernelOp#INDEX})
 * @param args the operand node numbers
 * @param input for {@link KernelOp#LOAD}: the position in {@link Kernel#inputs()}; else -1
 * @param index for {@link KernelOp#LOAD}: one expression per dimension of the input; for
 *     {@link KernelOp#INDEX}: the single expression; else empty
 * @param constant for {@link KernelOp#CONST}: the 0-d value; else null
 * @param param for {@link KernelOp#INTEGER_POW}: the exponent; for {@link
 *     KernelOp#REDUCE_PRECISION}: exponent bits * 1000 + mantissa bits; for {@link
 *     KernelOp#REDUCED}: the reduction's number in {@link Kernel#reductions()}; else 0
 * @param eqn the number of the jaxpr equation the node computes (its position in the compiled
 *     program's jaxpr, so generated code can carry it as a line number), or -1 when unknown
 */
public record Node(KernelOp op, DType dtype, List<Integer> args, int input,
    List<IndexExpr> index, Array constant, int param, int eqn) {
  /** Copies the lists. */
  public Node {
    args = List.copyOf(args);
    index = List.copyOf(index);
  }

  /**
   * A node whose equation is unknown ({@code eqn = -1}).
   *
   * @param op the operation
   * @param dtype the dtype of its result
   * @param args the operand node numbers
   * @param input the input position of a load, else -1
   * @param index the index expressions of a load or index node
   * @param constant the 0-d value of a constant, else null
   * @param param the op's integer parameter
   */
  public Node(KernelOp op, DType dtype, List<Integer> args, int input, List<IndexExpr> index,
      Array constant, int param) {
    this(op, dtype, args, input, index, constant, param, -1);
  }

  /**
   * This node attributed to equation {@code eqn}.
   *
   * @param eqn the equation number, or -1
   * @return this node with {@code eqn} as its equation number
   */
  public Node withEqn(int eqn) {
    return eqn == this.eqn ? this : new Node(op, dtype, args, input, index, constant, param, eqn);
  }

  /**
   * This node reading {@code args} instead (same op, dtype, parameters and equation).
   *
   * @param args the new operand node numbers
   * @return this node with operands {@code args}
   */
  public Node withArgs(List<Integer> args) {
    return new Node(op, dtype, args, input, index, constant, param, eqn);
  }

  /**
   * A load of input {@code input} at {@code index}.
   *
   * @param input the position of the input buffer
   * @param dtype the element type of the result
   * @param index the index expression of each dimension
   * @return a load of input {@code input} at {@code index}
   */
  public static Node load(int input, DType dtype, List<IndexExpr> index) {
    return new Node(KernelOp.LOAD, dtype, List.of(), input, index, null, 0);
  }

  /**
   * The constant {@code value} (0-d).
   *
   * @param value the 0-d constant
   * @return the constant {@code value} (0-d)
   */
  public static Node constant(Array value) {
    return new Node(KernelOp.CONST, value.dtype(), List.of(), -1, List.of(), value, 0);
  }

  /**
   * The int64 value of {@code expr}.
   *
   * @param expr the index expression
   * @return the int64 value of {@code expr}
   */
  public static Node index(IndexExpr expr) {
    return new Node(KernelOp.INDEX, DType.INT64, List.of(), -1, List.of(expr), null, 0);
  }

  /**
   * The final value of reduction {@code reduction} (epilogues only).
   *
   * @param reduction the reduction's position in the kernel
   * @param dtype the element type of the result
   * @return the final value of reduction {@code reduction} (epilogues only)
   */
  public static Node reduced(int reduction, DType dtype) {
    return new Node(KernelOp.REDUCED, dtype, List.of(), -1, List.of(), null, reduction);
  }

  /**
   * {@code op} applied to {@code args}, with result dtype {@code dtype}.
   *
   * @param op the operation
   * @param dtype the element type of the result
   * @param args the ids of the operand nodes
   * @param param the op's integer parameter (see {@link KernelOp})
   * @return {@code op} applied to {@code args}, with result dtype {@code dtype}
   */
  public static Node apply(KernelOp op, DType dtype, List<Integer> args, int param) {
    return new Node(op, dtype, args, -1, List.of(), null, param);
  }
}
