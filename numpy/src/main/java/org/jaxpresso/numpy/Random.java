package org.jaxpresso.numpy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.random.Samplers;
import org.jaxpresso.numpy.internal.random.Threefry;

/**
 * {@code jax.random}: counter-based pseudo-random numbers, bit-identical to JAX 0.11 with its
 * defaults ({@code threefry2x32}, {@code jax_threefry_partitionable=True}).
 *
 * <p><b>Keys.</b> A key is its raw data, a {@code uint32[..., 2]} array, as JAX's legacy
 * {@code PRNGKey} keys: {@link #key} and {@link #PRNGKey} return the same {@code uint32[2]}
 * array (JAX's typed {@code key<fry>} scalar and its legacy raw key give identical numbers
 * everywhere), {@link #keyData} and {@link #wrapKeyData} validate and return it. Keys are
 * immutable values: reusing one gives the same numbers again; derive fresh keys with
 * {@link #split} or {@link #foldIn}.
 *
 * <p>Every function lowers to {@code Lax} primitives (uint32 {@code add}, {@code xor},
 * shifts, {@code iota}, {@code bitcast_convert_type}, {@code sort}, ...), so samplers trace
 * under {@code jit} and give the same numbers there.
 *
 * <pre>{@code
 * NDArray key = Random.key(0);
 * NDArray[] ks = Random.splitPair(key);          // ks[0], ks[1]
 * Random.uniform(ks[1], new int[] {3});          // f32[3] in [0, 1)
 * Random.normal(Random.PRNGKey(0), new int[] {5});
 * // Array([ 1.6226422 ,  2.0252647 , -0.43359444, -0.07861735,  0.1760909 ], dtype=float32)
 * }</pre>
 */
public final class Random {
  private Random() {}

  private static final String IMPL =
      "PRNGImpl(key_shape=(2,), name='threefry2x32', tag='fry')";

  // ---- keys ----

  /**
   * A key from an integer seed: a Java integer ({@code Integer}, {@code Long}, ...) or an
   * integer scalar array (possibly traced). With x64 off the seed is taken modulo 2^32 and the
   * key is {@code [0, seed mod 2^32]}; with x64 on a 64-bit seed gives
   * {@code [seed >>> 32, seed & 0xFFFFFFFF]}. JAX's typed key {@code key(0)} prints as
   * {@code Array((), dtype=key<fry>) overlaying: [0 0]}; here it is that raw data.
   *
   * <pre>{@code
   * Random.key(42);   // Array([ 0, 42], dtype=uint32)
   * }</pre>
   *
   * @param seed the integer seed
   * @return a key from an integer seed
   * @throws JaxTypeError for a non-integer or non-scalar seed
   */
  public static NDArray key(Object seed) {
    return seed("key", seed);
  }

  /**
   * JAX's legacy raw key from a seed, identical to {@link #key(Object)}:
   * {@code PRNGKey(-1)} is {@code [0, 4294967295]}.
   *
   * @param seed the integer seed
   * @return JAX's legacy raw key from a seed, identical to {@link #key(Object)}
   */
  public static NDArray PRNGKey(Object seed) {
    return seed("PRNGKey", seed);
  }

  private static NDArray seed(String ctor, Object seed) {
    if (seed instanceof Long || seed instanceof Integer || seed instanceof Short
        || seed instanceof Byte) {
      long s = ((Number) seed).longValue();
      long hi = Flags.x64Enabled() ? s >>> 32 : 0;
      return Array.fromLongs(DType.UINT32, new long[] {hi, s & 0xFFFFFFFFL}, 2);
    }
    if (!(seed instanceof NDArray s)) {
      throw new JaxTypeError("PRNG key seed must be an integer; got " + seed + ".");
    }
    if (s.ndim() != 0) {
      throw new JaxTypeError(ctor + " accepts a scalar seed, but was given an array of shape "
          + Shape.tupleString(s.shape()) + " != (). Use jax.vmap for batching");
    }
    if (!s.dtype().isInteger()) {
      throw new JaxTypeError("PRNG key seed must be an integer; got " + s.repr() + ".");
    }
    NDArray hi = s.dtype().bits() == 64
        ? Lax.convertElementType(Lax.shiftRightLogical(s, Array.scalar(32, s.dtype())),
            DType.UINT32)
        : Threefry.u32(0);
    NDArray lo = Lax.convertElementType(s, DType.UINT32);
    return Lax.concatenate(0, Lax.reshape(hi, new int[] {1}), Lax.reshape(lo, new int[] {1}));
  }

