package org.jaxpresso.runtime.cpu.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.lax.semantics.Conversion;
import org.objectweb.asm.MethodVisitor;

/**
 * Scalar code for op graphs that mix dtypes (an int8 kernel with bool logic, a float16 value
 * converted to float32 for a sum, a compare of floats counted as int32): each node is computed
 * in the Java type of its own dtype, a double for floats (rounded to the node's dtype after
 * every op, as the reference evaluator does) and an int for bool and the integers up to 32 bits
 * (bools 0 or 1, 8- and 16-bit values sign- or zero-extended, uint32 as its bits), and {@code
 * convert_element_type} converts between them with {@link Conversion}'s semantics: floats to
 * integers truncate toward zero and saturate, NaN gives 0; anything to bool is {@code != 0};
 * integers to floats are exact in double and then rounded once.
 */
final class MixedScalar {
  private static final String MATH = BodyWriter.PACKAGE + "CpuMath";
  private static final String SELF = BodyWriter.PACKAGE + "MixedScalar";
  private static final DType[] DTYPES = DType.values();

  private MixedScalar() {}

  private static final String OPS = BodyWriter.PACKAGE + "ScalarMath";

  /** Whether mixed scalar code holds {@code d}: every dtype. */
  static boolean supported(DType d) {
    return true;
  }

  /** Whether a value of {@code d} is an int (not a double or long) in the scalar code. */
  static boolean isInt(DType d) {
    return !d.isFloating() && !isLong(d);
  }

  /** Whether a value of {@code d} is a long in the scalar code: int64 and uint64. */
  static boolean isLong(DType d) {
    return d == DType.INT64 || d == DType.UINT64;
  }

  /** The JVM array descriptor holding elements of {@code d}. */
  static String array(DType d) {
    return switch (d) {
      case BOOL, INT8, UINT8 -> "[B";
      case INT16, UINT16, FLOAT16, BFLOAT16 -> "[S";
      case FLOAT32 -> "[F";
      case FLOAT64 -> "[D";
      case INT64, UINT64 -> "[J";
      default -> "[I";
    };
  }

