package org.jaxpresso.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A primitive operation: a name plus the rules that every interpreter consults. Applying it
 * means {@link #bind binding} it, which hands it to the current {@link Trace}: the eval trace
 * runs it, a staging trace (jit) records an equation, and later transformations apply their
 * own rule tables.
 *
 * <p>Primitives are declared once, with all their rules, by the {@code lax} module's factories:
 *
 * <pre>{@code
 * Primitive sin = Primitive.builder("sin")
 *     .abstractEval((avals, params) -> List.of(avals.get(0)))
 *     .impl((args, params) -> ...)
 *     .build();
 * NDArray y = sin.bind1(Params.EMPTY, x);
 * }</pre>
 */
public final class Primitive {
  /** The shape/dtype rule: output avals from input avals and params, or a JAX-worded error. */
  @FunctionalInterface
  public interface AbstractEvalRule {
    /** The output avals; throws a {@link org.jaxpresso.core.errors.JaxTypeError} when invalid. */
    List<ShapedArray> apply(List<ShapedArray> inputs, Params params);
  }

  /** The reference implementation: plain Java, every accepted dtype, the oracle for backends. */
  @FunctionalInterface
  public interface ImplRule {
    /** Computes the outputs; inputs have already passed the abstract-eval rule. */
    List<Array> apply(List<Array> inputs, Params params);
  }

  private static final Map<String, Primitive> REGISTRY = new ConcurrentHashMap<>();

  private final String name;
  private final boolean multipleResults;
  private final AbstractEvalRule abstractEval;
  private final ImplRule impl;
  private final UnaryOperator<Params> printedParams;
  private final String family;

  private Primitive(Builder b) {
    this.name = b.name;
    this.multipleResults = b.multipleResults;
    this.abstractEval = b.abstractEval;
    this.impl = b.impl;
    this.printedParams = b.printedParams;
    this.family = b.family;
  }

  /** Starts declaring a primitive named {@code name} (the name jaxprs print). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The printed name, e.g. {@code add}, {@code reduce_sum}, {@code scatter-add}. */
  public String name() {
    return name;
  }

  /** The family it was declared in ({@code elementwise}, {@code shaping}, ...), for reports. */
  public String family() {
    return family;
  }

  /** Whether it returns a list of results rather than one. */
  public boolean multipleResults() {
    return multipleResults;
  }

  /** The shape/dtype rule, or null if none was declared. */
  public AbstractEvalRule abstractEvalRule() {
    return abstractEval;
  }

  /** The reference implementation, or null if none was declared. */
  public ImplRule implRule() {
    return impl;
  }

  /**
   * Applies the shape/dtype rule.
   *
   * @throws IllegalStateException if the primitive has no rule
   */
  public List<ShapedArray> abstractEval(List<ShapedArray> inputs, Params params) {
    if (abstractEval == null) {
      throw new IllegalStateException("primitive " + name + " has no abstract evaluation rule");
    }
    return abstractEval.apply(inputs, params);
  }

  /**
   * Runs the reference implementation.
   *
   * @throws IllegalStateException if the primitive has no implementation
   */
  public List<Array> impl(List<Array> inputs, Params params) {
    if (impl == null) {
      throw new IllegalStateException("primitive " + name + " has no reference implementation");
    }
    return impl.apply(inputs, params);
  }

  /** The params as a jaxpr prints them (some primitives hide defaults, as JAX does). */
  public Params printedParams(Params params) {
    return printedParams.apply(params);
  }

  /** Applies the primitive under the current trace and returns all its results. */
  public List<NDArray> bind(List<? extends NDArray> args, Params params) {
    Objects.requireNonNull(params, "params");
    for (NDArray a : args) {
      Objects.requireNonNull(a, () -> name + ": argument is null");
    }
    return Trace.current().processPrimitive(this, List.copyOf(args), params);
  }

  /** Applies a single-result primitive under the current trace. */
  public NDArray bind1(Params params, NDArray... args) {
    List<NDArray> out = bind(Arrays.asList(args), params);
    if (out.size() != 1) {
      throw new IllegalStateException(name + " returned " + out.size() + " results, expected 1");
    }
    return out.get(0);
  }

  /** Every primitive declared so far, by name. */
  public static Collection<Primitive> registered() {
    return List.copyOf(REGISTRY.values());
  }

  /** The declared primitive with this name, or null. */
  public static Primitive lookup(String name) {
    return REGISTRY.get(name);
  }

  /** The name. */
  @Override
  public String toString() {
    return name;
  }

  /** Declares a {@link Primitive}; {@link #build()} registers it. */
  public static final class Builder {
    private final String name;
    private boolean multipleResults;
    private AbstractEvalRule abstractEval;
    private ImplRule impl;
    private UnaryOperator<Params> printedParams = UnaryOperator.identity();
    private String family = "";

    private Builder(String name) {
      this.name = Objects.requireNonNull(name);
    }

    /** Marks the primitive as returning a list of results. */
    public Builder multipleResults() {
      this.multipleResults = true;
      return this;
    }

    /** The shape/dtype rule. */
    public Builder abstractEval(AbstractEvalRule rule) {
      this.abstractEval = rule;
      return this;
    }

    /** The reference implementation. */
    public Builder impl(ImplRule rule) {
      this.impl = rule;
      return this;
    }

    /** How params are shown in jaxprs (default: all of them). */
    public Builder printedParams(UnaryOperator<Params> rule) {
      this.printedParams = rule;
      return this;
    }

    /** The family the primitive belongs to. */
    public Builder family(String family) {
      this.family = family;
      return this;
    }

    /**
     * Builds and registers the primitive.
     *
     * @throws IllegalStateException if a primitive of that name is already registered
     */
    public Primitive build() {
      Primitive p = new Primitive(this);
      Primitive prev = REGISTRY.putIfAbsent(name, p);
      if (prev != null) {
        throw new IllegalStateException("primitive " + name + " is already declared");
      }
      return p;
    }

    /** Builds without registering (for tests and private helpers). */
    public Primitive buildUnregistered() {
      return new Primitive(this);
    }
  }
}
