package org.jaxpresso.numpy.internal.indexing;

/** The kind of one index entry, as JAX's {@code IndexType}. */
public enum IndexType {
  /** {@code None}: a new axis. */
  NONE,
  /** A Python slice with static (or, erroneously, traced) bounds. */
  SLICE,
  /** {@code ...}. */
  ELLIPSIS,
  /** A static Java integer. */
  INTEGER,
  /** A boolean scalar or mask. */
  BOOLEAN,
  /** An integer array (any rank, possibly traced). */
  ARRAY,
  /** {@code jax.ds(start, size)}. */
  DYNAMIC_SLICE
}
