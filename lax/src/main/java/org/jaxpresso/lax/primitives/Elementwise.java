package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.semantics.Conversion;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.semantics.FloatOps;
import org.jaxpresso.lax.semantics.IntOps;
import org.jaxpresso.lax.internal.elementwise.Kernels;
import org.jaxpresso.lax.internal.elementwise.Rules;

/**
 * Elementwise arithmetic primitives: one declaration each, with its shape/dtype rule (JAX's
 * {@code standard_naryop}/{@code standard_unop}) and a reference implementation with XLA's CPU
 * semantics (see {@link IntOps} for integer corner cases and {@link FloatOps} for floats).
 * Transcendental functions are in {@link Transcendental}, bitwise ops in {@link Bitwise},
 * comparisons in {@link Comparisons}, dtype changes in {@link Conversions}, and {@code
 * select_n}/{@code clamp} in {@link Selection}.
 */
public final class Elementwise {
  private Elementwise() {}

  /** {@code add x y}: num, same dtypes, lax broadcasting; integers wrap. */
  public static final Primitive ADD = Factories.binary("add", DTypeSet.NUM,
      (x, y, d) -> x + y, (x, y, d) -> x + y);

  /** {@code sub x y}: num. */
  public static final Primitive SUB = Factories.binary("sub", DTypeSet.NUM,
      (x, y, d) -> x - y, (x, y, d) -> x - y);

