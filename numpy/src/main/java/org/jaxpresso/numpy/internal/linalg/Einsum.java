package org.jaxpresso.numpy.internal.linalg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Promotion;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.JnpLinalg;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * JAX's {@code _einsum}: runs an {@link EinsumPath} with {@code dot_general} for pairs (batch
 * dimensions for labels both operands and the step's result share), {@code reduce_sum} for
 * labels only one operand has, and a Kronecker-delta mask then {@code reduce_sum} for repeated
 * labels (diagonals and traces). Operands keep their dtypes; {@code preferred_element_type} is
 * their promoted dtype.
 */
public final class Einsum {
  private Einsum() {}

  /**
   * Evaluates {@code subscripts} over {@code operands}.
   *
   * @param subscripts the einsum subscripts, such as {@code "ij,jk->ik"}
   * @param operands the operand arrays
   * @param order the memory order
   * @return the output
   * @throws org.jaxpresso.core.errors.JaxValueError for malformed subscripts or sizes
   */
  public static NDArray einsum(String subscripts, List<NDArray> operands,
      JnpLinalg.EinsumOrder order) {
    int[] ranks = new int[operands.size()];
    List<int[]> shapes = new ArrayList<>();
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = operands.get(i).ndim();
      shapes.add(operands.get(i).shape());
    }
    EinsumSpec spec = EinsumSpec.parse(subscripts, ranks);
    List<EinsumPath.Step> steps = EinsumPath.plan(spec, shapes, order);
    Promotion.Typed t = NumpySupport.resultType(operands);
    DType pet = t.dtype();
    List<NDArray> ops = new ArrayList<>();
    for (NDArray x : operands) {
      ops.add(LinalgSupport.adoptWeak(x, pet));
    }
    for (EinsumPath.Step step : steps) {
      Set<Character> contracted = new TreeSet<>(step.removed());
      String resultNames = step.result();
      NDArray operand;
      String names;
      if (step.operands().length == 1) {
        operand = ops.remove(step.operands()[0]);
        names = step.inputs().get(0);
        Map<Character, Integer> counts = counts(names);
        List<Character> uniques = new ArrayList<>();
        for (char c : contracted) {
          if (counts.getOrDefault(c, 0) == 1) {
            uniques.add(c);
          }
        }
        Labeled l = sumUniques(new Labeled(operand, names), uniques, pet);
        l = sumRepeats(l, counts, resultNames, pet);
        operand = l.x;
        names = l.names;
      } else {
        NDArray lhs = ops.remove(step.operands()[0]);
        NDArray rhs = ops.remove(step.operands()[1]);
        Labeled left = filterSingletons(new Labeled(lhs, step.inputs().get(0)), rhs.shape(),
            step.inputs().get(1));
        Labeled right = filterSingletons(new Labeled(rhs, step.inputs().get(1)), left.x.shape(),
            left.names);
        Map<Character, Integer> lc = counts(left.names);
        Map<Character, Integer> rc = counts(right.names);
        List<Character> lu = new ArrayList<>();
        List<Character> ru = new ArrayList<>();
        for (char c : contracted) {
          if (lc.getOrDefault(c, 0) == 1 && rc.getOrDefault(c, 0) == 0) {
            lu.add(c);
          }
          if (rc.getOrDefault(c, 0) == 1 && lc.getOrDefault(c, 0) == 0) {
            ru.add(c);
          }
        }
        left = sumUniques(left, lu, pet);
        right = sumUniques(right, ru, pet);
        left = sumRepeats(left, lc, resultNames + right.names, pet);
        right = sumRepeats(right, rc, resultNames + left.names, pet);
        List<Character> cont = new ArrayList<>();
        for (char c : contracted) {
          if (left.names.indexOf(c) >= 0 || right.names.indexOf(c) >= 0) {
            cont.add(c);
          }
        }
        StringBuilder batch = new StringBuilder();
        for (char c : resultNames.toCharArray()) {
          if (left.names.indexOf(c) >= 0 && right.names.indexOf(c) >= 0) {
            batch.append(c);
          }
        }
        int[] lb = new int[batch.length()];
        int[] rb = new int[batch.length()];
        for (int i = 0; i < lb.length; i++) {
          lb[i] = left.names.indexOf(batch.charAt(i));
          rb[i] = right.names.indexOf(batch.charAt(i));
        }
        int[] lcont = new int[cont.size()];
        int[] rcont = new int[cont.size()];
        for (int i = 0; i < lcont.length; i++) {
          lcont[i] = left.names.indexOf(cont.get(i));
          rcont[i] = right.names.indexOf(cont.get(i));
        }
        String deleted = batch + join(cont);
        String remL = removeChars(left.names, deleted);
        String remR = removeChars(right.names, deleted);
        names = batch + remR + remL;
        if (names.equals(resultNames)) {
          operand = Lax.dotGeneral(right.x, left.x,
              new DotDimensionNumbers(rcont, lcont, rb, lb), null, pet);
        } else {
          names = batch + remL + remR;
          operand = Lax.dotGeneral(left.x, right.x,
              new DotDimensionNumbers(lcont, rcont, lb, rb), null, pet);
        }
      }
      if (!names.equals(resultNames)) {
        int[] perm = new int[resultNames.length()];
        for (int i = 0; i < perm.length; i++) {
          perm[i] = names.indexOf(resultNames.charAt(i));
        }
        operand = Lax.transpose(operand, perm);
      }
      ops.add(operand);
    }
    return NumpySupport.convert(ops.get(0), pet, t.weak());
  }

  private record Labeled(NDArray x, String names) {}

  /**
   * Squeezes the size-1 axes of {@code l} whose label the other operand has with a size other
   * than 1 (broadcasting against the other operand).
   */
  private static Labeled filterSingletons(Labeled l, int[] otherShape, String otherNames) {
    int[] shape = l.x.shape();
    List<Integer> squeeze = new ArrayList<>();
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      int j = otherNames.indexOf(l.names.charAt(i));
      boolean keep = shape[i] != 1 || j == -1 || otherShape[j] == 1;
      if (keep) {
        kept.append(l.names.charAt(i));
      } else {
        squeeze.add(i);
      }
    }
    return new Labeled(LinalgSupport.squeeze(l.x, LinalgSupport.ints(squeeze)),
        kept.toString());
  }

  private static Map<Character, Integer> counts(String names) {
    Map<Character, Integer> m = new LinkedHashMap<>();
    for (char c : names.toCharArray()) {
      m.merge(c, 1, Integer::sum);
    }
    return m;
  }

  private static String join(List<Character> cs) {
    StringBuilder sb = new StringBuilder();
    for (char c : cs) {
      sb.append(c);
    }
    return sb.toString();
  }

  private static String removeChars(String s, String chars) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (chars.indexOf(c) < 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** {@code reduce_sum} (or {@code reduce_or} for bool) over {@code axes}, in the result dtype. */
  private static NDArray sum(NDArray x, int[] axes, DType pet) {
    DType to = Promotion.resultType(Promotion.of(x.aval()), Promotion.strong(pet)).dtype();
    if (to != x.dtype()) {
      x = Lax.convertElementType(x, pet);
    }
    return x.dtype() == DType.BOOL ? Lax.reduceOr(x, axes) : Lax.reduceSum(x, axes);
  }

  private static Labeled sumUniques(Labeled l, List<Character> uniques, DType pet) {
    if (uniques.isEmpty()) {
      return l;
    }
    int[] axes = new int[uniques.size()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = l.names.indexOf(uniques.get(i));
    }
    return new Labeled(sum(l.x, axes, pet), removeChars(l.names, join(uniques)));
  }

  private static Labeled sumRepeats(Labeled l, Map<Character, Integer> counts, String keep,
      DType pet) {
    NDArray x = l.x;
    String names = l.names;
    for (Map.Entry<Character, Integer> e : counts.entrySet()) {
      char name = e.getKey();
      int count = e.getValue();
      if (count <= 1) {
        continue;
      }
      List<Integer> axesList = new ArrayList<>();
      for (int i = 0; i < names.length(); i++) {
        if (names.charAt(i) == name) {
          axesList.add(i);
        }
      }
      int[] axes = LinalgSupport.ints(axesList);
      NDArray eye = delta(x.shape(), axes);
      x = LinalgSupport.where(eye, x, LinalgSupport.zerosLike(x));
      if (keep.indexOf(name) < 0) {
        x = sum(x, axes, pet);
        names = removeChars(names, String.valueOf(name));
      } else {
        x = sum(x, java.util.Arrays.copyOf(axes, axes.length - 1), pet);
        StringBuilder sb = new StringBuilder();
        int dropped = 0;
        for (char c : names.toCharArray()) {
          if (c == name && dropped < count - 1) {
            dropped++;
          } else {
            sb.append(c);
          }
        }
        names = sb.toString();
      }
    }
    return new Labeled(x, names);
  }

  /** JAX's {@code _delta}: a bool Kronecker delta over {@code axes}, broadcast to {@code shape}. */
  private static NDArray delta(int[] shape, int[] axes) {
    int[] base = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      base[i] = shape[axes[i]];
    }
    NDArray result = null;
    NDArray prev = Lax.broadcastedIota(DType.UINT32, base, 0);
    for (int i = 1; i < base.length; i++) {
      NDArray next = Lax.broadcastedIota(DType.UINT32, base, i);
      NDArray eq = Lax.eq(prev, next);
      result = result == null ? eq : Lax.bitwiseAnd(result, eq);
      prev = next;
    }
    return Lax.broadcastInDim(result, shape, axes);
  }

}