  /**
   * The raw {@code uint32[..., 2]} data of keys (validated; keys are their data here).
   *
   * @param keys the keys, {@code uint32[..., 2]}
   * @return the raw {@code uint32[..., 2]} data of keys (validated; keys are their data here)
   * @throws JaxTypeError for invalid key data
   */
  public static NDArray keyData(NDArray keys) {
    checkKeyData(keys);
    return keys;
  }

  /**
   * Keys from raw {@code uint32[..., 2]} data (validated; keys are their data here).
   *
   * @param keyBits the raw key data, {@code uint32[..., 2]}
   * @return keys from raw {@code uint32[..., 2]} data (validated; keys are their data here)
   * @throws JaxTypeError for invalid key data
   */
  public static NDArray wrapKeyData(NDArray keyBits) {
    checkKeyData(keyBits);
    return keyBits;
  }

  private static void checkKeyData(Object key) {
    if (!(key instanceof NDArray k)) {
      throw new JaxTypeError("unexpected PRNG key type " + (key == null ? "null"
          : key.getClass().getName()));
    }
    int[] s = k.shape();
    if (s.length < 1) {
      throw new JaxTypeError("JAX encountered invalid PRNG key data: expected key_data.ndim >= 1;"
          + " got ndim=" + s.length);
    }
    if (s[s.length - 1] != 2) {
      throw new JaxTypeError("JAX encountered invalid PRNG key data: expected key_data.shape to"
          + " end with (2,); got shape=" + Shape.tupleString(s) + " for impl=" + IMPL);
    }
    if (k.dtype() != DType.UINT32) {
      throw new JaxTypeError("JAX encountered invalid PRNG key data: expected key_data.dtype ="
          + " uint32; got dtype=" + k.dtype());
    }
  }

  /** Validates a single key ({@code uint32[2]}) for the function {@code name}. */
  private static NDArray single(String name, Object key) {
    checkKeyData(key);
    NDArray k = (NDArray) key;
    if (k.ndim() != 1) {
      throw new JaxValueError(name + " accepts a single key, but was given a key array of shape "
          + Shape.tupleString(k.shape()) + " != (). Use jax.vmap for batching.");
    }
    return k;
  }

  // ---- split / fold_in ----

  /**
   * Two new keys, {@code uint32[2, 2]} ({@code split(key)}).
   *
   * @param key the PRNG key array
   * @return two new keys, {@code uint32[2, 2]} ({@code split(key)})
   */
  public static NDArray split(NDArray key) {
    return split(key, new int[] {2});
  }

  /**
   * {@code num} new keys, {@code uint32[num, 2]}: key {@code i} is {@code threefry2x32(key, 0,
   * i)}, so {@code split(k, n)[i] == foldIn(k, i)}.
   *
   * <pre>{@code
   * Random.split(Random.PRNGKey(0), 2);
   * // [[1797259609, 2579123966], [928981903, 3453687069]]
   * }</pre>
   *
   * @param key the PRNG key array
   * @param num the number of keys
   * @return {@code num} new keys, {@code uint32[num, 2]}
   */
  public static NDArray split(NDArray key, int num) {
    return split(key, new int[] {num});
  }

  /**
   * New keys of the given shape, {@code uint32[*shape, 2]}, counted row-major.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @return new keys of the given shape, {@code uint32[*shape, 2]}, counted row-major
   * @throws JaxValueError for a batch of keys or a negative dimension
   */
  public static NDArray split(NDArray key, int[] shape) {
    NDArray k = single("split", key);
    checkShape(shape);
    return Threefry.split(k, shape);
  }

  /**
   * {@code split(key)} as two separate keys, as Python's {@code k1, k2 = split(key)}.
   *
   * @param key the PRNG key array
   * @return {@code split(key)} as two separate keys, as Python's {@code k1, k2 = split(key)}
   */
  public static NDArray[] splitPair(NDArray key) {
    NDArray ks = split(key);
    return new NDArray[] {row(ks, 0), row(ks, 1)};
  }

  private static NDArray row(NDArray keys, int i) {
    return Lax.reshape(Lax.slice(keys, new int[] {i, 0}, new int[] {i + 1, 2}), new int[] {2});
  }

