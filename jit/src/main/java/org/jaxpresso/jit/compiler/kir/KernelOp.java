package org.jaxpresso.jit.compiler.kir;

/**
 * The closed set of scalar operations of the kernel IR. A backend maps each with an exhaustive
 * {@code switch} (no {@code default}), so a backend that misses an op does not compile.
 *
 * <p>Semantics are those of the lax primitive named by {@link #primitiveName()}, on one element:
 * floats compute in double and round to the node's dtype after every op; integers compute in a
 * long and wrap to the node's width (see the lax reference kernels for division by zero, shifts
 * and conversions). {@link #LOAD}, {@link #CONST}, {@link #INDEX} and {@link #REDUCED} are the
 * leaves; the {@link Arity#COMBINER} ops appear only as the combiner of a {@link
 * Kernel.Reduction}.
 */
public enum KernelOp {
  /** Reads an input buffer at an index (see {@link Node#index()}). */
  LOAD(Arity.LEAF, null),
  /** A constant (see {@link Node#constant()}). */
  CONST(Arity.LEAF, null),
  /** The int64 value of an index expression (iota, pad bounds). */
  INDEX(Arity.LEAF, null),
  /**
   * In a reduction kernel's epilogue: the final value of reduction number {@link Node#param()}
   * at the current output index, rounded or wrapped to its dtype as if stored and reloaded.
   */
  REDUCED(Arity.LEAF, null),

  NEG(Arity.UNARY, "neg"),
  SIGN(Arity.UNARY, "sign"),
  ABS(Arity.UNARY, "abs"),
  FLOOR(Arity.UNARY, "floor"),
  CEIL(Arity.UNARY, "ceil"),
  /** {@code round} to nearest, ties to even. */
  ROUND_EVEN(Arity.UNARY, "round"),
  /** {@code round} to nearest, ties away from zero. */
  ROUND_AWAY(Arity.UNARY, "round"),
  IS_FINITE(Arity.UNARY, "is_finite"),
  SQUARE(Arity.UNARY, "square"),
  /** {@code x ** n} for the static exponent {@link Node#param()}. */
  INTEGER_POW(Arity.UNARY, "integer_pow"),
  EXP(Arity.UNARY, "exp"),
  EXP2(Arity.UNARY, "exp2"),
  EXPM1(Arity.UNARY, "expm1"),
  LOG(Arity.UNARY, "log"),
  LOG1P(Arity.UNARY, "log1p"),
  TANH(Arity.UNARY, "tanh"),
  LOGISTIC(Arity.UNARY, "logistic"),
  SIN(Arity.UNARY, "sin"),
  COS(Arity.UNARY, "cos"),
  TAN(Arity.UNARY, "tan"),
  ASIN(Arity.UNARY, "asin"),
  ACOS(Arity.UNARY, "acos"),
  ATAN(Arity.UNARY, "atan"),
  SINH(Arity.UNARY, "sinh"),
  COSH(Arity.UNARY, "cosh"),
  ASINH(Arity.UNARY, "asinh"),
  ACOSH(Arity.UNARY, "acosh"),
  ATANH(Arity.UNARY, "atanh"),
  SQRT(Arity.UNARY, "sqrt"),
  RSQRT(Arity.UNARY, "rsqrt"),
  CBRT(Arity.UNARY, "cbrt"),
  ERF(Arity.UNARY, "erf"),
  ERFC(Arity.UNARY, "erfc"),
  ERF_INV(Arity.UNARY, "erf_inv"),
  LGAMMA(Arity.UNARY, "lgamma"),
  DIGAMMA(Arity.UNARY, "digamma"),
  NOT(Arity.UNARY, "not"),
  POPULATION_COUNT(Arity.UNARY, "population_count"),
  CLZ(Arity.UNARY, "clz"),
  /** {@code convert_element_type} from the operand's dtype to the node's. */
  CONVERT(Arity.UNARY, "convert_element_type"),
  /** {@code reduce_precision}; {@link Node#param()} packs exponent bits * 1000 + mantissa bits. */
  REDUCE_PRECISION(Arity.UNARY, "reduce_precision"),

  ADD(Arity.BINARY, "add"),
  SUB(Arity.BINARY, "sub"),
  MUL(Arity.BINARY, "mul"),
  DIV(Arity.BINARY, "div"),
  REM(Arity.BINARY, "rem"),
  MAX(Arity.BINARY, "max"),
  MIN(Arity.BINARY, "min"),
  ATAN2(Arity.BINARY, "atan2"),
  NEXTAFTER(Arity.BINARY, "nextafter"),
  POW(Arity.BINARY, "pow"),
  AND(Arity.BINARY, "and"),
  OR(Arity.BINARY, "or"),
  XOR(Arity.BINARY, "xor"),
  SHIFT_LEFT(Arity.BINARY, "shift_left"),
  SHIFT_RIGHT_ARITHMETIC(Arity.BINARY, "shift_right_arithmetic"),
  SHIFT_RIGHT_LOGICAL(Arity.BINARY, "shift_right_logical"),
  EQ(Arity.BINARY, "eq"),
  NE(Arity.BINARY, "ne"),
  LT(Arity.BINARY, "lt"),
  LE(Arity.BINARY, "le"),
  GT(Arity.BINARY, "gt"),
  GE(Arity.BINARY, "ge"),

  /** {@code select_n which case0 case1 ...}: at least two operands. */
  SELECT(Arity.NARY, "select_n"),
  /** {@code clamp lo x hi}. */
  CLAMP(Arity.NARY, "clamp"),

  /** Reduction combiner: sum (identity 0). */
  REDUCE_SUM(Arity.COMBINER, "reduce_sum"),
  /** Reduction combiner: product (identity 1). */
  REDUCE_PROD(Arity.COMBINER, "reduce_prod"),
  /** Reduction combiner: NaN-propagating max (identity -inf or the dtype's minimum). */
  REDUCE_MAX(Arity.COMBINER, "reduce_max"),
  /** Reduction combiner: NaN-propagating min (identity +inf or the dtype's maximum). */
  REDUCE_MIN(Arity.COMBINER, "reduce_min"),
  /** Reduction combiner: bitwise and (identity all ones). */
  REDUCE_AND(Arity.COMBINER, "reduce_and"),
  /** Reduction combiner: bitwise or (identity 0). */
  REDUCE_OR(Arity.COMBINER, "reduce_or"),
  /** Reduction combiner: bitwise xor (identity 0). */
  REDUCE_XOR(Arity.COMBINER, "reduce_xor"),
  /** Index of the first maximum along one axis (the first NaN wins). */
  ARGMAX(Arity.COMBINER, "argmax"),
  /** Index of the first minimum along one axis (the first NaN wins). */
  ARGMIN(Arity.COMBINER, "argmin");

  /** How many operands an op takes, and where it may appear. */
  public enum Arity {
    /** No operands: loads, constants, index values. */
    LEAF,
    /** One operand. */
    UNARY,
    /** Two operands. */
    BINARY,
    /** Three or more operands ({@code select}, {@code clamp}). */
    NARY,
    /** Only as the combiner of a reduction. */
    COMBINER
  }

  private final Arity arity;
  private final String primitiveName;

  KernelOp(Arity arity, String primitiveName) {
    this.arity = arity;
    this.primitiveName = primitiveName;
  }

  /** The op's arity class. */
  public Arity arity() {
    return arity;
  }

  /** The lax primitive whose semantics this op has, or null for leaves. */
  public String primitiveName() {
    return primitiveName;
  }

  /** The op's name in {@code .kir} text: lower case. */
  public String textName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
