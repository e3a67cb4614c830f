package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.jit.compiler.kir.KernelOp;

/**
 * How the CPU backend computes each {@link KernelOp} on floats: a scalar form (one bytecode, a
 * {@link Math} method or a {@link CpuMath} helper, on doubles rounded to the dtype after every
 * op) and, where the Vector API has an equivalent, a vector form. Both are exhaustive switches
 * without {@code default}, so a new op does not compile until it is mapped here.
 */
final class OpTable {
  private OpTable() {}

  /** How a scalar op is emitted. */
  enum ScalarKind {
    /** A leaf (load, constant, reduced value): emitted by the walker. */
    LEAF,
    /** One bytecode on doubles. */
    INSN,
    /** A static method {@code owner.name(desc)}. */
    CALL,
    /** Not generated: the kernel falls back to the reference executor. */
    NONE
  }

  /** The scalar form of {@code op}: kind, owner, method name, descriptor (or opcode). */
  record Scalar(ScalarKind kind, String owner, String name, String desc, int opcode) {
    static Scalar math(String name, String desc) {
      return new Scalar(ScalarKind.CALL, "java/lang/Math", name, desc, 0);
    }

    static Scalar helper(String name, String desc) {
      return new Scalar(ScalarKind.CALL, "org/jaxpresso/runtime/cpu/codegen/CpuMath", name, desc,
          0);
    }

    /**
     * A reference special function ({@code SpecialFunctions.name(D)D}), the very method the
     * reference implementation calls, so the rounded results are bit-identical.
     */
    static Scalar special(String name) {
      return new Scalar(ScalarKind.CALL, "org/jaxpresso/lax/internal/elementwise/SpecialFunctions",
          name, D1, 0);
    }

    static Scalar insn(int opcode) {
      return new Scalar(ScalarKind.INSN, null, null, null, opcode);
    }
  }

  private static final String D1 = "(D)D";
  private static final String D2 = "(DD)D";
  private static final String CMP = "(DD)I";
  private static final Scalar NONE = new Scalar(ScalarKind.NONE, null, null, null, 0);
  private static final Scalar LEAF = new Scalar(ScalarKind.LEAF, null, null, null, 0);

  /** The scalar form of {@code op} on floats. */
  static Scalar scalar(KernelOp op) {
    return switch (op) {
      case LOAD, CONST, REDUCED -> LEAF;
      case INDEX -> NONE;
      case NEG -> Scalar.insn(org.objectweb.asm.Opcodes.DNEG);
      case SIGN -> Scalar.math("signum", D1);
      case ABS -> Scalar.math("abs", D1);
      case FLOOR -> Scalar.math("floor", D1);
      case CEIL -> Scalar.math("ceil", D1);
      case ROUND_EVEN -> Scalar.math("rint", D1);
      case ROUND_AWAY -> Scalar.helper("roundHalfAway", D1);
      case IS_FINITE -> Scalar.helper("isFinite", "(D)I");
      case SQUARE -> LEAF;
      case INTEGER_POW -> LEAF;
      case EXP -> Scalar.math("exp", D1);
      case EXP2 -> Scalar.helper("exp2", D1);
      case EXPM1 -> Scalar.math("expm1", D1);
      case LOG -> Scalar.math("log", D1);
      case LOG1P -> Scalar.math("log1p", D1);
      case TANH -> Scalar.math("tanh", D1);
      case SIN -> Scalar.math("sin", D1);
      case COS -> Scalar.math("cos", D1);
      case TAN -> Scalar.math("tan", D1);
      case ASIN -> Scalar.math("asin", D1);
      case ACOS -> Scalar.math("acos", D1);
      case ATAN -> Scalar.math("atan", D1);
      case SINH -> Scalar.math("sinh", D1);
      case COSH -> Scalar.math("cosh", D1);
      case SQRT -> Scalar.math("sqrt", D1);
      case RSQRT -> Scalar.helper("rsqrt", D1);
      case CBRT -> Scalar.math("cbrt", D1);
      case LOGISTIC -> Scalar.special("logistic");
      case ASINH -> Scalar.special("asinh");
      case ACOSH -> Scalar.special("acosh");
      case ATANH -> Scalar.special("atanh");
      case ERF -> Scalar.special("erf");
      case ERFC -> Scalar.special("erfc");
      case LGAMMA -> Scalar.special("lgamma");
      case DIGAMMA -> Scalar.special("digamma");
      // erf_inv, nextafter and reduce_precision depend on the dtype: MixedScalar emits them.
      case ERF_INV, NOT, POPULATION_COUNT, CLZ, CONVERT, REDUCE_PRECISION, NEXTAFTER, AND, OR, XOR,
          SHIFT_LEFT, SHIFT_RIGHT_ARITHMETIC, SHIFT_RIGHT_LOGICAL -> NONE;
      case ADD -> Scalar.insn(org.objectweb.asm.Opcodes.DADD);
      case SUB -> Scalar.insn(org.objectweb.asm.Opcodes.DSUB);
      case MUL -> Scalar.insn(org.objectweb.asm.Opcodes.DMUL);
      case DIV -> Scalar.insn(org.objectweb.asm.Opcodes.DDIV);
      case REM -> Scalar.insn(org.objectweb.asm.Opcodes.DREM);
      case MAX -> Scalar.math("max", D2);
      case MIN -> Scalar.math("min", D2);
      case ATAN2 -> Scalar.math("atan2", D2);
      case POW -> Scalar.helper("pow", D2);
      case EQ -> Scalar.helper("eq", CMP);
      case NE -> Scalar.helper("ne", CMP);
      case LT -> Scalar.helper("lt", CMP);
      case LE -> Scalar.helper("le", CMP);
      case GT -> Scalar.helper("gt", CMP);
      case GE -> Scalar.helper("ge", CMP);
      case SELECT -> Scalar.helper("select", "(IDD)D");
      case CLAMP -> Scalar.helper("clamp", "(DDD)D");
      case REDUCE_SUM, REDUCE_PROD, REDUCE_MAX, REDUCE_MIN, REDUCE_AND, REDUCE_OR, REDUCE_XOR,
          ARGMAX, ARGMIN -> NONE;
    };
  }

