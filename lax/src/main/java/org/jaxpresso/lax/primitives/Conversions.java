package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.semantics.Conversion;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.internal.elementwise.Rules;

/**
 * Primitives that change an array's dtype: {@code convert_element_type} (value conversion with
 * XLA's CPU semantics, see {@link Conversion}), {@code bitcast_convert_type} (reinterpreting
 * bits) and {@code reduce_precision} (rounding to a narrower float format inside the same
 * dtype).
 */
public final class Conversions {
  private Conversions() {}

  /**
   * {@code convert_element_type[new_dtype=float32 weak_type=False] x}: any dtype to {@code
   * new_dtype}, shape kept, weak type from the param; {@code sharding} (None) is not printed.
   */
  public static final Primitive CONVERT_ELEMENT_TYPE = Primitive.builder("convert_element_type")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(convertRule(avals, params)))
      .impl((args, params) -> {
        ShapedArray out = convertRule(LaxSupport.avals(args), params);
        HostBuffer src = args.get(0).host();
        int n = Math.toIntExact(out.size());
        HostBuffer dst = HostBuffer.allocate(out.dtype(), n);
        for (int i = 0; i < n; i++) {
          Conversion.convert(src, i, dst, i);
        }
        return List.of(Array.wrap(out, dst));
      })
      .printedParams(p -> Rules.hideIfNone(p, "sharding"))
      .build();

  /**
   * {@code bitcast_convert_type[new_dtype=...] x}: the same bits read as {@code new_dtype}. Equal
   * widths keep the shape; a narrower target appends a dimension of {@code old/new} parts (least
   * significant first, as on little-endian CPUs); a wider one consumes a last dimension of
   * {@code new/old} parts. bool converts only to bool. Never weak.
   */
  public static final Primitive BITCAST_CONVERT_TYPE = Primitive.builder("bitcast_convert_type")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(bitcastRule(avals, params)))
      .impl((args, params) -> {
        ShapedArray out = bitcastRule(LaxSupport.avals(args), params);
        return List.of(bitcast(args.get(0), out));
      })
      .build();

  /**
   * {@code reduce_precision[exponent_bits=e mantissa_bits=m] x}: float; rounds each value to a
   * format with e exponent and m mantissa bits (nearest-even; out-of-range values become ±inf,
   * values below its smallest normal ±0), kept in x's dtype.
   */
  public static final Primitive REDUCE_PRECISION = Primitive.builder("reduce_precision")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(reducePrecisionRule(avals, params)))
      .impl((args, params) -> {
        ShapedArray out = reducePrecisionRule(LaxSupport.avals(args), params);
        int e = params.getInt("exponent_bits");
        int m = params.getInt("mantissa_bits");
        HostBuffer src = args.get(0).host();
        int n = Math.toIntExact(out.size());
        HostBuffer dst = HostBuffer.allocate(out.dtype(), n);
        for (int i = 0; i < n; i++) {
          long bits = Conversion.rawBits(src, i);
          Conversion.setRawBits(dst, i, Conversion.reducePrecision(bits, out.dtype(), e, m));
        }
        return List.of(Array.wrap(out, dst));
      })
      .build();

  private static ShapedArray convertRule(List<ShapedArray> avals, Params params) {
    Rules.checkArity("convert_element_type", 1, avals);
    DType to = params.dtype("new_dtype");
    boolean weak = params.getBoolean("weak_type");
    return new ShapedArray(avals.get(0).shape(), to, weak);
  }

  private static ShapedArray bitcastRule(List<ShapedArray> avals, Params params) {
    Rules.checkArity("bitcast_convert_type", 1, avals);
    ShapedArray x = avals.get(0);
    DType from = x.dtype();
    DType to = params.dtype("new_dtype");
    int oldBits = from.bits();
    int newBits = to.bits();
    Shape shape = x.shape();
    Shape outShape;
    if (oldBits == newBits) {
      outShape = shape;
    } else if (oldBits > newBits) {
      int[] dims = new int[shape.rank() + 1];
      for (int i = 0; i < shape.rank(); i++) {
        dims[i] = shape.dim(i);
      }
      dims[shape.rank()] = oldBits / newBits;
      outShape = Shape.of(dims);
    } else {
      int last = shape.rank() > 0 ? shape.dim(shape.rank() - 1) : 1;
      if ((long) last * oldBits != newBits) {
        throw new JaxValueError("Attempting to convert array of shape " + shape + " from " + from
            + " of size " + oldBits + " bits to " + to + " of size " + newBits + ", bits but "
            + last + " * " + oldBits + " != " + newBits);
      }
      int[] dims = new int[shape.rank() - 1];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = shape.dim(i);
      }
      outShape = Shape.of(dims);
    }
    if ((from.isBool() || to.isBool()) && from != to) {
      throw new JaxTypeError("lax.bitcast_convert_type does not support bool or complex values "
          + "unless the operand and destination types match. Got operand dtype=" + from
          + ", new_dtype=dtype('" + to + "'). Consider using the arr.view() method instead.");
    }
    return new ShapedArray(outShape, to, false);
  }

  private static Array bitcast(Array x, ShapedArray out) {
    HostBuffer src = x.host();
    int n = Math.toIntExact(out.size());
    HostBuffer dst = HostBuffer.allocate(out.dtype(), n);
    int oldBits = x.dtype().bits();
    int newBits = out.dtype().bits();
    if (oldBits >= newBits) {
      int parts = oldBits / newBits;
      long mask = newBits == 64 ? -1L : (1L << newBits) - 1;
      for (int i = 0; i < n; i++) {
        long bits = Conversion.rawBits(src, i / parts);
        Conversion.setRawBits(dst, i, (bits >>> ((i % parts) * newBits)) & mask);
      }
    } else {
      int parts = newBits / oldBits;
      for (int i = 0; i < n; i++) {
        long bits = 0;
        for (int k = 0; k < parts; k++) {
          bits |= Conversion.rawBits(src, i * parts + k) << (k * oldBits);
        }
        Conversion.setRawBits(dst, i, bits);
      }
    }
    return Array.wrap(out, dst);
  }

  private static ShapedArray reducePrecisionRule(List<ShapedArray> avals, Params params) {
    Rules.checkArity("reduce_precision", 1, avals);
    int e = params.getInt("exponent_bits");
    int m = params.getInt("mantissa_bits");
    if (e < 1) {
      throw new JaxValueError("reduce_precision: exponent_bits must be positive; got " + e);
    }
    if (m < 0) {
      throw new JaxValueError("reduce_precision: mantissa_bits must be non-negative; got " + m);
    }
    return Rules.unary("reduce_precision", DTypeSet.FLOAT, null, avals);
  }

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
