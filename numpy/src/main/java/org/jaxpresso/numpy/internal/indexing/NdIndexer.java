package org.jaxpresso.numpy.internal.indexing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.errors.NonConcreteBooleanIndexError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Index;
import org.jaxpresso.numpy.Jnp;

/**
 * Indices parsed against a shape, as JAX's {@code NDIndexer}: the entries with the axes each
 * consumes, and the rewrites JAX applies before lowering (boolean masks to integer arrays,
 * ellipsis to full slices, negative indices wrapped once).
 *
 * @param shape the indexed array's shape
 * @param indices the parsed entries
 */
public record NdIndexer(int[] shape, List<ParsedIndex> indices) {
  /** Copies the shape and list. */
  public NdIndexer {
    shape = shape.clone();
    indices = List.copyOf(indices);
  }

  /**
   * A copy of the shape.
   *
   * @return a copy of the shape
   */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Parses raw indices (JAX's {@code _parse_indices}).
   *
   * @param raw the indices as given
   * @param shape the array's dimensions
   * @return the parsed indexer
   * @throws JaxIndexError {@code Too many indices: array is 1-dimensional, but 2 were indexed}
   * @throws JaxTypeError {@code Indexer must have integer or boolean type, got indexer with type
   *     float32}
   */
  public static NdIndexer parse(Object[] raw, int[] shape) {
    List<Object> entries = new ArrayList<>();
    List<IndexType> types = new ArrayList<>();
    List<Integer> consumed = new ArrayList<>();
    int ellipsis = -1;
    int total = 0;
    for (int i = 0; i < raw.length; i++) {
      Object entry = canonical(raw[i]);
      IndexType t = typeOf(entry);
      int n = switch (t) {
        case NONE, ELLIPSIS -> 0;
        case BOOLEAN -> entry instanceof NDArray a ? a.ndim() : 0;
        default -> 1;
      };
      if (t == IndexType.ELLIPSIS) {
        if (ellipsis >= 0) {
          throw new JaxIndexError("an index can only have a single ellipsis ('...')");
        }
        ellipsis = i;
      }
      entries.add(entry);
      types.add(t);
      consumed.add(n);
      total += n;
    }
    if (total > shape.length) {
      throw new JaxIndexError("Too many indices: array is " + shape.length
          + "-dimensional, but " + total + " were indexed");
    }
    if (ellipsis >= 0) {
      consumed.set(ellipsis, shape.length - total);
    }
    List<ParsedIndex> out = new ArrayList<>();
    int dim = 0;
    for (int i = 0; i < entries.size(); i++) {
      out.add(new ParsedIndex(entries.get(i), types.get(i), range(dim, dim + consumed.get(i))));
      dim += consumed.get(i);
    }
    return new NdIndexer(shape, out);
  }

  /** Java ints become {@code Long}, Java arrays and lists become arrays. */
  private static Object canonical(Object x) {
    return switch (x) {
      case null -> new Index.NewAxis();
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Collection<?> c when c.isEmpty() -> Array.fromLongs(DType.INT32, new long[0], 0);
      case Collection<?> c -> Jnp.array(c);
      case Object o when o.getClass().isArray() && java.lang.reflect.Array.getLength(o) == 0 ->
          Array.fromLongs(DType.INT32, new long[0], 0);
      case Object o when o.getClass().isArray() -> Jnp.array(o);
      default -> x;
    };
  }

  private static IndexType typeOf(Object idx) {
    return switch (idx) {
      case Index.NewAxis n -> IndexType.NONE;
      case Index.Ellipsis e -> IndexType.ELLIPSIS;
      case Index.Slice s -> {
        checkStep(s);
        yield IndexType.SLICE;
      }
      case Index.DynamicSlice d -> IndexType.DYNAMIC_SLICE;
      case Long l -> IndexType.INTEGER;
      case Boolean b -> IndexType.BOOLEAN;
      case Float f -> throw notInteger("float32");
      case Double d -> throw notInteger("float64");
      case NDArray a when a.dtype() == DType.BOOL -> IndexType.BOOLEAN;
      case NDArray a when a.dtype().isInteger() -> IndexType.ARRAY;
      case NDArray a -> throw notInteger(a.dtype().toString());
      case String s -> throw new JaxTypeError("JAX does not support string indexing; got idx='"
          + s + "'");
      default -> throw new JaxIndexError("only integers, slices (`:`), ellipsis (`...`), newaxis"
          + " (`None`) and integer or boolean arrays are valid indices. Got " + idx);
    };
  }

  private static void checkStep(Index.Slice s) {
    if (s.step() != null && isStatic(s.step()) && staticLong(s.step()) == 0) {
      throw new JaxValueError("slice step cannot be zero");
    }
  }

  private static JaxTypeError notInteger(String dtype) {
    return new JaxTypeError(
        "Indexer must have integer or boolean type, got indexer with type " + dtype);
  }

  static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** Whether a slice bound is None, a Java integer or a concrete array. */
  static boolean isStatic(Object bound) {
    return bound == null || bound instanceof Number || bound instanceof Array;
  }

  /** A static slice bound as a long. */
  static long staticLong(Object bound) {
    return switch (bound) {
      case Number n -> n.longValue();
      case Array a when a.ndim() == 0 && a.dtype().isInteger() -> a.getLong(0);
      default -> throw new JaxTypeError(
          "slice indices must be integers or None or have an __index__ method");
    };
  }

  /** Python's {@code slice.indices(size)}: {start, stop, step}. */
  static long[] sliceIndices(Index.Slice s, long size) {
    long step = s.step() == null ? 1 : staticLong(s.step());
    if (step == 0) {
      throw new JaxValueError("slice step cannot be zero");
    }
    long lower = step < 0 ? -1 : 0;
    long upper = step < 0 ? size - 1 : size;
    long start = s.start() == null ? (step < 0 ? upper : lower)
        : bound(staticLong(s.start()), size, lower, upper);
    long stop = s.stop() == null ? (step < 0 ? lower : upper)
        : bound(staticLong(s.stop()), size, lower, upper);
    return new long[] {start, stop, step};
  }

  private static long bound(long v, long size, long lower, long upper) {
    if (v < 0) {
      v += size;
      return Math.max(v, lower);
    }
    return Math.min(v, upper);
  }

  /** Whether every slice has static bounds. */
  boolean slicesAreStatic() {
    for (ParsedIndex p : indices) {
      if (p.typ() == IndexType.SLICE && p.index() instanceof Index.Slice s
          && !(isStatic(s.start()) && isStatic(s.stop()) && isStatic(s.step()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * JAX's {@code validate_slices}.
   *
   * @throws JaxIndexError for a traced slice bound, in JAX's words
   */
  void validateSlices() {
    for (int position = 0; position < indices.size(); position++) {
      ParsedIndex p = indices.get(position);
      if (p.typ() != IndexType.SLICE) {
        continue;
      }
      Index.Slice s = (Index.Slice) p.index();
      Object[] elts = {s.start(), s.stop(), s.step()};
      for (Object e : elts) {
        if (!isStatic(e)) {
          String msg = "Array slice indices must have static start/stop/step to be used with"
              + " NumPy indexing syntax. Got " + s + " at position " + position + ". To index an"
              + " array at a dynamic position with a static slice size, use x[jax.ds(start,"
              + " size)] or lax.dynamic_slice/dynamic_update_slice instead (JAX does not support"
              + " dynamically sized arrays within traced functions).";
          for (Object t : elts) {
            if (t instanceof Tracer tr && !tr.origin().isEmpty()) {
              msg += "\n" + tr.origin();
              break;
            }
          }
          throw new JaxIndexError(msg);
        }
      }
    }
  }

  /**
   * Boolean masks replaced by the integer arrays of their true positions (JAX's
   * {@code expand_bool_indices}); scalar booleans stay.
   *
   * @return boolean masks replaced by the integer arrays of their true positions (JAX's {@code
   *     expand_bool_indices})
   * @throws NonConcreteBooleanIndexError for a traced mask
   */
  public NdIndexer expandBoolIndices() {
    List<ParsedIndex> out = new ArrayList<>();
    for (int position = 0; position < indices.size(); position++) {
      ParsedIndex p = indices.get(position);
      if (p.typ() != IndexType.BOOLEAN) {
        out.add(p);
        continue;
      }
      if (p.index() instanceof Tracer t) {
        throw new NonConcreteBooleanIndexError(t.aval().str());
      }
      if (p.index() instanceof Boolean || ((NDArray) p.index()).ndim() == 0) {
        boolean b = p.index() instanceof Boolean bb ? bb : ((Array) p.index()).getBoolean(0);
        out.add(new ParsedIndex(b, IndexType.BOOLEAN, new int[0]));
        continue;
      }
      Array mask = (Array) p.index();
      int[] ms = mask.shape();
      int[] axes = p.consumedAxes();
      boolean ok = true;
      for (int i = 0; i < ms.length; i++) {
        ok &= ms[i] == 0 || ms[i] == shape[axes[i]];
      }
      if (!ok) {
        int[] expected = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
          expected[i] = shape[axes[i]];
        }
        throw new JaxIndexError("boolean index did not match shape of indexed array in index "
            + position + ": got " + Shape.tupleString(ms) + ", expected "
            + java.util.Arrays.toString(expected));
      }
      List<Array> where = HostIndexing.nonzero(mask);
      for (int i = 0; i < axes.length; i++) {
        out.add(new ParsedIndex(where.get(i), IndexType.ARRAY, new int[] {axes[i]}));
      }
    }
    return new NdIndexer(shape, out);
  }

  /** Scalar booleans become a size-1 axis indexed by {@code arange(int(b))}. */
  NdIndexer expandScalarBoolIndices() {
    List<Integer> newShape = new ArrayList<>();
    for (int s : shape) {
      newShape.add(s);
    }
    List<ParsedIndex> out = new ArrayList<>();
    int dim = 0;
    for (int i = 0; i < indices.size(); i++) {
      ParsedIndex p = indices.get(i);
      if (p.typ() == IndexType.BOOLEAN && p.index() instanceof Boolean b) {
        newShape.add(i, 1);
        Array idx = Array.fromLongs(DType.INT32, b ? new long[] {0} : new long[0], b ? 1 : 0);
        out.add(new ParsedIndex(idx, IndexType.ARRAY, new int[] {dim}));
        dim += 1;
      } else {
        int n = p.consumedAxes().length;
        out.add(new ParsedIndex(p.index(), p.typ(), range(dim, dim + n)));
        dim += n;
      }
    }
    return new NdIndexer(newShape.stream().mapToInt(Integer::intValue).toArray(), out);
  }

  /** Ellipsis and the implicit trailing axes as explicit full slices. */
  NdIndexer expandEllipses() {
    List<ParsedIndex> out = new ArrayList<>();
    int consumed = 0;
    for (ParsedIndex p : indices) {
      consumed += p.consumedAxes().length;
      if (p.typ() == IndexType.ELLIPSIS) {
        for (int axis : p.consumedAxes()) {
          out.add(fullSlice(axis));
        }
      } else {
        out.add(p);
      }
    }
    for (int axis = consumed; axis < shape.length; axis++) {
      out.add(fullSlice(axis));
    }
    return new NdIndexer(shape, out);
  }

  private static ParsedIndex fullSlice(int axis) {
    return new ParsedIndex(new Index.Slice(null, null, null), IndexType.SLICE, new int[] {axis});
  }

  /**
   * Negative indices wrapped once: static ints in Java, arrays with {@code select_n(i < 0, i,
   * i + n)} (unsigned arrays as they are).
   */
  NdIndexer normalizeIndices() {
    List<ParsedIndex> out = new ArrayList<>();
    for (ParsedIndex p : indices) {
      if (p.typ() == IndexType.INTEGER) {
        long i = (Long) p.index();
        out.add(new ParsedIndex(i < 0 ? i + shape[p.axis()] : i, p.typ(), p.consumedAxes()));
      } else if (p.typ() == IndexType.ARRAY) {
        out.add(new ParsedIndex(wrapNegative((NDArray) p.index(), shape[p.axis()]), p.typ(),
            p.consumedAxes()));
      } else {
        out.add(p);
      }
    }
    return new NdIndexer(shape, out);
  }

  /** {@code select_n(i < 0, i, i + size)}; unsigned indices as they are. */
  static NDArray wrapNegative(NDArray i, long size) {
    if (i.dtype().isUnsigned()) {
      return i;
    }
    NDArray negative = Lax.lt(i, Array.scalar(0L, i.dtype()));
    NDArray wrapped = Lax.add(i, Array.scalar(size, i.dtype()));
    return Lax.selectN(negative, i, wrapped);
  }

  /** Whether any integer or boolean array of rank at least 1 is present. */
  boolean isAdvancedIntIndexer() {
    for (ParsedIndex p : indices) {
      if ((p.typ() == IndexType.ARRAY || p.typ() == IndexType.BOOLEAN)
          && p.index() instanceof NDArray a && a.ndim() > 0) {
        return true;
      }
    }
    return false;
  }
}