  /** How a vector op is emitted. */
  enum VectorKind {
    /** A leaf: emitted by the walker. */
    LEAF,
    /** A no-argument method of the vector class ({@code neg}, {@code abs}, {@code sqrt}). */
    METHOD0,
    /** A one-vector-argument method ({@code add}, {@code max}, ...). */
    METHOD1,
    /** {@code lanewise(VectorOperators.NAME)}. */
    UNARY_OP,
    /** {@code lanewise(VectorOperators.NAME, w)}. */
    BINARY_OP,
    /** {@code compare(VectorOperators.NAME, w)}: a mask. */
    COMPARE,
    /** {@code test(VectorOperators.NAME)}: a mask. */
    TEST,
    /** Emitted specially by the walker (square, rsqrt, select, clamp). */
    SPECIAL,
    /** No vector form: the kernel runs its scalar loop. */
    NONE
  }

  /** The vector form of {@code op}: its kind and the method or operator name. */
  record Vector(VectorKind kind, String name) {}

  /** The vector form of {@code op} on float or double lanes. */
  static Vector vector(KernelOp op) {
    return switch (op) {
      case LOAD, CONST, REDUCED -> new Vector(VectorKind.LEAF, null);
      case NEG -> new Vector(VectorKind.METHOD0, "neg");
      case ABS -> new Vector(VectorKind.METHOD0, "abs");
      case SQRT -> new Vector(VectorKind.METHOD0, "sqrt");
      case EXP, EXPM1, LOG, LOG1P, TANH, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, CBRT ->
          new Vector(VectorKind.UNARY_OP, op.name());
      case ADD -> new Vector(VectorKind.METHOD1, "add");
      case SUB -> new Vector(VectorKind.METHOD1, "sub");
      case MUL -> new Vector(VectorKind.METHOD1, "mul");
      case DIV -> new Vector(VectorKind.METHOD1, "div");
      case MAX -> new Vector(VectorKind.METHOD1, "max");
      case MIN -> new Vector(VectorKind.METHOD1, "min");
      case ATAN2 -> new Vector(VectorKind.BINARY_OP, "ATAN2");
      case EQ, NE, LT, LE, GT, GE -> new Vector(VectorKind.COMPARE, op.name());
      case SQUARE, RSQRT, SELECT, CLAMP -> new Vector(VectorKind.SPECIAL, null);
      case IS_FINITE -> new Vector(VectorKind.TEST, "IS_FINITE");
      case INDEX, SIGN, FLOOR, CEIL, ROUND_EVEN, ROUND_AWAY, INTEGER_POW, EXP2,
          ASINH, ACOSH, ATANH, ERF, ERFC, ERF_INV, LGAMMA, DIGAMMA, LOGISTIC, NOT,
          POPULATION_COUNT, CLZ, CONVERT, REDUCE_PRECISION, REM, NEXTAFTER, POW, AND, OR, XOR,
          SHIFT_LEFT, SHIFT_RIGHT_ARITHMETIC, SHIFT_RIGHT_LOGICAL, REDUCE_SUM, REDUCE_PROD,
          REDUCE_MAX, REDUCE_MIN, REDUCE_AND, REDUCE_OR, REDUCE_XOR, ARGMAX, ARGMIN ->
          new Vector(VectorKind.NONE, null);
    };
  }

  /**
   * The {@link VecMath} method computing {@code op} on float32 lanes (inlined into the kernel by
   * {@link Inliner}), or null where the Vector API operator is used.
   */
  static String vecMathF32(KernelOp op) {
    return switch (op) {
      case SIN -> "sin";
      case COS -> "cos";
      default -> null;
    };
  }

  private static final String I1 = "(I)I";
  private static final String I2 = "(II)I";

