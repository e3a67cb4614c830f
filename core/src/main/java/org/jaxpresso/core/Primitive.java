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
    /**
     * The output avals; throws a {@link org.jaxpresso.core.errors.JaxTypeError} when invalid.
     *
     * @param inputs the input avals
     * @param params the primitive's parameters
     * @return the output avals; throws a {@link org.jaxpresso.core.errors.JaxTypeError} when
     *     invalid
     */
    List<ShapedArray> apply(List<ShapedArray> inputs, Params params);
  }

  /** The reference implementation: plain Java, every accepted dtype, the oracle for backends. */
  @FunctionalInterface
  public interface ImplRule {
    /**
     * Computes the outputs; inputs have already passed the abstract-eval rule.
     *
     * @param inputs the concrete inputs
     * @param params the primitive's parameters
     * @return the outputs; inputs have already passed the abstract-eval rule
     */
    List<Array> apply(List<Array> inputs, Params params);
  }

  /**
   * The forward-mode rule (JAX's {@code primitive_jvps}): output primals and tangents from
   * input primals and tangents. A null tangent is a symbolic zero, in and out.
   */
  @FunctionalInterface
  public interface JvpRule {
    /**
     * The outputs; binds primitives on the trace current when it is called.
     *
     * @param primals the primal input values
     * @param tangents the tangent values, one per primal
     * @param params the primitive's parameters
     * @return the outputs; binds primitives on the trace current when it is called
     */
    JvpResult apply(List<NDArray> primals, List<NDArray> tangents, Params params);
  }

  /**
   * The outputs of a {@link JvpRule}.
   *
   * @param primals the output values
   * @param tangents the output tangents, null entries being symbolic zeros
   */
  public record JvpResult(List<NDArray> primals, List<NDArray> tangents) {
    /** Copies the lists (tangent entries may be null). */
    public JvpResult {
      primals = List.copyOf(primals);
      tangents = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tangents));
    }

    /**
     * A single-output result.
     *
     * @param primal the primal value
     * @param tangent the tangent value
     * @return a single-output result
     */
    public static JvpResult of(NDArray primal, NDArray tangent) {
      return new JvpResult(List.of(primal), java.util.Arrays.asList(tangent));
    }
  }

  /**
   * The transpose rule of a primitive linear in some of its inputs (JAX's
   * {@code primitive_transposes}): the cotangents of the linear inputs from the cotangents of
   * the outputs.
   */
  @FunctionalInterface
  public interface TransposeRule {
    /**
     * The input cotangents.
     *
     * @param cts the output cotangents (never symbolic zeros: they are instantiated first)
     * @param args the inputs, null where the input is linear (JAX's {@code UndefinedPrimal})
     * @param avals the inputs' avals (for the linear ones in particular)
     * @param params the equation's params
     * @return one cotangent per input; null for non-linear inputs or zero cotangents
     */
    List<NDArray> apply(List<NDArray> cts, List<NDArray> args, List<ShapedArray> avals,
        Params params);
  }

  /**
   * The batching rule (JAX's {@code primitive_batchers}): the primitive applied to a batch of
   * inputs, each with its batch dimension or {@link #NOT_MAPPED}.
   */
  @FunctionalInterface
  public interface BatchRule {
    /**
     * The batched outputs and the dimension of each that carries the batch.
     *
     * @param args the inputs, batched or not
     * @param dims the batched dimension of each argument ({@code -1} where not batched)
     * @param params the primitive's parameters
     * @return the batched outputs and the dimension of each that carries the batch
     */
    BatchResult apply(List<NDArray> args, int[] dims, Params params);
  }

  /** The batch dimension of an input or output that carries no batch dimension. */
  public static final int NOT_MAPPED = -1;

  /**
   * The outputs of a {@link BatchRule}.
   *
   * @param outputs the batched values
   * @param dims the batch dimension of each output, or {@link #NOT_MAPPED}
   */
  public record BatchResult(List<NDArray> outputs, int[] dims) {
    /** Copies the lists. */
    public BatchResult {
      outputs = List.copyOf(outputs);
      dims = dims.clone();
    }

    /**
     * A single-output result.
     *
     * @param out the output
     * @param dim the dimension of {@code out} that carries the batch, or {@code -1} when not
     *     batched
     * @return a single-output result
     */
    public static BatchResult of(NDArray out, int dim) {
      return new BatchResult(List.of(out), new int[] {dim});
    }
  }

  private static final Map<String, Primitive> REGISTRY = new ConcurrentHashMap<>();

  private static final List<Runnable> RULE_LOADERS =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Registers code that attaches transformation rules to a family of primitives declared
   * elsewhere. Families call it when they load; the loaders run (each must be idempotent) the
   * first time a rule is looked up and found missing, so declaring primitives stays cheap and
   * programs that never transform pay nothing.
   *
   * @param loader the code that attaches the rules
   */
  public static void addRuleLoader(Runnable loader) {
    RULE_LOADERS.add(Objects.requireNonNull(loader));
  }

  /** Runs every registered rule loader (see {@link #addRuleLoader}). */
  public static void loadRules() {
    for (Runnable r : RULE_LOADERS) {
      r.run();
    }
  }

  private final String name;
  private final boolean multipleResults;
  private final AbstractEvalRule abstractEval;
  private final ImplRule impl;
  private final UnaryOperator<Params> printedParams;
  private final String family;
  private volatile JvpRule jvp;
  private volatile TransposeRule transpose;
  private volatile BatchRule batch;

  private Primitive(Builder b) {
    this.name = b.name;
    this.multipleResults = b.multipleResults;
    this.abstractEval = b.abstractEval;
    this.impl = b.impl;
    this.printedParams = b.printedParams;
    this.family = b.family;
    this.jvp = b.jvp;
    this.transpose = b.transpose;
    this.batch = b.batch;
  }

  /**
   * The forward-mode rule, or null if none was declared.
   *
   * @return the forward-mode rule, or null if none was declared
   */
  public JvpRule jvpRule() {
    if (jvp == null) {
      loadRules();
    }
    return jvp;
  }

  /**
   * The transpose rule (linear primitives only), or null.
   *
   * @return the transpose rule (linear primitives only), or null
   */
  public TransposeRule transposeRule() {
    if (transpose == null) {
      loadRules();
    }
    return transpose;
  }

  /**
   * The batching rule, or null.
   *
   * @return the batching rule, or null
   */
  public BatchRule batchRule() {
    if (batch == null) {
      loadRules();
    }
    return batch;
  }

  /**
   * Attaches the forward-mode rule to a primitive declared elsewhere (rules of a family may
   * live in their own file); returns this primitive.
   *
   * @param rule the forward-mode rule
   * @return this primitive, for chaining
   * @throws IllegalStateException if it already has one
   */
  public Primitive defineJvp(JvpRule rule) {
    synchronized (this) {
      if (jvp != null) {
        throw new IllegalStateException("primitive " + name + " already has a JVP rule");
      }
      jvp = Objects.requireNonNull(rule);
    }
    return this;
  }

  /**
   * Attaches the transpose rule (see {@link #defineJvp}).
   *
   * @param rule the transpose rule
   * @return this primitive, for chaining
   * @throws IllegalStateException if it already has one
   */
  public Primitive defineTranspose(TransposeRule rule) {
    synchronized (this) {
      if (transpose != null) {
        throw new IllegalStateException("primitive " + name + " already has a transpose rule");
      }
      transpose = Objects.requireNonNull(rule);
    }
    return this;
  }

  /**
   * Attaches the batching rule (see {@link #defineJvp}).
   *
   * @param rule the batching rule
   * @return this primitive, for chaining
   * @throws IllegalStateException if it already has one
   */
  public Primitive defineBatch(BatchRule rule) {
    synchronized (this) {
      if (batch != null) {
        throw new IllegalStateException("primitive " + name + " already has a batching rule");
      }
      batch = Objects.requireNonNull(rule);
    }
    return this;
  }

  /**
   * Starts declaring a primitive named {@code name} (the name jaxprs print).
   *
   * @param name the primitive's name, as jaxprs print it
   * @return a builder for the primitive
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The printed name, e.g. {@code add}, {@code reduce_sum}, {@code scatter-add}.
   *
   * @return the printed name, e.g. {@code add}, {@code reduce_sum}, {@code scatter-add}
   */
  public String name() {
    return name;
  }

  /**
   * The family it was declared in ({@code elementwise}, {@code shaping}, ...), for reports.
   *
   * @return the family it was declared in ({@code elementwise}, {@code shaping}, ...), for reports
   */
  public String family() {
    return family;
  }

  /**
   * Whether it returns a list of results rather than one.
   *
   * @return whether it returns a list of results rather than one
   */
  public boolean multipleResults() {
    return multipleResults;
  }

  /**
   * The shape/dtype rule, or null if none was declared.
   *
   * @return the shape/dtype rule, or null if none was declared
   */
  public AbstractEvalRule abstractEvalRule() {
    return abstractEval;
  }

  /**
   * The reference implementation, or null if none was declared.
   *
   * @return the reference implementation, or null if none was declared
   */
  public ImplRule implRule() {
    return impl;
  }

  /**
   * Applies the shape/dtype rule.
   *
   * @param inputs the input avals
   * @param params the primitive's parameters
   * @return the outputs
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
   * @param inputs the concrete inputs
   * @param params the primitive's parameters
   * @return the outputs
   * @throws IllegalStateException if the primitive has no implementation
   */
  public List<Array> impl(List<Array> inputs, Params params) {
    if (impl == null) {
      throw new IllegalStateException("primitive " + name + " has no reference implementation");
    }
    return impl.apply(inputs, params);
  }

  /**
   * The params as a jaxpr prints them (some primitives hide defaults, as JAX does).
   *
   * @param params the primitive's parameters
   * @return the params as a jaxpr prints them (some primitives hide defaults, as JAX does)
   */
  public Params printedParams(Params params) {
    return printedParams.apply(params);
  }

  /**
   * Applies the primitive under the current trace and returns all its results.
   *
   * @param args the inputs: arrays or tracers
   * @param params the primitive's parameters
   * @return all its results
   */
  public List<NDArray> bind(List<? extends NDArray> args, Params params) {
    Objects.requireNonNull(params, "params");
    for (NDArray a : args) {
      Objects.requireNonNull(a, () -> name + ": argument is null");
    }
    return Trace.current().processPrimitive(this, List.copyOf(args), params);
  }

  /**
   * Applies a single-result primitive under the current trace.
   *
   * @param params the primitive's parameters
   * @param args the inputs: arrays or tracers
   * @return the output
   */
  public NDArray bind1(Params params, NDArray... args) {
    List<NDArray> out = bind(Arrays.asList(args), params);
    if (out.size() != 1) {
      throw new IllegalStateException(name + " returned " + out.size() + " results, expected 1");
    }
    return out.get(0);
  }

  /**
   * Every primitive declared so far, by name.
   *
   * @return every primitive declared so far, by name
   */
  public static Collection<Primitive> registered() {
    return List.copyOf(REGISTRY.values());
  }

  /**
   * The declared primitive with this name, or null.
   *
   * @param name the primitive's name, as jaxprs print it
   * @return the declared primitive with this name, or null
   */
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
    private JvpRule jvp;
    private TransposeRule transpose;
    private BatchRule batch;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name);
    }

    /**
     * Marks the primitive as returning a list of results.
     *
     * @return this builder
     */
    public Builder multipleResults() {
      this.multipleResults = true;
      return this;
    }

    /**
     * The shape/dtype rule.
     *
     * @param rule the rule computing the output avals
     * @return this builder
     */
    public Builder abstractEval(AbstractEvalRule rule) {
      this.abstractEval = rule;
      return this;
    }

    /**
     * The reference implementation.
     *
     * @param rule the reference implementation
     * @return this builder
     */
    public Builder impl(ImplRule rule) {
      this.impl = rule;
      return this;
    }

    /**
     * How params are shown in jaxprs (default: all of them).
     *
     * @param rule maps the params to the ones jaxprs show
     * @return this builder
     */
    public Builder printedParams(UnaryOperator<Params> rule) {
      this.printedParams = rule;
      return this;
    }

    /**
     * The forward-mode rule.
     *
     * @param rule the forward-mode rule
     * @return this builder
     */
    public Builder jvp(JvpRule rule) {
      this.jvp = rule;
      return this;
    }

    /**
     * The transpose rule, for primitives linear in some inputs.
     *
     * @param rule the transpose rule
     * @return this builder
     */
    public Builder transpose(TransposeRule rule) {
      this.transpose = rule;
      return this;
    }

    /**
     * The batching rule.
     *
     * @param rule the batching rule
     * @return this builder
     */
    public Builder batch(BatchRule rule) {
      this.batch = rule;
      return this;
    }

    /**
     * The family the primitive belongs to.
     *
     * @param family the family's name, e.g. {@code elementwise}
     * @return this builder
     */
    public Builder family(String family) {
      this.family = family;
      return this;
    }

    /**
     * Builds and registers the primitive.
     *
     * @return the primitive, now registered
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

    /**
     * Builds without registering (for tests and private helpers).
     *
     * @return the primitive, not registered
     */
    public Primitive buildUnregistered() {
      return new Primitive(this);
    }
  }
}