  /**
   * A new key from {@code key} and 32-bit data (a Java integer, wrapped to uint32, or an
   * integer scalar array): {@code threefry2x32(key, 0, data)}.
   *
   * <pre>{@code
   * Random.foldIn(Random.PRNGKey(0), 1);   // [928981903, 3453687069]
   * }</pre>
   *
   * @param key the PRNG key array
   * @param data the Java data: an array, a Java scalar, a (nested) Java array or a list
   * @return a new key from {@code key} and 32-bit data (a Java integer, wrapped to uint32, or an
   *     integer scalar array)
   * @throws JaxTypeError for array data that is not a scalar
   */
  public static NDArray foldIn(NDArray key, Object data) {
    NDArray k = single("fold_in", key);
    NDArray d;
    if (data instanceof NDArray a) {
      if (a.ndim() != 0) {
        throw new JaxTypeError("fold_in accepts a scalar, but was given an array of"
            + "shape " + Shape.tupleString(a.shape()) + " != (). Use jax.vmap for batching.");
      }
      d = Lax.convertElementType(a, DType.UINT32);
    } else if (data instanceof Number n && !(data instanceof Double || data instanceof Float)) {
      d = Threefry.u32(n.longValue() & 0xFFFFFFFFL);
    } else {
      throw new JaxTypeError("fold_in data must be an integer; got " + data);
    }
    return Threefry.foldIn(k, d);
  }

  // ---- bits / uniform / normal ----

  /**
   * One uint32 of random bits.
   *
   * @param key the PRNG key array
   * @return one uint32 of random bits
   */
  public static NDArray bits(NDArray key) {
    return bits(key, new int[0]);
  }

  /**
   * Random uint32 bits of {@code shape} ({@code o0 ^ o1} of the counter's threefry block).
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @return random uint32 bits of {@code shape} ({@code o0 ^ o1} of the counter's threefry block)
   */
  public static NDArray bits(NDArray key, int[] shape) {
    return bits(key, shape, DType.defaultUint());
  }

  /**
   * Random bits of {@code shape} as an unsigned dtype (8- and 16-bit values are the low bits of
   * the 32-bit draw; uint64 needs x64).
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return random bits of {@code shape} as an unsigned dtype (8- and 16-bit values are the low
   *     bits of the 32-bit draw
   * @throws JaxValueError if {@code dtype} is not unsigned
   */
  public static NDArray bits(NDArray key, int[] shape, DType dtype) {
    NDArray k = single("bits", key);
    DType d = NumpySupport.requestedDtype(dtype, "bits");
    if (!d.isUnsigned()) {
      throw new JaxValueError("dtype argument to `bits` must be an unsigned int dtype, got " + d);
    }
    checkShape(shape);
    return Threefry.randomBits(k, d.bits(), shape);
  }

  /**
   * One float32 uniform in {@code [0, 1)}.
   *
   * @param key the PRNG key array
   * @return one float32 uniform in {@code [0, 1)}
   */
  public static NDArray uniform(NDArray key) {
    return uniform(key, new int[0]);
  }

  /**
   * Float32 uniforms in {@code [0, 1)} of {@code shape}.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @return the float32 uniforms in {@code [0, 1)} of {@code shape}
   */
  public static NDArray uniform(NDArray key, int[] shape) {
    return uniform(key, shape, DType.defaultFloat(), 0.0, 1.0);
  }

  /**
   * Uniforms in {@code [0, 1)} of {@code shape} and the float {@code dtype}.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return the uniforms in {@code [0, 1)} of {@code shape} and the float {@code dtype}
   */
  public static NDArray uniform(NDArray key, int[] shape, DType dtype) {
    return uniform(key, shape, dtype, 0.0, 1.0);
  }

  /**
   * Uniforms in {@code [minval, maxval)}: the random mantissa bits under exponent 0 give
   * {@code f} in {@code [1, 2)}, and the result is {@code max(minval, (f - 1) * (maxval -
   * minval) + minval)} in {@code dtype}. The bounds are scalars or arrays broadcasting to
   * {@code shape}.
   *
   * <pre>{@code
   * Random.uniform(Random.PRNGKey(0), new int[] {3}, DType.FLOAT32, -2, 3);
   * // Array([ 2.738335  ,  2.8928995 , -0.33854258], dtype=float32)
   * }</pre>
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @return uniforms in {@code [minval, maxval)} of {@code shape} and {@code dtype}
   * @throws JaxValueError if {@code dtype} is not a float dtype, or the bounds' shapes do not
   *     broadcast to {@code shape}
   */
  public static NDArray uniform(NDArray key, int[] shape, DType dtype, Object minval,
      Object maxval) {
    NDArray k = single("uniform", key);
    DType d = NumpySupport.requestedDtype(dtype, "uniform");
    if (!d.isFloating()) {
      throw new JaxValueError("dtype argument to `uniform` must be a float dtype, got " + d);
    }
    checkShape(shape);
    checkParamShapes("uniform", shape, NumpySupport.aval(minval).shape().dims(),
        NumpySupport.aval(maxval).shape().dims());
    return Samplers.uniform(k, minval, maxval, shape, d);
  }