  /** The scalar form of {@code op} on int32 (int arithmetic wraps like the reference's). */
  static Scalar intScalar(KernelOp op) {
    return switch (op) {
      case LOAD, CONST, REDUCED, SQUARE, NOT, INTEGER_POW -> LEAF;
      case NEG -> Scalar.insn(org.objectweb.asm.Opcodes.INEG);
      case ABS -> new Scalar(ScalarKind.CALL, "java/lang/Math", "abs", I1, 0);
      case SIGN -> new Scalar(ScalarKind.CALL, "java/lang/Integer", "signum", I1, 0);
      case ADD -> Scalar.insn(org.objectweb.asm.Opcodes.IADD);
      case SUB -> Scalar.insn(org.objectweb.asm.Opcodes.ISUB);
      case MUL -> Scalar.insn(org.objectweb.asm.Opcodes.IMUL);
      case DIV -> Scalar.helper("idiv", I2);
      case REM -> Scalar.helper("irem", I2);
      case MAX -> new Scalar(ScalarKind.CALL, "java/lang/Math", "max", I2, 0);
      case MIN -> new Scalar(ScalarKind.CALL, "java/lang/Math", "min", I2, 0);
      case AND -> Scalar.insn(org.objectweb.asm.Opcodes.IAND);
      case OR -> Scalar.insn(org.objectweb.asm.Opcodes.IOR);
      case XOR -> Scalar.insn(org.objectweb.asm.Opcodes.IXOR);
      case EQ -> Scalar.helper("ieq", I2);
      case NE -> Scalar.helper("ine", I2);
      case LT -> Scalar.helper("ilt", I2);
      case LE -> Scalar.helper("ile", I2);
      case GT -> Scalar.helper("igt", I2);
      case GE -> Scalar.helper("ige", I2);
      case SELECT -> Scalar.helper("iselect", "(III)I");
      case CLAMP -> Scalar.helper("iclamp", "(III)I");
      case INDEX, FLOOR, CEIL, ROUND_EVEN, ROUND_AWAY, IS_FINITE, EXP, EXP2, EXPM1, LOG, LOG1P,
          TANH, LOGISTIC, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, ASINH, ACOSH, ATANH,
          SQRT, RSQRT, CBRT, ERF, ERFC, ERF_INV, LGAMMA, DIGAMMA, POPULATION_COUNT, CLZ,
          CONVERT, REDUCE_PRECISION, ATAN2, NEXTAFTER, POW, SHIFT_LEFT,
          SHIFT_RIGHT_ARITHMETIC, SHIFT_RIGHT_LOGICAL, REDUCE_SUM, REDUCE_PROD, REDUCE_MAX,
          REDUCE_MIN, REDUCE_AND, REDUCE_OR, REDUCE_XOR, ARGMAX, ARGMIN -> NONE;
    };
  }

  /**
   * The scalar form of {@code op} on uint32 held as int bits: the int32 form where the bits
   * alone decide, unsigned helpers ({@link UintMath}) where reading them as unsigned matters.
   */
  static Scalar uintScalar(KernelOp op) {
    String owner = "org/jaxpresso/runtime/cpu/codegen/UintMath";
    return switch (op) {
      case DIV -> new Scalar(ScalarKind.CALL, owner, "udiv", I2, 0);
      case REM -> new Scalar(ScalarKind.CALL, owner, "urem", I2, 0);
      case MAX -> new Scalar(ScalarKind.CALL, owner, "umax", I2, 0);
      case MIN -> new Scalar(ScalarKind.CALL, owner, "umin", I2, 0);
      case LT -> new Scalar(ScalarKind.CALL, owner, "ult", I2, 0);
      case LE -> new Scalar(ScalarKind.CALL, owner, "ule", I2, 0);
      case GT -> new Scalar(ScalarKind.CALL, owner, "ugt", I2, 0);
      case GE -> new Scalar(ScalarKind.CALL, owner, "uge", I2, 0);
      case SIGN -> new Scalar(ScalarKind.CALL, owner, "usign", I1, 0);
      case CLAMP -> new Scalar(ScalarKind.CALL, owner, "uclamp", "(III)I", 0);
      case ABS -> NONE;
      default -> intScalar(op);
    };
  }

  /** Whether {@code op} has a vector form on int32 lanes (no division: it traps on zero). */
  static boolean intVector(KernelOp op) {
    return switch (op) {
      case LOAD, CONST, REDUCED, NEG, ABS, ADD, SUB, MUL, MAX, MIN, EQ, NE, LT, LE, GT, GE,
          SELECT, CLAMP, SQUARE -> true;
      default -> false;
    };
  }

  /** Whether {@code op} yields a bool (a mask in vector code, 0/1 in scalar code). */
  static boolean yieldsBool(KernelOp op) {
    return switch (op) {
      case EQ, NE, LT, LE, GT, GE, IS_FINITE -> true;
      default -> false;
    };
  }
}
