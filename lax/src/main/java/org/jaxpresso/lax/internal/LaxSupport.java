package org.jaxpresso.lax.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;

/** Rules shared by the primitive declarations: operand conversion, dtype and shape checks. */
public final class LaxSupport {
  private LaxSupport() {}

  /** JAX's {@code _JNP_FUNCTION_EQUIVALENTS}: the lenient jnp function a strict lax error points to. */
  private static final Map<String, String> JNP_EQUIVALENTS = Map.ofEntries(
      Map.entry("abs", "fabs"), Map.entry("acos", "arccos"), Map.entry("acosh", "arccosh"),
      Map.entry("add", "add"), Map.entry("asin", "arcsin"), Map.entry("asinh", "arcsinh"),
      Map.entry("atan", "arctan"), Map.entry("atan2", "arctan2"), Map.entry("atanh", "arctanh"),
      Map.entry("bitwise_and", "bitwise_and"), Map.entry("bitwise_not", "bitwise_not"),
      Map.entry("bitwise_or", "bitwise_or"), Map.entry("bitwise_xor", "bitwise_xor"),
      Map.entry("cbrt", "cbrt"), Map.entry("ceil", "ceil"), Map.entry("concatenate", "concatenate"),
      Map.entry("cos", "cos"), Map.entry("cosh", "cosh"), Map.entry("div", "divide"),
      Map.entry("eq", "equal"), Map.entry("exp", "exp"), Map.entry("expm1", "expm1"),
      Map.entry("floor", "floor"), Map.entry("greater", "greater"),
      Map.entry("greater_equal", "greater_equal"), Map.entry("less", "less"),
      Map.entry("less_equal", "less_equal"), Map.entry("log", "log"),
      Map.entry("logical_and", "logical_and"), Map.entry("logical_not", "logical_not"),
      Map.entry("logical_or", "logical_or"), Map.entry("logical_xor", "logical_xor"),
      Map.entry("log1p", "log1p"), Map.entry("max", "maximum"), Map.entry("min", "minimum"),
      Map.entry("mul", "multiply"), Map.entry("ne", "not_equal"), Map.entry("neg", "negative"),
      Map.entry("nextafter", "nextafter"), Map.entry("pow", "float_power"),
      Map.entry("round", "round"), Map.entry("select", "where"),
      Map.entry("shift_left", "left_shift"), Map.entry("shift_right_logical", "right_shift"),
      Map.entry("shift_right_arithmetic", "right_shift"), Map.entry("sign", "sign"),
      Map.entry("sin", "sin"), Map.entry("sinh", "sinh"), Map.entry("sqrt", "sqrt"),
      Map.entry("sub", "subtract"), Map.entry("tan", "tan"), Map.entry("tanh", "tanh"));

  /**
   * An operand as an array: an {@link NDArray} as is; a Java {@code Number} or {@code Boolean}
   * as the weakly typed 0-d array JAX makes from a Python scalar.
   *
   * @param x the operand: an array or a Java scalar
   * @return an operand as an array
   * @throws IllegalArgumentException for anything else
   */
  public static NDArray asArray(Object x) {
    return x instanceof NDArray a ? a : Array.fromJavaScalar(x);
  }

  /**
   * {@link #asArray} of each operand.
   *
   * @param xs the input arrays
   * @return {@link #asArray} of each operand
   */
  public static List<NDArray> asArrays(Object... xs) {
    List<NDArray> out = new ArrayList<>(xs.length);
    for (Object x : xs) {
      out.add(asArray(x));
    }
    return out;
  }

  /**
   * The avals of the operands.
   *
   * @param xs the input arrays
   * @return the avals of the operands
   */
  public static List<ShapedArray> avals(List<? extends NDArray> xs) {
    List<ShapedArray> out = new ArrayList<>(xs.size());
    for (NDArray x : xs) {
      out.add(x.aval());
    }
    return out;
  }

  /**
   * Checks that all operands share one dtype, raising JAX's error otherwise:
   * {@code lax.add requires arguments to have the same dtypes, got int32, float32. (Tip: jnp.add
   * is a similar function that does automatic type promotion on inputs).}
   *
   * @param name the operation's name, for error messages
   * @param avals the abstract values (shape and dtype) of the inputs
   */
  public static void checkSameDtypes(String name, List<ShapedArray> avals) {
    if (avals.isEmpty()) {
      return;
    }
    DType first = avals.get(0).dtype();
    for (ShapedArray a : avals) {
      if (a.dtype() != first) {
        String got = avals.stream().map(x -> x.dtype().longName()).collect(Collectors.joining(", "));
        String msg = "lax." + name + " requires arguments to have the same dtypes, got " + got + ".";
        String jnp = JNP_EQUIVALENTS.get(name);
        if (jnp != null) {
          msg += " (Tip: jnp." + jnp
              + " is a similar function that does automatic type promotion on inputs).";
        }
        throw new JaxTypeError(msg);
      }
    }
  }

  /**
   * The shape rule of lax's n-ary elementwise ops: rank-0 operands broadcast; the others must
   * have equal rank ({@code add: arrays must have the same number of dimensions, got {1, 2}})
   * and, per dimension, equal sizes or 1 ({@code add got incompatible shapes for broadcasting:
   * (3,), (4,).}).
   *
   * @param name the operation's name, for error messages
   * @param avals the abstract values (shape and dtype) of the inputs
   * @return the shape rule of lax's n-ary elementwise ops
   */
  public static Shape broadcastingShape(String name, List<ShapedArray> avals) {
    List<Shape> shapes = new ArrayList<>();
    for (ShapedArray a : avals) {
      if (a.rank() > 0) {
        shapes.add(a.shape());
      }
    }
    if (shapes.isEmpty()) {
      return Shape.SCALAR;
    }
    TreeSet<Integer> ranks = new TreeSet<>();
    for (Shape s : shapes) {
      ranks.add(s.rank());
    }
    if (ranks.size() != 1) {
      String set = ranks.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
      throw new JaxTypeError(name + ": arrays must have the same number of dimensions, got " + set);
    }
    int rank = ranks.first();
    int[] out = new int[rank];
    for (int d = 0; d < rank; d++) {
      int size = 1;
      for (Shape s : shapes) {
        int n = s.dim(d);
        if (n != 1) {
          if (size != 1 && size != n) {
            String all = shapes.stream().map(Shape::toString).collect(Collectors.joining(", "));
            throw new JaxTypeError(name + " got incompatible shapes for broadcasting: " + all + ".");
          }
          size = n;
        }
      }
      // all sizes 1 -> 1; any zero-size dim against 1 stays 0
      out[d] = size;
    }
    return Shape.of(out);
  }

  /**
   * Whether every operand is weakly typed (the result of an n-ary op is weak iff so).
   *
   * @param avals the abstract values (shape and dtype) of the inputs
   * @return whether every operand is weakly typed (the result of an n-ary op is weak iff so)
   */
  public static boolean allWeak(List<ShapedArray> avals) {
    for (ShapedArray a : avals) {
      if (!a.weakType()) {
        return false;
      }
    }
    return !avals.isEmpty();
  }

  /**
   * Normalizes and checks an axis for an operation: must be in {@code [0, rank)} (lax does not
   * wrap negatives).
   *
   * @param name the operation's name, for error messages
   * @param axis the axis to operate along; negative values count from the end
   * @param rank the number of dimensions
   * @return the axis, checked
   */
  public static int checkAxis(String name, int axis, int rank) {
    if (axis < 0 || axis >= rank) {
      throw new JaxTypeError(name + " axis " + axis + " is out of bounds for array of rank " + rank);
    }
    return axis;
  }
}
