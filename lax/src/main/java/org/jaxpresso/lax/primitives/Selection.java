package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.semantics.FloatOps;
import org.jaxpresso.lax.semantics.IntOps;
import org.jaxpresso.lax.internal.elementwise.Kernels;
import org.jaxpresso.lax.internal.elementwise.Rules;

/** The elementwise choice primitives {@code select_n} and {@code clamp}. */
public final class Selection {
  private Selection() {}

  /**
   * {@code select_n which *cases}: picks {@code cases[which]} elementwise. {@code which} is bool
   * (at most two cases; False picks case 0) or an integer (below 0 picks the first case, past
   * the end the last, as XLA's comparison tree does), scalar or of the cases' shape; the cases
   * share shape and dtype. Weak iff every case is.
   */
  public static final Primitive SELECT_N = Primitive.builder("select_n")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(selectRule(avals)))
      .impl((args, params) -> {
        ShapedArray out = selectRule(LaxSupport.avals(args));
        int[][] maps = Kernels.indexMaps(out, args);
        int n = Math.toIntExact(out.size());
        int cases = args.size() - 1;
        HostBuffer which = args.get(0).host();
        DType wd = args.get(0).dtype();
        HostBuffer r = HostBuffer.allocate(out.dtype(), n);
        for (int i = 0; i < n; i++) {
          long w = which.getLong(maps[0][i]);
          int k;
          if (IntOps.compare(w, 0, wd) <= 0) {
            k = 0;
          } else if (IntOps.compare(w, cases - 1, wd) >= 0) {
            k = cases - 1;
          } else {
            k = (int) w;
          }
          r.copyElement(args.get(k + 1).host(), maps[k + 1][i], i);
        }
        return List.of(Array.wrap(out, r));
      })
      .build();

  /**
   * {@code clamp min x max}: {@code min(max_, max(min_, x))} elementwise (NaN-propagating on
   * floats); min and max are scalars or of x's shape; all three share a dtype.
   */
  public static final Primitive CLAMP = Primitive.builder("clamp")
      .family(Factories.FAMILY)
      .abstractEval((avals, params) -> List.of(clampRule(avals)))
      .impl((args, params) -> {
        ShapedArray out = clampRule(LaxSupport.avals(args));
        int[][] maps = Kernels.indexMaps(out, args);
        int n = Math.toIntExact(out.size());
        HostBuffer lo = args.get(0).host();
        HostBuffer x = args.get(1).host();
        HostBuffer hi = args.get(2).host();
        DType d = out.dtype();
        HostBuffer r = HostBuffer.allocate(d, n);
        for (int i = 0; i < n; i++) {
          if (d.isFloating()) {
            double v = FloatOps.max(lo.getDouble(maps[0][i]), x.getDouble(maps[1][i]));
            r.setDouble(i, FloatOps.min(hi.getDouble(maps[2][i]), v));
          } else {
            long v = IntOps.max(lo.getLong(maps[0][i]), x.getLong(maps[1][i]), d);
            r.setLong(i, IntOps.min(hi.getLong(maps[2][i]), v, d));
          }
        }
        return List.of(Array.wrap(out, r));
      })
      .build();

  private static ShapedArray selectRule(List<ShapedArray> avals) {
    if (avals.isEmpty()) {
      throw new IllegalArgumentException("select_n takes a `which` operand and cases, got none");
    }
    ShapedArray which = avals.get(0);
    List<ShapedArray> cases = avals.subList(1, avals.size());
    if (cases.isEmpty()) {
      throw new JaxTypeError("select must have at least one case");
    }
    for (ShapedArray c : cases) {
      if (!c.shape().equals(cases.get(0).shape())) {
        StringBuilder sb = new StringBuilder();
        for (ShapedArray c2 : cases) {
          sb.append(sb.isEmpty() ? "" : ", ").append(c2.shape());
        }
        throw new JaxTypeError("select cases must have the same shapes, got [" + sb + "].");
      }
    }
    if (which.rank() > 0 && !which.shape().equals(cases.get(0).shape())) {
      throw new JaxTypeError("select `which` must be scalar or have the same shape as cases, got "
          + "`which` shape " + which.shape() + " but case shape " + cases.get(0).shape() + ".");
    }
    LaxSupport.checkSameDtypes("select", cases);
    if (!which.dtype().isBool() && !which.dtype().isInteger()) {
      throw new JaxTypeError("select `which` must be boolean or integer type, got "
          + which.dtype() + ".");
    }
    if (which.dtype().isBool() && cases.size() > 2) {
      throw new JaxTypeError("select with boolean `which` cannot have > 2 cases.");
    }
    return new ShapedArray(cases.get(0).shape(), cases.get(0).dtype(), LaxSupport.allWeak(cases));
  }

  private static ShapedArray clampRule(List<ShapedArray> avals) {
    Rules.checkArity("clamp", 3, avals);
    ShapedArray min = avals.get(0);
    ShapedArray x = avals.get(1);
    ShapedArray max = avals.get(2);
    if (min.rank() > 0 && !min.shape().equals(x.shape())) {
      throw new JaxTypeError("clamp requires min.shape == operand.shape or min.shape == (), got "
          + "min.shape=" + min.shape() + ", operand.shape=" + x.shape() + ".");
    }
    if (max.rank() > 0 && !max.shape().equals(x.shape())) {
      throw new JaxTypeError("clamp requires max.shape == operand.shape or max.shape == (), got "
          + "max.shape=" + max.shape() + ", operand.shape=" + x.shape() + ".");
    }
    for (int i = 0; i < 3; i++) {
      DTypeSet.ANY.checkAt("clamp", i, avals.get(i));
    }
    LaxSupport.checkSameDtypes("clamp", avals);
    return new ShapedArray(x.shape(), x.dtype(), LaxSupport.allWeak(avals));
  }

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
