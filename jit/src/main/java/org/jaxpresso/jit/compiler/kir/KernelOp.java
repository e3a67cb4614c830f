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

  /** The lax primitive {@code neg} on one element. */
  NEG(Arity.UNARY, "neg"),
  /** The lax primitive {@code sign} on one element. */
  SIGN(Arity.UNARY, "sign"),
  /** The lax primitive {@code abs} on one element. */
  ABS(Arity.UNARY, "abs"),
  /** The lax primitive {@code floor} on one element. */
  FLOOR(Arity.UNARY, "floor"),
  /** The lax primitive {@code ceil} on one element. */
  CEIL(Arity.UNARY, "ceil"),
  /** {@code round} to nearest, ties to even. */
  ROUND_EVEN(Arity.UNARY, "round"),
  /** {@code round} to nearest, ties away from zero. */
  ROUND_AWAY(Arity.UNARY, "round"),
  /** The lax primitive {@code is_finite} on one element. */
  IS_FINITE(Arity.UNARY, "is_finite"),
  /** The lax primitive {@code square} on one element. */
  SQUARE(Arity.UNARY, "square"),
  /** {@code x ** n} for the static exponent {@link Node#param()}. */
  INTEGER_POW(Arity.UNARY, "integer_pow"),
  /** The lax primitive {@code exp} on one element. */
  EXP(Arity.UNARY, "exp"),
  /** The lax primitive {@code exp2} on one element. */
  EXP2(Arity.UNARY, "exp2"),
  /** The lax primitive {@code expm1} on one element. */
  EXPM1(Arity.UNARY, "expm1"),
  /** The lax primitive {@code log} on one element. */
  LOG(Arity.UNARY, "log"),
  /** The lax primitive {@code log1p} on one element. */
  LOG1P(Arity.UNARY, "log1p"),
  /** The lax primitive {@code tanh} on one element. */
  TANH(Arity.UNARY, "tanh"),
  /** The lax primitive {@code logistic} on one element. */
  LOGISTIC(Arity.UNARY, "logistic"),
  /** The lax primitive {@code sin} on one element. */
  SIN(Arity.UNARY, "sin"),
  /** The lax primitive {@code cos} on one element. */
  COS(Arity.UNARY, "cos"),
  /** The lax primitive {@code tan} on one element. */
  TAN(Arity.UNARY, "tan"),
  /** The lax primitive {@code asin} on one element. */
  ASIN(Arity.UNARY, "asin"),
  /** The lax primitive {@code acos} on one element. */
  ACOS(Arity.UNARY, "acos"),
  /** The lax primitive {@code atan} on one element. */
  ATAN(Arity.UNARY, "atan"),
  /** The lax primitive {@code sinh} on one element. */
  SINH(Arity.UNARY, "sinh"),
  /** The lax primitive {@code cosh} on one element. */
  COSH(Arity.UNARY, "cosh"),
  /** The lax primitive {@code asinh} on one element. */
  ASINH(Arity.UNARY, "asinh"),
  /** The lax primitive {@code acosh} on one element. */
  ACOSH(Arity.UNARY, "acosh"),
  /** The lax primitive {@code atanh} on one element. */
  ATANH(Arity.UNARY, "atanh"),
  /** The lax primitive {@code sqrt} on one element. */
  SQRT(Arity.UNARY, "sqrt"),
  /** The lax primitive {@code rsqrt} on one element. */
  RSQRT(Arity.UNARY, "rsqrt"),
  /** The lax primitive {@code cbrt} on one element. */
  CBRT(Arity.UNARY, "cbrt"),
  /** The lax primitive {@code erf} on one element. */
  ERF(Arity.UNARY, "erf"),
  /** The lax primitive {@code erfc} on one element. */
  ERFC(Arity.UNARY, "erfc"),
  /** The lax primitive {@code erf_inv} on one element. */
  ERF_INV(Arity.UNARY, "erf_inv"),
  /** The lax primitive {@code lgamma} on one element. */
  LGAMMA(Arity.UNARY, "lgamma"),
  /** The lax primitive {@code digamma} on one element. */
  DIGAMMA(Arity.UNARY, "digamma"),
  /** The lax primitive {@code not} on one element. */
  NOT(Arity.UNARY, "not"),
  /** The lax primitive {@code population_count} on one element. */
  POPULATION_COUNT(Arity.UNARY, "population_count"),
  /** The lax primitive {@code clz} on one element. */
  CLZ(Arity.UNARY, "clz"),
  /** {@code convert_element_type} from the operand's dtype to the node's. */
  CONVERT(Arity.UNARY, "convert_element_type"),
  /** {@code reduce_precision}; {@link Node#param()} packs exponent bits * 1000 + mantissa bits. */
  REDUCE_PRECISION(Arity.UNARY, "reduce_precision"),

  /** The lax primitive {@code add} on one element. */
  ADD(Arity.BINARY, "add"),
  /** The lax primitive {@code sub} on one element. */
  SUB(Arity.BINARY, "sub"),
  /** The lax primitive {@code mul} on one element. */
  MUL(Arity.BINARY, "mul"),
  /** The lax primitive {@code div} on one element. */
  DIV(Arity.BINARY, "div"),
  /** The lax primitive {@code rem} on one element. */
  REM(Arity.BINARY, "rem"),
  /** The lax primitive {@code max} on one element. */
  MAX(Arity.BINARY, "max"),
  /** The lax primitive {@code min} on one element. */
  MIN(Arity.BINARY, "min"),
  /** The lax primitive {@code atan2} on one element. */
  ATAN2(Arity.BINARY, "atan2"),
  /** The lax primitive {@code nextafter} on one element. */
  NEXTAFTER(Arity.BINARY, "nextafter"),
  /** The lax primitive {@code pow} on one element. */
  POW(Arity.BINARY, "pow"),
  /** The lax primitive {@code and} on one element. */
  AND(Arity.BINARY, "and"),
  /** The lax primitive {@code or} on one element. */
  OR(Arity.BINARY, "or"),
  /** The lax primitive {@code xor} on one element. */
  XOR(Arity.BINARY, "xor"),
  /** The lax primitive {@code shift_left} on one element. */
  SHIFT_LEFT(Arity.BINARY, "shift_left"),
  /** The lax primitive {@code shift_right_arithmetic} on one element. */
  SHIFT_RIGHT_ARITHMETIC(Arity.BINARY, "shift_right_arithmetic"),
  /** The lax primitive {@code shift_right_logical} on one element. */
  SHIFT_RIGHT_LOGICAL(Arity.BINARY, "shift_right_logical"),
  /** The lax primitive {@code eq} on one element. */
  EQ(Arity.BINARY, "eq"),
  /** The lax primitive {@code ne} on one element. */
  NE(Arity.BINARY, "ne"),
  /** The lax primitive {@code lt} on one element. */
  LT(Arity.BINARY, "lt"),
  /** The lax primitive {@code le} on one element. */
  LE(Arity.BINARY, "le"),
  /** The lax primitive {@code gt} on one element. */
  GT(Arity.BINARY, "gt"),
  /** The lax primitive {@code ge} on one element. */
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

  /**
   * The op's arity class.
   *
   * @return the op's arity class
   */
  public Arity arity() {
    return arity;
  }

  /**
   * The lax primitive whose semantics this op has, or null for leaves.
   *
   * @return the lax primitive whose semantics this op has, or null for leaves
   */
  public String primitiveName() {
    return primitiveName;
  }

  /**
   * The op's name in {@code .kir} text: lower case.
   *
   * @return the op's name in {@code .kir} text: lower case
   */
  public String textName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