  /**
   * One float32 standard normal.
   *
   * @param key the PRNG key array
   * @return one float32 standard normal
   */
  public static NDArray normal(NDArray key) {
    return normal(key, new int[0]);
  }

  /**
   * Float32 standard normals of {@code shape}.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @return the float32 standard normals of {@code shape}
   */
  public static NDArray normal(NDArray key, int[] shape) {
    return normal(key, shape, DType.defaultFloat());
  }

  /**
   * Standard normals: {@code sqrt(2) * erf_inv(u)} for {@code u} uniform in
   * {@code [nextafter(-1, 0), 1)}.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return the standard normals: {@code sqrt(2) * erf_inv(u)} for {@code u} uniform in {@code
   *     [nextafter(-1, 0), 1)}
   * @throws JaxValueError if {@code dtype} is not a float dtype
   */
  public static NDArray normal(NDArray key, int[] shape, DType dtype) {
    NDArray k = single("normal", key);
    DType d = NumpySupport.requestedDtype(dtype, "normal");
    if (!d.isFloating()) {
      throw new JaxValueError("dtype argument to `normal` must be a float or complex dtype, got "
          + d);
    }
    checkShape(shape);
    return Samplers.normal(k, shape, d);
  }

  /**
   * Float32 standard Gumbel values of {@code shape} ({@code -log(-log(u))}).
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @return the float32 standard Gumbel values of {@code shape} ({@code -log(-log(u))})
   */
  public static NDArray gumbel(NDArray key, int[] shape) {
    return gumbel(key, shape, DType.defaultFloat());
  }

  /**
   * Standard Gumbel values {@code -log(-log(u))}, {@code u} uniform in {@code [tiny, 1)} (JAX's
   * default mode {@code low}).
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return the standard Gumbel values {@code -log(-log(u))}, {@code u} uniform in {@code [tiny,
   *     1)} (JAX's default mode {@code low})
   * @throws JaxValueError if {@code dtype} is not a float dtype
   */
  public static NDArray gumbel(NDArray key, int[] shape, DType dtype) {
    NDArray k = single("gumbel", key);
    DType d = NumpySupport.requestedDtype(dtype, "gumbel");
    if (!d.isFloating()) {
      throw new JaxValueError("dtype argument to `gumbel` must be a float dtype, got " + d);
    }
    checkShape(shape);
    return Samplers.gumbel(k, shape, d);
  }

  // ---- randint / bernoulli ----

  /**
   * Int32 integers uniform in {@code [minval, maxval)} (see the dtype overload).
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @return int32 integers uniform in {@code [minval, maxval)} (see the dtype overload)
   */
  public static NDArray randint(NDArray key, int[] shape, Object minval, Object maxval) {
    return randint(key, shape, minval, maxval, DType.defaultInt());
  }

  /**
   * Integers in {@code [minval, maxval)} by JAX's two-key formula: with {@code H}, {@code L}
   * the bits of the two halves of {@code split(key)} and {@code span = maxval - minval},
   * {@code minval + ((H % span) * (2^(n/2) % span)^2 % span + L % span) % span}. An empty range
   * gives {@code minval}; 8- and 16-bit dtypes sample in 32 bits; bounds are clipped to the
   * dtype.
   *
   * <pre>{@code
   * Random.randint(Random.PRNGKey(0), new int[] {5}, 0, 10);   // [9, 0, 2, 3, 1]
   * }</pre>
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @param dtype the element type of the result
   * @return integers in {@code [minval, maxval)} of {@code shape} and {@code dtype}
   * @throws JaxTypeError if {@code dtype} is not an integer dtype
   * @throws JaxValueError if the bounds' shapes do not broadcast to {@code shape}
   */
  public static NDArray randint(NDArray key, int[] shape, Object minval, Object maxval,
      DType dtype) {
    NDArray k = single("randint", key);
    DType d = NumpySupport.requestedDtype(dtype, "randint");
    checkShape(shape);
    if (!d.isInteger()) {
      throw new JaxTypeError("randint only accepts integer dtypes, got " + d);
    }
    NDArray lo = integral(NumpySupport.asArray(minval));
    NDArray hi = integral(NumpySupport.asArray(maxval));
    DType sampling = d;
    if (d.bits() < 32) {
      sampling = DType.INT32;
      var info = Samplers.iinfo(d);
      lo = Lax.clamp(Array.scalar(info[0].longValue(), DType.INT32),
          Lax.convertElementType(lo, DType.INT32),
          Array.scalar(info[1].longValue(), DType.INT32));
      hi = Lax.clamp(Array.scalar(info[0].longValue(), DType.INT32),
          Lax.convertElementType(hi, DType.INT32),
          Array.scalar(info[1].longValue() + 1, DType.INT32));
    }
    checkParamShapes("randint", shape, lo.shape(), hi.shape());
    NDArray r = Samplers.randint(k, lo, hi, shape, sampling);
    return Lax.convertElementType(r, d);
  }

