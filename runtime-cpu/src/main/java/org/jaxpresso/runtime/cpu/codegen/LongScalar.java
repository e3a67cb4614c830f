package org.jaxpresso.runtime.cpu.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;
import org.objectweb.asm.MethodVisitor;

/**
 * The int64/uint64 nodes of mixed scalar code ({@link MixedScalar}): values held in a {@code
 * long} (uint64 as its bit pattern), so addition, subtraction, multiplication, negation and the
 * bitwise ops are the long bytecodes, which wrap as the reference's long arithmetic does; the
 * ops whose result depends on signedness or on XLA's corner cases call {@link ScalarMath} with
 * the dtype, and compares yield 0 or 1 in an int.
 */
final class LongScalar {
  private static final String OPS = BodyWriter.PACKAGE + "ScalarMath";

  private LongScalar() {}

  /** The {@link ScalarMath} method of a shift or bit count. */
  static String bitName(KernelOp op) {
    return switch (op) {
      case SHIFT_LEFT -> "shiftLeft";
      case SHIFT_RIGHT_LOGICAL -> "shiftRightLogical";
      case SHIFT_RIGHT_ARITHMETIC -> "shiftRightArithmetic";
      case POPULATION_COUNT -> "populationCount";
      case CLZ -> "clz";
      default -> throw new IllegalArgumentException("not a bit op: " + op.textName());
    };
  }

  /**
   * Emits node {@code i} (a constant or an op on longs, not a convert or select), leaving its
   * value on the stack: a long, or an int 0/1 for a compare.
   */
  static void node(MethodVisitor mv, List<Node> nodes, int i, int[] local) {
    Node n = nodes.get(i);
    List<Integer> a = n.args();
    KernelOp op = n.op();
    if (op == KernelOp.CONST) {
      mv.visitLdcInsn(n.constant().getLong(0));
      return;
    }
    DType d = nodes.get(a.get(0)).dtype();
    for (int k : a) {
      mv.visitVarInsn(LLOAD, local[k]);
    }
    String ll = "(JJI)J";
    switch (op) {
      case NEG -> mv.visitInsn(LNEG);
      case ADD -> mv.visitInsn(LADD);
      case SUB -> mv.visitInsn(LSUB);
      case MUL -> mv.visitInsn(LMUL);
      case AND -> mv.visitInsn(LAND);
      case OR -> mv.visitInsn(LOR);
      case XOR -> mv.visitInsn(LXOR);
      case NOT -> {
        mv.visitLdcInsn(-1L);
        mv.visitInsn(LXOR);
      }
      case SQUARE -> {
        mv.visitInsn(DUP2);
        mv.visitInsn(LMUL);
      }
      case ABS -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(J)J", false);
      case INTEGER_POW -> {
        mv.visitLdcInsn(n.param());
        mv.visitMethodInsn(INVOKESTATIC, OPS, "pow", "(JI)J", false);
      }
      case EQ, NE -> mv.visitMethodInsn(INVOKESTATIC, OPS, op == KernelOp.EQ ? "eq" : "ne",
          "(JJ)I", false);
      case LT, LE, GT, GE -> {
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, op.name().toLowerCase(java.util.Locale.ROOT),
            "(JJI)I", false);
      }
      case SIGN, POPULATION_COUNT, CLZ -> {
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, op == KernelOp.SIGN ? "sign" : bitName(op),
            "(JI)J", false);
      }
      case DIV, REM, MAX, MIN -> {
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, op.name().toLowerCase(java.util.Locale.ROOT), ll,
            false);
      }
      case SHIFT_LEFT, SHIFT_RIGHT_LOGICAL, SHIFT_RIGHT_ARITHMETIC -> {
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, bitName(op), ll, false);
      }
      case CLAMP -> {
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, "clamp", "(JJJI)J", false);
      }
      default -> throw new IllegalStateException("no long form for " + op.textName());
    }
  }
}
