package org.jaxpresso.runtime.cpu.codegen;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * What one generated class computes: an op graph over float values of one dtype, read through
 * load slots and written by stores (a loop body) or folded by reductions (a reduction body).
 *
 * @param simpleName the class's simple name ({@code K0007_sin_mul_f32})
 * @param sourceFile the {@code SourceFile} attribute: the program's dump name
 * @param line the line number of the body (the first equation's number + 1)
 * @param dtype the float dtype of the values (16-bit floats only in scalar bodies)
 * @param nodes the op graph
 * @param slotOfNode for each node, its load slot or -1
 * @param slotArg for each load slot, the index of its array in {@code in}
 * @param slotStride for each load slot, its element stride along the inner segment
 * @param stores the stores (loop bodies)
 * @param outputs the number of output arrays (loop bodies)
 * @param reductions the reductions (reduction bodies)
 * @param rowMode for reductions: whether the whole segment folds into one element
 * @param vector whether to emit the Vector API loop before the scalar one
 * @param accTypes for reduction bodies, each accumulator array's element type (float32,
 *     float64, int32 or int64: see {@link ReduceAccumulators}); empty: the arrays of {@code
 *     dtype}
 * @param mixed whether the nodes mix dtypes: scalar code only, each node in the Java type of its
 *     own dtype ({@link MixedScalar}), each load slot and output an array of its node's dtype;
 *     {@code dtype} is then the dtype of the reduced values (reduction bodies)
 */
record BodySpec(String simpleName, String sourceFile, int line, DType dtype, List<Node> nodes,
    int[] slotOfNode, int[] slotArg, long[] slotStride, List<Kernel.Store> stores, int outputs,
    List<Kernel.Reduction> reductions, boolean rowMode, boolean vector, List<DType> accTypes,
    boolean mixed) {

  /** A body over one dtype (not mixed). */
  BodySpec(String simpleName, String sourceFile, int line, DType dtype, List<Node> nodes,
      int[] slotOfNode, int[] slotArg, long[] slotStride, List<Kernel.Store> stores, int outputs,
      List<Kernel.Reduction> reductions, boolean rowMode, boolean vector, List<DType> accTypes) {
    this(simpleName, sourceFile, line, dtype, nodes, slotOfNode, slotArg, slotStride, stores,
        outputs, reductions, rowMode, vector, accTypes, false);
  }

  /** A body whose accumulators (if any) are arrays of {@code dtype}. */
  BodySpec(String simpleName, String sourceFile, int line, DType dtype, List<Node> nodes,
      int[] slotOfNode, int[] slotArg, long[] slotStride, List<Kernel.Store> stores, int outputs,
      List<Kernel.Reduction> reductions, boolean rowMode, boolean vector) {
    this(simpleName, sourceFile, line, dtype, nodes, slotOfNode, slotArg, slotStride, stores,
        outputs, reductions, rowMode, vector, List.of());
  }

  /** Whether this is a reduction body. */
  boolean isReduce() {
    return !reductions.isEmpty();
  }
}