  private static NDArray integral(NDArray x) {
    if (x.dtype().isInteger()) {
      return x;
    }
    return Lax.convertElementType(x, DType.defaultInt(), x.weakType());
  }

  /**
   * Bools true with probability 0.5 (a scalar).
   *
   * @param key the PRNG key array
   * @return the bools true with probability 0.5 (a scalar)
   */
  public static NDArray bernoulli(NDArray key) {
    return bernoulli(key, 0.5);
  }

  /**
   * Bools true with probability {@code p}, of {@code p}'s shape.
   *
   * @param key the PRNG key array
   * @param p the probability of {@code true}, broadcast to the shape
   * @return the bools true with probability {@code p}, of {@code p}'s shape
   */
  public static NDArray bernoulli(NDArray key, Object p) {
    return bernoulli(key, p, null);
  }

  /**
   * Bools {@code uniform(key, shape, p.dtype) < p}; {@code shape} null means {@code p}'s shape.
   *
   * <pre>{@code
   * Random.bernoulli(Random.PRNGKey(0), 0.5, new int[] {5});   // [False, False, True, True, False]
   * }</pre>
   *
   * @param key the PRNG key array
   * @param p the probability of {@code true}, broadcast to the shape
   * @param shape the dimensions of the result
   * @return the bools {@code uniform(key, shape, p.dtype) < p}; {@code shape} null means {@code
   *     p}'s shape
   * @throws JaxTypeError if {@code p} is not floating
   * @throws JaxValueError if {@code p}'s shape does not broadcast to {@code shape}
   */
  public static NDArray bernoulli(NDArray key, Object p, int[] shape) {
    NDArray k = single("bernoulli", key);
    NDArray pa = NumpySupport.asArray(p);
    DType d = pa.dtype();
    if (!d.isFloating()) {
      throw new JaxTypeError("bernoulli probability `p` must have a floating dtype, got " + d
          + ".");
    }
    pa = Lax.convertElementType(pa, d);
    int[] s = shape == null ? pa.shape() : shape;
    checkShape(s);
    if (shape != null) {
      checkParamShapes("bernoulli", s, pa.shape());
    }
    NDArray u = Samplers.uniform(k, 0.0, 1.0, s, d);
    return Lax.lt(u, NumpySupport.broadcastToRank(pa, s.length));
  }

  // ---- permutation / choice / categorical ----

  /**
   * A random permutation of {@code arange(n)} for an integer {@code x}, or of an array's
   * elements along axis 0 (see {@link #permutation(NDArray, Object, int, boolean)}).
   *
   * <pre>{@code
   * Random.permutation(Random.PRNGKey(0), 5);   // Array([0, 1, 4, 3, 2], dtype=int32)
   * }</pre>
   *
   * @param key the PRNG key array
   * @param x the operand: an array or a Java scalar
   * @return a random permutation of {@code arange(n)} for an integer {@code x}, or of an array's
   *     elements along axis 0 (see {@link #permutation(NDArray, Object, int, boolean)})
   */
  public static NDArray permutation(NDArray key, Object x) {
    return permutation(key, x, 0, false);
  }

