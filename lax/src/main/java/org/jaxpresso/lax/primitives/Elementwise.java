package org.jaxpresso.lax.primitives;

import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.lax.internal.Broadcast;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.LaxSupport.DTypeClass;

/** Elementwise arithmetic primitives: one declaration each, with shape/dtype rule and reference impl. */
public final class Elementwise {
  private Elementwise() {}

  /** {@code add x y}: num, same dtypes, lax broadcasting. */
  public static final Primitive ADD = binaryArith("add", LaxSupport.NUM, Double::sum, Long::sum);

  /**
   * A binary arithmetic primitive whose floats compute in double then round to the dtype
   * (exact for + - * / on float32 and narrower) and whose integers compute in long then wrap.
   */
  static Primitive binaryArith(String name, Set<DTypeClass> accepted, DoubleBinaryOperator f, LongBinaryOperator g) {
    return Primitive.builder(name)
        .family("elementwise")
        .abstractEval((avals, params) -> {
          LaxSupport.checkDtypes(name, accepted, avals);
          LaxSupport.checkSameDtypes(name, avals);
          Shape shape = LaxSupport.broadcastingShape(name, avals);
          return List.of(new ShapedArray(shape, avals.get(0).dtype(), LaxSupport.allWeak(avals)));
        })
        .impl((args, params) -> {
          ShapedArray out = new ShapedArray(
              LaxSupport.broadcastingShape(name, LaxSupport.avals(args)), args.get(0).dtype(),
              LaxSupport.allWeak(LaxSupport.avals(args)));
          return List.of(binary(out, args.get(0), args.get(1), f, g));
        })
        .build();
  }

  /** Applies a binary op elementwise with broadcasting; floats via doubles, integers via longs. */
  static Array binary(ShapedArray out, Array x, Array y, DoubleBinaryOperator f, LongBinaryOperator g) {
    int[][] maps = Broadcast.indexMaps(out.shape(), x.aval().shape(), y.aval().shape());
    int n = Math.toIntExact(out.size());
    HostBuffer a = x.host();
    HostBuffer b = y.host();
    HostBuffer r = HostBuffer.allocate(out.dtype(), n);
    DType d = x.dtype();
    if (d.isFloating()) {
      for (int i = 0; i < n; i++) {
        r.setDouble(i, f.applyAsDouble(a.getDouble(maps[0][i]), b.getDouble(maps[1][i])));
      }
    } else {
      for (int i = 0; i < n; i++) {
        r.setLong(i, g.applyAsLong(a.getLong(maps[0][i]), b.getLong(maps[1][i])));
      }
    }
    return Array.wrap(out, r);
  }
}