  /**
   * {@code mul x y}: num; param {@code out_dtype} (None: the operands' dtype, and then hidden
   * in jaxprs); with a dtype, operands may differ and are converted to it first.
   */
  public static final Primitive MUL = Primitive.builder("mul")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(mulRule(avals, params)))
      .impl((args, params) -> {
        ShapedArray out = mulRule(LaxSupport.avals(args), params);
        Array x = castTo(args.get(0), out.dtype());
        Array y = castTo(args.get(1), out.dtype());
        return List.of(Kernels.binary(out, x, y, (a, b, d) -> a * b, (a, b, d) -> a * b));
      })
      .printedParams(p -> Rules.hideIfNone(p, "out_dtype"))
      .build();

  /** {@code div x y}: num; integers truncate toward zero ({@code x/0 == -1}, see IntOps). */
  public static final Primitive DIV = Factories.binary("div", DTypeSet.NUM,
      (x, y, d) -> x / y, IntOps::div);

  /** {@code rem x y}: int or float; the sign of the dividend (C fmod). */
  public static final Primitive REM = Factories.binary("rem", DTypeSet.INT_OR_FLOAT,
      (x, y, d) -> x % y, IntOps::rem);

  /** {@code max x y}: any dtype; NaN-propagating on floats. */
  public static final Primitive MAX = Factories.binary("max", DTypeSet.ANY,
      (x, y, d) -> FloatOps.max(x, y), IntOps::max);

  /** {@code min x y}: any dtype; NaN-propagating on floats. */
  public static final Primitive MIN = Factories.binary("min", DTypeSet.ANY,
      (x, y, d) -> FloatOps.min(x, y), IntOps::min);

  /** {@code atan2 x y}: float; the angle of the point (y, x) as C's {@code atan2(x, y)}. */
  public static final Primitive ATAN2 = Factories.binary("atan2", DTypeSet.FLOAT_OR_COMPLEX,
      (x, y, d) -> Math.atan2(x, y), null);

  /** {@code nextafter x y}: float; the next value of x's dtype from x toward y. */
  public static final Primitive NEXTAFTER = Factories.binary("nextafter", DTypeSet.FLOAT,
      FloatOps::nextAfter, null);

  /**
   * {@code pow x y}: x float, y integer or the same float dtype (JAX's rule, with its message);
   * an integer exponent is converted to x's dtype first, as XLA does.
   */
  public static final Primitive POW = Primitive.builder("pow")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(powRule(avals)))
      .impl((args, params) -> {
        ShapedArray out = powRule(LaxSupport.avals(args));
        Array y = castTo(args.get(1), out.dtype());
        return List.of(Kernels.binary(out, args.get(0), y, (a, b, d) -> FloatOps.pow(a, b), null));
      })
      .build();

  /** {@code neg x}: num; integers wrap. */
  public static final Primitive NEG = Factories.unary("neg", DTypeSet.NUM, null, false,
      (x, d) -> -x, (x, d) -> IntOps.neg(x));

  /** {@code sign x}: num; -1, 0 or 1 (±0 and NaN kept for floats; 0 or 1 for unsigned). */
  public static final Primitive SIGN = Factories.unary("sign", DTypeSet.NUM, null, false,
      (x, d) -> Math.signum(x), IntOps::sign);

  /** {@code abs x}: signed integers and floats; {@code abs(INT_MIN) == INT_MIN}. */
  public static final Primitive ABS = Factories.unary("abs", DTypeSet.SIGNED_NUM, null, false,
      (x, d) -> Math.abs(x), (x, d) -> Math.abs(x));

  /** {@code floor x}: float. */
  public static final Primitive FLOOR = Factories.unary("floor", DTypeSet.FLOAT, null, false,
      (x, d) -> Math.floor(x), null);

  /** {@code ceil x}: float. */
  public static final Primitive CEIL = Factories.unary("ceil", DTypeSet.FLOAT, null, false,
      (x, d) -> Math.ceil(x), null);

  /** {@code round[rounding_method=0|1] x}: float; see {@link RoundingMethod}. */
  public static final Primitive ROUND = Primitive.builder("round")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(Rules.unary("round", DTypeSet.FLOAT, null, avals)))
      .impl((args, params) -> {
        ShapedArray out = Rules.unary("round", DTypeSet.FLOAT, null, LaxSupport.avals(args));
        boolean even = params.get("rounding_method") == RoundingMethod.TO_NEAREST_EVEN;
        return List.of(Kernels.unary(out, args.get(0),
            even ? (x, d) -> Math.rint(x) : (x, d) -> FloatOps.roundHalfAwayFromZero(x), null));
      })
      .build();

  /** {@code is_finite x}: float -> bool. */
  public static final Primitive IS_FINITE = Factories.unary("is_finite", DTypeSet.FLOAT,
      DType.BOOL, false, (x, d) -> FloatOps.isFinite(x), null);

  /** {@code square x}: num; {@code x * x} (integers wrap). */
  public static final Primitive SQUARE = Factories.unary("square", DTypeSet.NUM, null, false,
      (x, d) -> x * x, (x, d) -> x * x);

  /**
   * {@code integer_pow[y=n] x}: num with a static integer exponent (negative only for floats:
   * {@code Integers cannot be raised to negative powers, got integer_pow(int32[3], -1)});
   * repeated squaring in the dtype, as JAX lowers it.
   */
  public static final Primitive INTEGER_POW = Primitive.builder("integer_pow")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(integerPowRule(avals, params)))
      .impl((args, params) -> {
        ShapedArray out = integerPowRule(LaxSupport.avals(args), params);
        int y = params.getInt("y");
        return List.of(Kernels.unary(out, args.get(0),
            (x, d) -> FloatOps.integerPow(x, y, d), (x, d) -> IntOps.pow(x, y)));
      })
      .build();

  /** {@code copy x}: any dtype; an identical new array (the aval, weak type included, kept). */
  public static final Primitive COPY = Primitive.builder("copy")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> {
        Rules.checkArity("copy", 1, avals);
        return List.of(avals.get(0));
      })
      .impl((args, params) -> {
        Array x = args.get(0);
        return List.of(Array.wrap(x.aval(), x.host().copy()));
      })
      .build();

  /**
   * {@code stop_gradient x}: the identity on values (arrays are immutable, so the input itself
   * is returned); differentiation treats it as a constant.
   */
  public static final Primitive STOP_GRADIENT = Primitive.builder("stop_gradient")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> {
        Rules.checkArity("stop_gradient", 1, avals);
        return List.of(avals.get(0));
      })
      .impl((args, params) -> List.of(args.get(0)))
      .build();

  private static ShapedArray mulRule(List<ShapedArray> avals, Params params) {
    DType outDtype = params.has("out_dtype") ? params.get("out_dtype", DType.class) : null;
    if (outDtype == null) {
      return Rules.nary("mul", DTypeSet.NUM, null, avals, 2);
    }
    Rules.checkArity("mul", 2, avals);
    ShapedArray r = new ShapedArray(LaxSupport.broadcastingShape("mul", avals),
        outDtype.canonical(), LaxSupport.allWeak(avals));
    for (int i = 0; i < 2; i++) {
      DTypeSet.NUM.checkAt("mul", i, avals.get(i));
    }
    return r;
  }

  private static ShapedArray powRule(List<ShapedArray> avals) {
    Rules.checkArity("pow", 2, avals);
    ShapedArray x = avals.get(0);
    ShapedArray y = avals.get(1);
    var shape = LaxSupport.broadcastingShape("pow", avals);
    DTypeSet.FLOAT_OR_COMPLEX.checkAt("pow", 0, x);
    DTypeSet.NUM.checkAt("pow", 1, y);
    if (!y.dtype().isInteger() && x.dtype() != y.dtype()) {
      throw new JaxTypeError("the first argument to pow must have an inexact dtype (float or "
          + "complex), and the second argument must have an inexact or integer dtype, and two "
          + "inexact dtypes must match, but got " + x.dtype() + " and " + y.dtype()
          + " respectively.");
    }
    return new ShapedArray(shape, x.dtype(), LaxSupport.allWeak(avals));
  }

  private static ShapedArray integerPowRule(List<ShapedArray> avals, Params params) {
    ShapedArray out = Rules.unary("integer_pow", DTypeSet.NUM, null, avals);
    int y = params.getInt("y");
    if (y < 0 && out.dtype().isInteger()) {
      throw new JaxTypeError("Integers cannot be raised to negative powers, got integer_pow("
          + avals.get(0).str() + ", " + y + ")");
    }
    return out;
  }

  /** {@code x} converted elementwise to {@code dtype} (itself when it already has it). */
  static Array castTo(Array x, DType dtype) {
    if (x.dtype() == dtype) {
      return x;
    }
    int n = Math.toIntExact(x.aval().size());
    HostBuffer src = x.host();
    HostBuffer dst = HostBuffer.allocate(dtype, n);
    for (int i = 0; i < n; i++) {
      Conversion.convert(src, i, dst, i);
    }
    return Array.wrap(x.aval().withDType(dtype), dst);
  }

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