  /**
   * Whether every node of {@code nodes} has a mixed scalar form: supported dtypes, compares of
   * two operands of one dtype, three-way selects on a bool, converts, and every other op on
   * operands of its own dtype with a scalar form for it (bools: logic, max and min only).
   */
  static boolean accepts(List<Node> nodes) {
    for (Node n : nodes) {
      DType d = n.dtype();
      if (!supported(d)) {
        return false;
      }
      List<Integer> a = n.args();
      KernelOp op = n.op();
      boolean ok = switch (op) {
        case LOAD, CONST, REDUCED -> true;
        case CONVERT -> supported(nodes.get(a.get(0)).dtype());
        case SELECT -> a.size() >= 3 && !nodes.get(a.get(0)).dtype().isFloating()
            && a.subList(1, a.size()).stream().allMatch(k -> nodes.get(k).dtype() == d);
        case ERF_INV, NEXTAFTER, REDUCE_PRECISION -> d.isFloating()
            && a.stream().allMatch(k -> nodes.get(k).dtype() == d);
        default -> {
          if (OpTable.yieldsBool(op)) {
            DType o = nodes.get(a.get(0)).dtype();
            boolean same = a.stream().allMatch(k -> nodes.get(k).dtype() == o);
            yield d == DType.BOOL && same && scalarForm(op, o);
          }
          boolean same = a.stream().allMatch(k -> nodes.get(k).dtype() == d);
          if (d == DType.BOOL) {
            yield same && switch (op) {
              case AND, OR, XOR, NOT, MAX, MIN, CLAMP -> true;
              default -> false;
            };
          }
          yield same && scalarForm(op, d);
        }
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean scalarForm(KernelOp op, DType d) {
    if (op == KernelOp.SQUARE || op == KernelOp.INTEGER_POW) {
      return true;
    }
    if (isLong(d)) {
      return switch (op) {
        case NEG, SIGN, ADD, SUB, MUL, DIV, REM, MAX, MIN, AND, OR, XOR, NOT, EQ, NE, LT, LE, GT,
            GE, CLAMP, SHIFT_LEFT, SHIFT_RIGHT_LOGICAL, SHIFT_RIGHT_ARITHMETIC, POPULATION_COUNT,
            CLZ -> true;
        case ABS -> d == DType.INT64;
        default -> false;
      };
    }
    if (isInt(d)) {
      if (op == KernelOp.NOT) {
        return true;
      }
      if (bitOp(op)) {
        return d != DType.BOOL;
      }
      OpTable.Scalar s = d == DType.UINT32 ? OpTable.uintScalar(op) : OpTable.intScalar(op);
      boolean unsignedAbs = op == KernelOp.ABS && d.isUnsigned();
      return !unsignedAbs && (s.kind() == OpTable.ScalarKind.INSN
          || s.kind() == OpTable.ScalarKind.CALL);
    }
    OpTable.Scalar s = OpTable.scalar(op);
    return s.kind() == OpTable.ScalarKind.INSN || s.kind() == OpTable.ScalarKind.CALL;
  }

  /** Whether {@code op} is a shift or bit count (int code: a {@link ScalarMath} call). */
  private static boolean bitOp(KernelOp op) {
    return switch (op) {
      case SHIFT_LEFT, SHIFT_RIGHT_LOGICAL, SHIFT_RIGHT_ARITHMETIC, POPULATION_COUNT, CLZ -> true;
      default -> false;
    };
  }

  /** Loads the element (array and index on the stack) of an array of {@code d} as a value. */
  static void loadElement(MethodVisitor mv, DType d) {
    switch (d) {
      case BOOL, INT8 -> mv.visitInsn(BALOAD);
      case UINT8 -> {
        mv.visitInsn(BALOAD);
        wrap(mv, d);
      }
      case INT16 -> mv.visitInsn(SALOAD);
      case UINT16 -> {
        mv.visitInsn(SALOAD);
        wrap(mv, d);
      }
      case FLOAT16, BFLOAT16 -> {
        mv.visitInsn(SALOAD);
        mv.visitMethodInsn(INVOKESTATIC, MATH, half(d) + "Load", "(S)D", false);
      }
      case FLOAT32 -> {
        mv.visitInsn(FALOAD);
        mv.visitInsn(F2D);
      }
      case FLOAT64 -> mv.visitInsn(DALOAD);
      case INT64, UINT64 -> mv.visitInsn(LALOAD);
      default -> mv.visitInsn(IALOAD);
    }
  }

  /** Stores the value on the stack into the element (array, index below it) of {@code d}. */
  static void storeElement(MethodVisitor mv, DType d) {
    switch (d) {
      case BOOL, INT8, UINT8 -> mv.visitInsn(BASTORE);
      case INT16, UINT16 -> mv.visitInsn(SASTORE);
      case FLOAT16, BFLOAT16 -> {
        mv.visitMethodInsn(INVOKESTATIC, MATH, half(d) + "Store", "(D)S", false);
        mv.visitInsn(SASTORE);
      }
      case FLOAT32 -> {
        mv.visitInsn(D2F);
        mv.visitInsn(FASTORE);
      }
      case FLOAT64 -> mv.visitInsn(DASTORE);
      case INT64, UINT64 -> mv.visitInsn(LASTORE);
      default -> mv.visitInsn(IASTORE);
    }
  }

  /** The load instruction of a local holding a value of {@code d}. */
  static int loadInsn(DType d) {
    return isInt(d) ? ILOAD : isLong(d) ? LLOAD : DLOAD;
  }

  /** The store instruction of a local holding a value of {@code d}. */
  static int storeInsn(DType d) {
    return isInt(d) ? ISTORE : isLong(d) ? LSTORE : DSTORE;
  }

  /**
   * Emits node {@code i} (not a load or reduced leaf) reading its operands from {@code local}
   * and storing its value there.
   */
  static void node(MethodVisitor mv, List<Node> nodes, int i, int[] local) {
    Node n = nodes.get(i);
    DType d = n.dtype();
    List<Integer> a = n.args();
    KernelOp op = n.op();
    DType o0 = a.isEmpty() ? d : nodes.get(a.get(0)).dtype();
    if (op != KernelOp.CONVERT && op != KernelOp.SELECT && (isLong(d) || isLong(o0))) {
      LongScalar.node(mv, nodes, i, local);
      mv.visitVarInsn(storeInsn(d), local[i]);
      return;
    }
    switch (op) {
      case CONST -> {
        if (isInt(d)) {
          mv.visitLdcInsn((int) n.constant().getLong(0));
        } else {
          mv.visitLdcInsn(n.constant().getDouble(0));
        }
      }
      case CONVERT -> {
        DType from = nodes.get(a.get(0)).dtype();
        mv.visitVarInsn(loadInsn(from), local[a.get(0)]);
        convert(mv, from, d);
      }
      case SELECT -> {
        if (a.size() == 3 && o0 == DType.BOOL && !isLong(d)) {
          mv.visitVarInsn(ILOAD, local[a.get(0)]);
          mv.visitVarInsn(loadInsn(d), local[a.get(1)]);
          mv.visitVarInsn(loadInsn(d), local[a.get(2)]);
          mv.visitMethodInsn(INVOKESTATIC, MATH, isInt(d) ? "iselect" : "select",
              isInt(d) ? "(III)I" : "(IDD)D", false);
        } else {
          selectN(mv, nodes, i, local);
        }
      }
      case ERF_INV -> {
        mv.visitVarInsn(DLOAD, local[a.get(0)]);
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, "erfInv", "(DI)D", false);
        round(mv, d);
      }
      case NEXTAFTER -> {
        mv.visitVarInsn(DLOAD, local[a.get(0)]);
        mv.visitVarInsn(DLOAD, local[a.get(1)]);
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, "nextAfter", "(DDI)D", false);
      }
      case REDUCE_PRECISION -> {
        mv.visitVarInsn(DLOAD, local[a.get(0)]);
        mv.visitLdcInsn(d.ordinal());
        mv.visitLdcInsn(n.param());
        mv.visitMethodInsn(INVOKESTATIC, OPS, "reducePrecision", "(DII)D", false);
      }
      case SHIFT_LEFT, SHIFT_RIGHT_LOGICAL, SHIFT_RIGHT_ARITHMETIC, POPULATION_COUNT, CLZ -> {
        for (int k : a) {
          mv.visitVarInsn(ILOAD, local[k]);
        }
        mv.visitLdcInsn(d.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, LongScalar.bitName(op),
            a.size() == 2 ? "(III)I" : "(II)I", false);
        finish(mv, d);
      }
      case SQUARE -> {
        mv.visitVarInsn(loadInsn(d), local[a.get(0)]);
        mv.visitInsn(isInt(d) ? DUP : DUP2);
        mv.visitInsn(isInt(d) ? IMUL : DMUL);
        finish(mv, d);
      }
      case INTEGER_POW -> {
        mv.visitVarInsn(loadInsn(d), local[a.get(0)]);
        mv.visitLdcInsn(n.param());
        if (isInt(d)) {
          mv.visitMethodInsn(INVOKESTATIC, MATH, "ipow", "(II)I", false);
          finish(mv, d);
        } else {
          mv.visitLdcInsn(switch (d) {
            case FLOAT16 -> 2;
            case BFLOAT16 -> 3;
            case FLOAT32 -> 1;
            default -> 0;
          });
          mv.visitMethodInsn(INVOKESTATIC, MATH, "integerPow", "(DII)D", false);
        }
      }
      case NOT -> {
        mv.visitVarInsn(ILOAD, local[a.get(0)]);
        mv.visitLdcInsn(d == DType.BOOL ? 1 : -1);
        mv.visitInsn(IXOR);
        finish(mv, d);
      }
      default -> {
        DType o = a.isEmpty() ? d : nodes.get(a.get(0)).dtype();
        OpTable.Scalar s = !isInt(o) ? OpTable.scalar(op)
            : o == DType.UINT32 ? OpTable.uintScalar(op) : OpTable.intScalar(op);
        for (int k : a) {
          mv.visitVarInsn(loadInsn(o), local[k]);
        }
        if (s.kind() == OpTable.ScalarKind.INSN) {
          mv.visitInsn(s.opcode());
        } else if (s.kind() == OpTable.ScalarKind.CALL) {
          mv.visitMethodInsn(INVOKESTATIC, s.owner(), s.name(), s.desc(), false);
        } else {
          throw new IllegalStateException("no scalar form for " + op.textName() + " on " + o);
        }
        if (!OpTable.yieldsBool(op)) {
          finish(mv, d);
        }
      }
    }
    mv.visitVarInsn(storeInsn(d), local[i]);
  }

  /**
   * {@code select_n} with an integer predicate or more than two cases: the case index ({@link
   * ScalarMath#selectIndex}, clamped as the reference) picks one of the cases' locals.
   */
  private static void selectN(MethodVisitor mv, List<Node> nodes, int i, int[] local) {
    Node n = nodes.get(i);
    List<Integer> a = n.args();
    DType p = nodes.get(a.get(0)).dtype();
    int cases = a.size() - 1;
    mv.visitVarInsn(loadInsn(p), local[a.get(0)]);
    mv.visitLdcInsn(cases);
    mv.visitLdcInsn(p.ordinal());
    mv.visitMethodInsn(INVOKESTATIC, OPS, isLong(p) ? "selectIndexLong" : "selectIndex",
        isLong(p) ? "(JII)I" : "(III)I", false);
    org.objectweb.asm.Label end = new org.objectweb.asm.Label();
    int load = loadInsn(n.dtype());
    for (int c = 0; c < cases - 1; c++) {
      org.objectweb.asm.Label next = new org.objectweb.asm.Label();
      mv.visitInsn(DUP);
      mv.visitLdcInsn(c);
      mv.visitJumpInsn(IF_ICMPNE, next);
      mv.visitInsn(POP);
      mv.visitVarInsn(load, local[a.get(c + 1)]);
      mv.visitJumpInsn(GOTO, end);
      mv.visitLabel(next);
    }
    mv.visitInsn(POP);
    mv.visitVarInsn(load, local[a.get(cases)]);
    mv.visitLabel(end);
  }

  /** Brings the result of an op of dtype {@code d} to {@code d}: rounds floats, wraps ints. */
  static void finish(MethodVisitor mv, DType d) {
    if (d.isFloating()) {
      round(mv, d);
    } else if (d != DType.BOOL) {
      wrap(mv, d);
    }
  }

  /** Rounds the double on the stack to float dtype {@code d} (nearest even). */
  static void round(MethodVisitor mv, DType d) {
    switch (d) {
      case FLOAT16, BFLOAT16 -> mv.visitMethodInsn(INVOKESTATIC, MATH, half(d) + "Round",
          "(D)D", false);
      case FLOAT32 -> {
        mv.visitInsn(D2F);
        mv.visitInsn(F2D);
      }
      default -> { }
    }
  }

  /** Wraps the int on the stack to integer dtype {@code d} (8 and 16 bits: sign or zero). */
  static void wrap(MethodVisitor mv, DType d) {
    switch (d) {
      case INT8 -> mv.visitInsn(I2B);
      case INT16 -> mv.visitInsn(I2S);
      case UINT16 -> mv.visitInsn(I2C);
      case UINT8 -> {
        mv.visitLdcInsn(0xFF);
        mv.visitInsn(IAND);
      }
      default -> { }
    }
  }

  /** Converts the value of {@code from} on the stack to {@code to}. */
  static void convert(MethodVisitor mv, DType from, DType to) {
    if (from == to) {
      return;
    }
    if (isLong(from) || isLong(to)) {
      convertLong(mv, from, to);
      return;
    }
    if (to == DType.BOOL) {
      if (isInt(from)) {
        mv.visitLdcInsn(0);
        mv.visitMethodInsn(INVOKESTATIC, MATH, "ine", "(II)I", false);
      } else {
        mv.visitLdcInsn(0.0);
        mv.visitMethodInsn(INVOKESTATIC, MATH, "ne", "(DD)I", false);
      }
    } else if (!isInt(from) && !isInt(to)) {
      round(mv, to);
    } else if (!isInt(from)) {
      mv.visitLdcInsn(to.ordinal());
      mv.visitMethodInsn(INVOKESTATIC, SELF, "floatToInt", "(DI)I", false);
    } else if (!isInt(to)) {
      if (from == DType.UINT32) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
        mv.visitInsn(L2D);
      } else {
        mv.visitInsn(I2D);
      }
      round(mv, to);
    } else {
      // Ints up to 32 bits: the bits of the wider value, wrapped to the narrower dtype.
      wrap(mv, to);
    }
  }