  /**
   * {@code x} shuffled along {@code axis} (JAX's {@code _shuffle}: rounds of a stable sort by
   * random uint32 keys); for an n-d array, whole slices move together unless
   * {@code independent}, which shuffles each vector along {@code axis} separately. An integer
   * {@code x} (Java or a concrete 0-d array) permutes {@code arange(x)}.
   *
   * @param key the PRNG key array
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param independent whether each slice along {@code axis} is shuffled independently
   * @return {@code x} shuffled along {@code axis} (JAX's {@code _shuffle}
   * @throws JaxTypeError for a 0-d non-integer {@code x}, or a traced 0-d {@code x}
   * @throws JaxValueError for an out-of-bounds axis
   */
  public static NDArray permutation(NDArray key, Object x, int axis, boolean independent) {
    NDArray k = single("permutation", key);
    NDArray a = NumpySupport.asArray(x);
    int ax = NumpySupport.normalizeAxis(axis, Math.max(a.ndim(), 1));
    if (a.ndim() == 0) {
      if (!a.dtype().isInteger()) {
        throw new JaxTypeError("x must be an integer or at least 1-dimensional");
      }
      int n = a.intValue();
      return Samplers.shuffle(k, Jnp.arange(n), ax);
    }
    if (independent || a.ndim() == 1) {
      return Samplers.shuffle(k, a, ax);
    }
    NDArray ind = Samplers.shuffle(k, Jnp.arange(a.shape()[ax]), 0);
    return Samplers.take(a, ind, ax);
  }

  /**
   * One element drawn uniformly from {@code a} (an integer n means {@code arange(n)}).
   *
   * @param key the PRNG key array
   * @param a the input: an array or a Java scalar
   * @return one element drawn uniformly from {@code a} (an integer n means {@code arange(n)})
   */
  public static NDArray choice(NDArray key, Object a) {
    return choice(key, a, new int[0], true, null, 0);
  }

  /**
   * Elements drawn uniformly from {@code a}, with replacement, as {@code shape}.
   *
   * @param key the PRNG key array
   * @param a the input: an array or a Java scalar
   * @param shape the dimensions of the result
   * @return the elements drawn uniformly from {@code a}, with replacement, as {@code shape}
   */
  public static NDArray choice(NDArray key, Object a, int[] shape) {
    return choice(key, a, shape, true, null, 0);
  }

  /**
   * Elements drawn uniformly from {@code a} as {@code shape}, with or without replacement.
   *
   * @param key the PRNG key array
   * @param a the input: an array or a Java scalar
   * @param shape the dimensions of the result
   * @param replace whether sampling is with replacement
   * @return the elements drawn uniformly from {@code a} as {@code shape}, with or without
   *     replacement
   */
  public static NDArray choice(NDArray key, Object a, int[] shape, boolean replace) {
    return choice(key, a, shape, replace, null, 0);
  }

  /**
   * Elements drawn from {@code a} with probabilities {@code p} (null: uniform).
   *
   * @param key the PRNG key array
   * @param a the input: an array or a Java scalar
   * @param shape the dimensions of the result
   * @param replace whether sampling is with replacement
   * @param p the probability of each element, or {@code null} for uniform
   * @return the elements drawn from {@code a} with probabilities {@code p} (null: uniform)
   */
  public static NDArray choice(NDArray key, Object a, int[] shape, boolean replace, Object p) {
    return choice(key, a, shape, replace, p, 0);
  }

