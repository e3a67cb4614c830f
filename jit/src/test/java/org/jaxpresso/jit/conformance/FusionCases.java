package org.jaxpresso.jit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.lax.Lax;

/**
 * Programs with a known fusion plan (the number and kinds of kernels) on several dtypes: a
 * backend must run the planned kernels and agree with the reference. Their ops are exact
 * (sums of small dyadic values), except a final transcendental where {@code tolerance} names
 * it.
 */
public final class FusionCases {
  private FusionCases() {}

  /**
   * One structural case.
   *
   * @param name what the program is
   * @param dtype its dtype
   * @param program the traced program
   * @param args its arguments
   * @param kinds the kinds of the planned kernels, in order
   * @param tolerance the primitive whose tolerance applies to the outputs
   */
  public record FusionCase(String name, DType dtype, ClosedJaxpr program, List<Array> args,
      List<Kernel.Kind> kinds, String tolerance) {}

  private static final Kernel.Kind LOOP = Kernel.Kind.LOOP;
  private static final Kernel.Kind REDUCE = Kernel.Kind.REDUCE;
  private static final Kernel.Kind LIBRARY = Kernel.Kind.LIBRARY;

  private static NDArray row(NDArray v, int[] shape) {
    return Lax.broadcastInDim(v, shape, new int[] {0});
  }

  /**
   * Every structural case, on float32, float16, bfloat16 and int32 (float64 would be
   * canonicalized to float32 by the conversions with x64 off).
   *
   * @return the cases
   */
  public static List<FusionCase> all() {
    List<FusionCase> out = new ArrayList<>();
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16,
        DType.INT32}) {
      Array m = Values.small(d, 1, 5, 6);
      Array v = Values.small(d, 2, 37);
      add(out, "elementwise chain", d, List.of(v, v), List.of(LOOP), "add",
          x -> Lax.max(Lax.mul(Lax.add(x.get(0), x.get(1)), x.get(0)), Lax.neg(x.get(1))));
      add(out, "softmax shape: max, sum, normalize", d, List.of(m),
          List.of(REDUCE, REDUCE, LOOP), "add", x -> {
            int[] s = {5, 6};
            NDArray e = Lax.sub(x.get(0), row(Lax.reduceMax(x.get(0), 1), s));
            NDArray sum = Lax.reduceSum(e, 1);
            return Lax.mul(e, row(sum, s));
          });
      add(out, "index maps fuse into their consumer", d, List.of(Values.small(d, 3, 2, 3, 4)),
          List.of(LOOP), "add", x -> {
            NDArray t = Lax.transpose(x.get(0), 2, 0, 1);
            NDArray r = Lax.reshape(t, new int[] {4, 6});
            NDArray sl = Lax.slice(r, new int[] {1, 0}, new int[] {4, 6}, new int[] {1, 2});
            NDArray p = Lax.pad(Lax.rev(sl, 0, 1), Array.scalar(1.0, d),
                new int[][] {{1, 2, 1}, {-1, 0, 0}});
            NDArray io = Lax.convertElementType(Lax.broadcastedIota(DType.INT32,
                new int[] {8, 2}, 1), d);
            return Lax.add(Lax.neg(p), io);
          });
      add(out, "sibling reductions share a kernel", d, List.of(m), List.of(REDUCE), "add",
          x -> List.of(Lax.reduceSum(Lax.abs(x.get(0)), 1), Lax.reduceMax(x.get(0), 1),
              Lax.argmin(x.get(0), 1, DType.INT32)));
      add(out, "dependent reductions", d, List.of(m), List.of(REDUCE, REDUCE), "add",
          x -> Lax.reduceSum(Lax.sub(x.get(0), row(Lax.reduceMin(x.get(0), 1),
              new int[] {5, 6})), 1));
      add(out, "reduction with producer and epilogue", d, List.of(m), List.of(REDUCE), "add",
          x -> Lax.neg(Lax.reduceSum(Lax.mul(x.get(0), x.get(0)), 0)));
      add(out, "select and convert fuse", d, List.of(v, v), List.of(LOOP), "add",
          x -> Lax.selectN(Lax.lt(x.get(0), x.get(1)), Lax.convertElementType(
              Lax.convertElementType(x.get(0), DType.INT32), d), x.get(1)));
      add(out, "library op between loops", d, List.of(Values.small(d, 4, 3, 4),
          Values.small(d, 5, 4, 2)), List.of(LOOP, LIBRARY, LOOP), "add",
          x -> Lax.add(Lax.abs(Lax.dot(Lax.neg(x.get(0)), x.get(1))), Lax.broadcastInDim(
              Array.scalar(1.0, d), new int[] {3, 2}, new int[0])));
      add(out, "cheap broadcast operand is recomputed", d, List.of(Values.small(d, 6, 4)),
          List.of(LOOP), "add", x -> Lax.mul(Lax.broadcastInDim(Lax.neg(x.get(0)),
              new int[] {3, 4}, new int[] {1}), Lax.broadcastInDim(x.get(0), new int[] {3, 4},
              new int[] {1})));
      if (d.isFloating()) {
        add(out, "transcendental at the end", d, List.of(m), List.of(REDUCE, LOOP), "tanh",
            x -> Lax.tanh(Lax.sub(x.get(0), row(Lax.reduceMax(x.get(0), 1),
                new int[] {5, 6}))));
      }
    }
    return out;
  }

  private static void add(List<FusionCase> out, String name, DType d, List<Array> args,
      List<Kernel.Kind> kinds, String tolerance, Function<List<NDArray>, Object> fn) {
    ClosedJaxpr p = Jax.makeJaxpr((List<NDArray> xs) -> fn.apply(xs)).apply(
        new ArrayList<NDArray>(args));
    out.add(new FusionCase(name, d, p, args, kinds, tolerance));
  }
}
