package org.jaxpresso.core.jaxpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;

/** Builds jaxprs by hand for tests: binders, equations, then the outputs. */
final class JaxprBuilder {
  private final List<Var> constvars = new ArrayList<>();
  private final List<Var> invars = new ArrayList<>();
  private final List<Eqn> eqns = new ArrayList<>();

  /** A type from its jaxpr text, {@code f32[3,4]}; a leading {@code ~} makes it weak. */
  static ShapedArray t(String text) {
    boolean weak = text.startsWith("~");
    String s = weak ? text.substring(1) : text;
    int open = s.indexOf('[');
    String name = s.substring(0, open);
    DType dtype = Arrays.stream(DType.values())
        .filter(d -> d.shortName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dtype " + name));
    String dims = s.substring(open + 1, s.length() - 1);
    int[] shape = dims.isEmpty()
        ? new int[0]
        : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
    return new ShapedArray(Shape.of(shape), dtype, weak);
  }

  /** A float literal of the given dtype. */
  static Literal lit(double v, DType dtype) {
    return new Literal(Array.scalar(v, dtype));
  }

  /** An f32 literal. */
  static Literal f32(double v) {
    return lit(v, DType.FLOAT32);
  }

  /** An i32 literal. */
  static Literal i32(long v) {
    return new Literal(Array.scalar(v, DType.INT32));
  }

  /** A new constvar. */
  Var constvar(String type) {
    Var v = Var.of(t(type));
    constvars.add(v);
    return v;
  }

  /** A new invar. */
  Var in(String type) {
    Var v = Var.of(t(type));
    invars.add(v);
    return v;
  }

  /** An equation with one output of type {@code type}; returns the output. */
  Var eq(String type, Primitive p, Params params, Atom... ins) {
    return eqs(List.of(type), p, params, ins).get(0);
  }

  /** An equation with one output and no params. */
  Var eq(String type, Primitive p, Atom... ins) {
    return eq(type, p, Params.EMPTY, ins);
  }

  /** An equation with one output per type ({@code _:f32[]} makes a drop var). */
  List<Var> eqs(List<String> types, Primitive p, Params params, Atom... ins) {
    List<Var> outs = new ArrayList<>();
    for (String type : types) {
      outs.add(type.startsWith("_:") ? Var.drop(t(type.substring(2))) : Var.of(t(type)));
    }
    eqns.add(new Eqn(p, List.of(ins), params, outs));
    return outs;
  }

  /** Adds an already built equation. */
  void add(Eqn e) {
    eqns.add(e);
  }

  /** The jaxpr returning {@code outs}. */
  Jaxpr out(Atom... outs) {
    return new Jaxpr(constvars, invars, eqns, List.of(outs));
  }
}