  /**
   * A random sample from {@code a} along {@code axis} (an integer {@code a} means
   * {@code arange(a)}), of shape {@code a.shape[:axis] + shape + a.shape[axis+1:]}. Uniform with
   * replacement uses {@code randint}; without, a permutation; with {@code p}, inverse-CDF
   * sampling ({@code searchsorted(cumsum(p), cumsum(p)[-1] * (1 - uniform))}) or, without
   * replacement, the Gumbel top-k trick.
   *
   * <pre>{@code
   * Random.choice(Random.PRNGKey(0), 5, new int[] {3}, false);
   * }</pre>
   *
   * @param key the PRNG key array
   * @param a the input: an array or a Java scalar
   * @param shape the dimensions of the result
   * @param replace whether sampling is with replacement
   * @param p the probability of each element, or {@code null} for uniform
   * @param axis the axis to operate along; negative values count from the end
   * @return a random sample from {@code a} along {@code axis} (an integer {@code a} means {@code
   *     arange(a)}), of shape {@code a.shape[:axis] + shape + a.shape[axis+1:]}
   * @throws JaxValueError for an empty population, a sample larger than the population without
   *     replacement, or {@code p} not of shape {@code (n,)}
   */
  public static NDArray choice(NDArray key, Object a, int[] shape, boolean replace, Object p,
      int axis) {
    NDArray k = single("choice", key);
    NDArray arr = NumpySupport.asArray(a);
    int nInputs;
    int ax = 0;
    if (arr.ndim() == 0) {
      nInputs = arr.intValue();
    } else {
      ax = NumpySupport.normalizeAxis(axis, arr.ndim());
      nInputs = arr.shape()[ax];
    }
    checkShape(shape);
    long nDraws = 1;
    for (int s : shape) {
      nDraws *= s;
    }
    if (nDraws == 0) {
      return Jnp.zeros(shape, arr.dtype());
    }
    if (nInputs <= 0) {
      throw new JaxValueError("a must be greater than 0 unless no samples are taken");
    }
    if (!replace && nDraws > nInputs) {
      throw new JaxValueError("Cannot take a larger sample (size " + nDraws + ") than population"
          + " (size " + nInputs + ") when 'replace=False'");
    }
    NDArray result;
    if (p == null) {
      if (replace) {
        NDArray ind = randint(k, shape, 0, nInputs);
        result = arr.ndim() == 0 ? ind : Samplers.take(arr, ind, ax);
      } else {
        NDArray perm = permutation(k, arr.ndim() == 0 ? (Object) nInputs : arr, ax, false);
        int[] limit = perm.shape();
        limit[ax] = (int) nDraws;
        result = Lax.slice(perm, new int[perm.ndim()], limit);
      }
    } else {
      NDArray pa = NumpySupport.promoteDtypesInexact(p).get(0);
      if (!Arrays.equals(pa.shape(), new int[] {nInputs})) {
        throw new JaxValueError("p must be None or a 1D vector with the same size as"
            + " a.shape[axis]. p has shape " + Shape.tupleString(pa.shape())
            + " and a.shape[axis] is " + nInputs + ".");
      }
      NDArray ind;
      if (replace) {
        NDArray cuml = Lax.cumsum(pa, 0);
        NDArray last = Lax.reshape(Lax.slice(cuml, new int[] {nInputs - 1},
            new int[] {nInputs}), new int[0]);
        NDArray u = Samplers.uniform(k, 0.0, 1.0, shape, cuml.dtype());
        NDArray r = Lax.mul(last, Lax.sub(Array.scalar(1.0, cuml.dtype()), u));
        ind = searchsortedLeft(cuml, r);
      } else {
        NDArray g = Lax.add(Samplers.gumbel(k, new int[] {nInputs}, pa.dtype()), Lax.log(pa));
        ind = Lax.convertElementType(Lax.topK(g, (int) nDraws).get(1), DType.defaultInt());
      }
      result = arr.ndim() == 0 ? ind : Samplers.take(arr, ind, ax);
    }
    int[] out;
    if (arr.ndim() == 0) {
      out = shape;
    } else {
      int[] as = arr.shape();
      out = new int[as.length - 1 + shape.length];
      System.arraycopy(as, 0, out, 0, ax);
      System.arraycopy(shape, 0, out, ax, shape.length);
      System.arraycopy(as, ax + 1, out, ax + shape.length, as.length - ax - 1);
    }
    return Lax.reshape(result, out);
  }

  /** {@code searchsorted(sorted, v, side='left')}: how many elements are below each value. */
  private static NDArray searchsortedLeft(NDArray sorted, NDArray v) {
    int n = sorted.shape()[0];
    int[] vs = v.shape();
    int[] bs = Arrays.copyOf(vs, vs.length + 1);
    bs[vs.length] = n;
    int[] vdims = new int[vs.length];
    for (int i = 0; i < vs.length; i++) {
      vdims[i] = i;
    }
    NDArray sb = Lax.broadcastInDim(sorted, bs, new int[] {vs.length});
    NDArray vb = Lax.broadcastInDim(v, bs, vdims);
    NDArray below = Lax.convertElementType(Lax.lt(sb, vb), DType.defaultInt());
    return Lax.reduceSum(below, vs.length);
  }

  /**
   * Category indices sampled from {@code logits} along the last axis (with replacement).
   *
   * @param key the PRNG key array
   * @param logits the unnormalized log-probabilities
   * @return category indices sampled from {@code logits} along the last axis (with replacement)
   */
  public static NDArray categorical(NDArray key, Object logits) {
    return categorical(key, logits, -1, null, true);
  }

  /**
   * Category indices sampled from {@code logits} along {@code axis} (with replacement).
   *
   * @param key the PRNG key array
   * @param logits the unnormalized log-probabilities
   * @param axis the axis to operate along; negative values count from the end
   * @return category indices sampled from {@code logits} along {@code axis} (with replacement)
   */
  public static NDArray categorical(NDArray key, Object logits, int axis) {
    return categorical(key, logits, axis, null, true);
  }

