package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;
import org.junit.jupiter.api.Test;

/**
 * Every non-leaf {@link KernelOp} on every dtype it is defined on, as a one-op loop kernel,
 * assembled by ptxas for sm_90 (one module per result dtype); ops the dtype does not support
 * must be refused with a message naming op and dtype.
 */
public class PtxOpCoverageTest {
  private static final Shape SPACE = Shape.of(3, 5);

  static KernelProgram program(List<DType> ins, DType out, Kernel k) {
    List<KernelProgram.Value> values = new ArrayList<>();
    for (int i = 0; i < ins.size(); i++) {
      values.add(new KernelProgram.Value(i, new ShapedArray(SPACE, ins.get(i), false),
          KernelProgram.Source.INPUT, i, null));
    }
    values.add(new KernelProgram.Value(ins.size(), new ShapedArray(SPACE, out, false),
        KernelProgram.Source.KERNEL, 0, null));
    return new KernelProgram(values, List.of(k), List.of(ins.size()));
  }

  /** A loop kernel computing {@code op} of loads of {@code ins}. */
  static KernelProgram oneOp(String name, KernelOp op, List<DType> ins, DType out, int param) {
    List<Node> nodes = new ArrayList<>();
    List<Integer> args = new ArrayList<>();
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < ins.size(); i++) {
      nodes.add(Node.load(i, ins.get(i), List.of(IndexExpr.axis(0), IndexExpr.axis(1))));
      args.add(i);
      inputs.add(i);
    }
    nodes.add(Node.apply(op, out, args, param));
    Kernel k = new Kernel(0, name, Kernel.Kind.LOOP, SPACE, List.of(), inputs,
        List.of(ins.size()), nodes, List.of(new Kernel.Store(0, nodes.size() - 1)), List.of(),
        List.of(), List.of(), null, List.of(0));
    return program(ins, out, k);
  }

  static List<DType> operandTypes(KernelOp op, DType d) {
    return switch (op.arity()) {
      case UNARY -> List.of(d);
      case BINARY -> List.of(d, d);
      case NARY -> op == KernelOp.SELECT ? List.of(DType.INT32, d, d, d) : List.of(d, d, d);
      default -> List.of();
    };
  }

  static DType resultType(KernelOp op, DType d) {
    return switch (op) {
      case EQ, NE, LT, LE, GT, GE, IS_FINITE -> DType.BOOL;
      default -> d;
    };
  }

  @Test
  void everyOpOnEveryDtypeAssembles() {
    int refused = 0;
    int total = 0;
    for (DType d : DType.values()) {
      List<PtxKernel> kernels = new ArrayList<>();
      for (KernelOp op : KernelOp.values()) {
        if (op.arity() == KernelOp.Arity.LEAF || op.arity() == KernelOp.Arity.COMBINER
            || op == KernelOp.CONVERT) {
          continue;
        }
        int param = op == KernelOp.INTEGER_POW ? 5 : op == KernelOp.REDUCE_PRECISION ? 5002 : 0;
        String name = "k_" + op.textName() + "_" + d.shortName();
        KernelProgram p = oneOp(name, op, operandTypes(op, d), resultType(op, d), param);
        try {
          kernels.add(PtxKernelEmitter.emit(p, p.kernels().get(0)));
        } catch (IllegalArgumentException e) {
          assertTrue(e.getMessage().contains(op.textName()) && e.getMessage().contains(
              d.toString()), e.getMessage());
          refused++;
        }
        total++;
      }
      PtxasAssumptions.assertAssembles(kernels, "ops on " + d);
    }
    System.out.println("op coverage: " + (total - refused) + " op/dtype kernels assembled, "
        + refused + " refused as undefined");
  }

  @Test
  void negativeIntegerPowersAndSelectOnBool() {
    List<PtxKernel> kernels = new ArrayList<>();
    for (DType d : List.of(DType.FLOAT32, DType.FLOAT16, DType.FLOAT64, DType.BFLOAT16)) {
      KernelProgram p = oneOp("k_ipow_neg_" + d.shortName(), KernelOp.INTEGER_POW, List.of(d),
          d, -3);
      kernels.add(PtxKernelEmitter.emit(p, p.kernels().get(0)));
      KernelProgram z = oneOp("k_ipow_zero_" + d.shortName(), KernelOp.INTEGER_POW, List.of(d),
          d, 0);
      kernels.add(PtxKernelEmitter.emit(z, z.kernels().get(0)));
      KernelProgram s = oneOp("k_select_bool_" + d.shortName(), KernelOp.SELECT,
          List.of(DType.BOOL, d, d), d, 0);
      kernels.add(PtxKernelEmitter.emit(s, s.kernels().get(0)));
    }
    PtxasAssumptions.assertAssembles(kernels, "integer_pow and select variants");
  }

  @Test
  void everyConversionAssembles() {
    List<PtxKernel> kernels = new ArrayList<>();
    for (DType from : DType.values()) {
      for (DType to : DType.values()) {
        String name = "k_convert_" + from.shortName() + "_" + to.shortName();
        KernelProgram p = oneOp(name, KernelOp.CONVERT, List.of(from), to, 0);
        kernels.add(PtxKernelEmitter.emit(p, p.kernels().get(0)));
      }
    }
    assertEquals(DType.values().length * DType.values().length, kernels.size());
    PtxasAssumptions.assertAssembles(kernels, "conversions");
  }

  @Test
  void leavesAndCombinersAreNotOps() {
    KernelProgram p = oneOp("k_bad", KernelOp.REDUCE_SUM, List.of(DType.FLOAT32),
        DType.FLOAT32, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PtxKernelEmitter.emit(p, p.kernels().get(0)));
    assertTrue(e.getMessage().contains("reduce_sum"), e.getMessage());
  }

  @Test
  void constantsAndIndexLeaves() {
    List<Node> nodes = List.of(
        Node.index(IndexExpr.floorDiv(IndexExpr.add(IndexExpr.scale(IndexExpr.axis(0), -3),
            IndexExpr.axis(1)), 4)),
        Node.index(IndexExpr.mod(IndexExpr.add(IndexExpr.axis(1), -7), 3, Long.MAX_VALUE)),
        Node.apply(KernelOp.ADD, DType.INT64, List.of(0, 1), 0),
        Node.constant(Array.scalar(2.5, DType.FLOAT16)),
        Node.apply(KernelOp.CONVERT, DType.FLOAT16, List.of(2), 0),
        Node.apply(KernelOp.MUL, DType.FLOAT16, List.of(3, 4), 0),
        Node.load(0, DType.FLOAT16, List.of(IndexExpr.clamp(IndexExpr.add(IndexExpr.axis(0),
            -1), 0, 2), IndexExpr.add(IndexExpr.scale(IndexExpr.axis(1), -1), 4))),
        Node.apply(KernelOp.ADD, DType.FLOAT16, List.of(5, 6), 0));
    Kernel k = new Kernel(0, "k_index", Kernel.Kind.LOOP, SPACE, List.of(), List.of(0),
        List.of(1), nodes, List.of(new Kernel.Store(0, 7)), List.of(), List.of(), List.of(),
        null, List.of(0));
    KernelProgram p = program(List.of(DType.FLOAT16), DType.FLOAT16, k);
    PtxKernel ptx = PtxKernelEmitter.emit(p, k);
    assertTrue(ptx.ptx().contains(".visible .entry k_index("), ptx.ptx());
    assertTrue(ptx.ptx().contains("div.s64"), "floor division lowered");
    PtxasAssumptions.assertAssembles(List.of(ptx), "index expressions");
  }
}