  /** Converts to or from int64/uint64 (held as longs; the two share their bits). */
  private static void convertLong(MethodVisitor mv, DType from, DType to) {
    if (isLong(from) && isLong(to)) {
      return;
    }
    if (isLong(from)) {
      if (to == DType.BOOL) {
        mv.visitLdcInsn(0L);
        mv.visitMethodInsn(INVOKESTATIC, OPS, "ne", "(JJ)I", false);
      } else if (to.isFloating()) {
        mv.visitLdcInsn(from == DType.UINT64 ? 1 : 0);
        mv.visitLdcInsn(to.ordinal());
        mv.visitMethodInsn(INVOKESTATIC, OPS, "longToFloat", "(JZI)D", false);
      } else {
        mv.visitInsn(L2I);
        wrap(mv, to);
      }
    } else if (from.isFloating()) {
      mv.visitLdcInsn(to.ordinal());
      mv.visitMethodInsn(INVOKESTATIC, OPS, "floatToLong", "(DI)J", false);
    } else if (from == DType.UINT32) {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
    } else {
      mv.visitInsn(I2L);
    }
  }

  /**
   * {@code v} converted to the integer dtype numbered {@code dtype} ({@link DType#ordinal()}),
   * as {@link Conversion#floatToInt} does, as the int the scalar code holds.
   *
   * @param v the value
   * @param dtype the ordinal of an integer dtype of at most 32 bits
   * @return the converted value
   */
  public static int floatToInt(double v, int dtype) {
    return (int) Conversion.floatToInt(v, DTYPES[dtype]);
  }

  private static String half(DType d) {
    return d == DType.FLOAT16 ? "f16" : "bf16";
  }
}