  /**
   * Samples from categorical distributions given by unnormalized log-probabilities along
   * {@code axis}: the Gumbel-max trick ({@code argmax(gumbel + logits)}) with replacement, the
   * Gumbel top-k trick without. {@code shape} (null: the logits' shape without {@code axis})
   * must end with a shape that broadcasts with it; leading dimensions are extra draws.
   *
   * <pre>{@code
   * Random.categorical(key, Jnp.log(Jnp.array(0.2f, 0.8f)), -1, new int[] {4}, true);
   * }</pre>
   *
   * @param key the PRNG key array
   * @param logits the unnormalized log-probabilities
   * @param axis the axis to operate along; negative values count from the end
   * @param shape the dimensions of the result
   * @param replace whether sampling is with replacement
   * @return the sampled category indices
   * @throws JaxValueError for a bad axis or shape, or more draws than categories without
   *     replacement
   */
  public static NDArray categorical(NDArray key, Object logits, int axis, int[] shape,
      boolean replace) {
    NDArray k = single("categorical", key);
    NDArray lg = NumpySupport.asArray(logits);
    int nd = lg.ndim();
    int ax = NumpySupport.normalizeAxis(axis, nd);
    int[] ls = lg.shape();
    int[] batch = new int[nd - 1];
    for (int i = 0, j = 0; i < nd; i++) {
      if (i != ax) {
        batch[j++] = ls[i];
      }
    }
    int[] s = shape == null ? batch : shape;
    checkShape(s);
    if (shape != null) {
      checkParamShapes("categorical", s, batch);
    }
    int prefixLen = s.length - batch.length;
    int[] prefix = Arrays.copyOf(s, prefixLen);
    if (replace) {
      List<Integer> logitsShape = new ArrayList<>();
      for (int i = prefixLen; i < s.length; i++) {
        logitsShape.add(s[i]);
      }
      logitsShape.add(ax, ls[ax]);
      int[] gshape = new int[prefixLen + logitsShape.size()];
      System.arraycopy(prefix, 0, gshape, 0, prefixLen);
      for (int i = 0; i < logitsShape.size(); i++) {
        gshape[prefixLen + i] = logitsShape.get(i);
      }
      NDArray g = gumbelChecked(k, gshape, lg.dtype());
      NDArray sum = Lax.add(g, NumpySupport.broadcastToRank(lg, gshape.length));
      return Lax.argmax(sum, prefixLen + ax, DType.defaultInt());
    }
    NDArray noisy = Lax.add(lg, gumbelChecked(k, ls, lg.dtype()));
    long kk = 1;
    for (int d : prefix) {
      kk *= d;
    }
    if (kk > ls[ax]) {
      throw new JaxValueError("Number of samples without replacement (" + kk + ") cannot exceed"
          + " number of categories (" + ls[ax] + ").");
    }
    int[] perm = new int[nd];
    for (int i = 0, j = 0; i < nd; i++) {
      if (i != ax) {
        perm[j++] = i;
      }
    }
    perm[nd - 1] = ax;
    NDArray indices = Lax.topK(Lax.transpose(noisy, perm), (int) kk).get(1);
    int[] dims = new int[nd];
    dims[0] = nd - 1;
    for (int i = 1; i < nd; i++) {
      dims[i] = i - 1;
    }
    return Lax.reshape(indices, s, dims);
  }

  private static NDArray gumbelChecked(NDArray key, int[] shape, DType dtype) {
    if (!dtype.isFloating()) {
      throw new JaxValueError("dtype argument to `gumbel` must be a float dtype, got " + dtype);
    }
    return Samplers.gumbel(key, shape, dtype);
  }

  // ---- shape checks ----

  private static void checkShape(int[] shape) {
    for (int d : shape) {
      if (d < 0) {
        throw new JaxTypeError("Shapes must be 1D sequences of concrete values of integer type,"
            + " got " + Shape.tupleString(shape) + ".");
      }
    }
  }

  /** JAX's {@code _check_shape}: the parameter shapes must broadcast to exactly {@code shape}. */
  private static void checkParamShapes(String name, int[] shape, int[]... paramShapes) {
    List<int[]> all = new ArrayList<>();
    all.add(shape);
    all.addAll(Arrays.asList(paramShapes));
    int[] b = NumpySupport.broadcastShapes(all);
    if (!Arrays.equals(b, shape)) {
      throw new JaxValueError(name + " parameter shapes must be broadcast-compatible with shape"
          + " argument, and the result of broadcasting the shapes must equal the shape argument,"
          + " but got result " + Shape.tupleString(b) + " for shape argument "
          + Shape.tupleString(shape) + ".");
    }
  }
}
