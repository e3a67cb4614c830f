package org.jaxpresso.core.jaxpr;

import java.util.Objects;
import org.jaxpresso.core.ShapedArray;

/**
 * A jaxpr variable. Identity-based, as in JAX: it carries only its aval, and its printed name
 * ({@code a}, {@code b}, ..., {@code ba}) is assigned when the jaxpr is printed. A drop var is
 * an output binder that is never read; it prints {@code _}.
 */
public final class Var implements Atom {
  private final ShapedArray aval;
  private final boolean dropped;

  private Var(ShapedArray aval, boolean dropped) {
    this.aval = Objects.requireNonNull(aval, "aval");
    this.dropped = dropped;
  }

  /**
   * A fresh variable of the given aval.
   *
   * @param aval the abstract value (shape and dtype)
   * @return a fresh variable of the given aval
   */
  public static Var of(ShapedArray aval) {
    return new Var(aval, false);
  }

  /**
   * A fresh drop var ({@code _}) of the given aval.
   *
   * @param aval the abstract value (shape and dtype)
   * @return a fresh drop var ({@code _}) of the given aval
   */
  public static Var drop(ShapedArray aval) {
    return new Var(aval, true);
  }

  @Override
  public ShapedArray aval() {
    return aval;
  }

  /**
   * Whether this is a drop var.
   *
   * @return whether this is a drop var
   */
  public boolean isDropVar() {
    return dropped;
  }

  /** A debugging form: {@code Var@1a2b:f32[3]} (names come only from the printer). */
  @Override
  public String toString() {
    return (dropped ? "_" : "Var@" + Integer.toHexString(System.identityHashCode(this))) + ":" + aval.shortStr();
  }
}
