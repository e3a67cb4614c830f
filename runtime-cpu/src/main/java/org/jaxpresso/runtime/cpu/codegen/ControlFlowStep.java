package org.jaxpresso.runtime.cpu.codegen;

import java.util.List;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.kir.ControlFlow;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.objectweb.asm.MethodTooLargeException;

/**
 * A control-flow kernel ({@code while}, {@code scan}, {@code cond}): its sub-programs compiled
 * to steps once ({@link SubProgram}, recursively: a loop in a loop body is one of the body's
 * steps) and a generated class ({@link ControlFlowWriter}) holding the loop or switch that calls
 * them. A run makes a frame over the operands' storage ({@link WhileFrame}, {@link ScanFrame},
 * {@link CondFrame}), runs the class on it and records the results. A control-flow step inside
 * a sub-program keeps its frames in a slot of the enclosing environment ({@link
 * #withFrameSlot}), one per buffer set of the enclosing frame, so a nested loop or cond makes
 * its frames and buffers once per run of the enclosing loop and alternates between two as the
 * enclosing loop's buffers do (its results stay valid while the enclosing loop reads them as
 * carry). Only a class past the JVM's
 * 64 KB method limit (thousands of steps) is replaced by the same calls from a Java loop, which
 * {@link #describe} reports as an interpreted loop.
 */
final class ControlFlowStep implements Step {
  private final ControlFlow cf;
  private final SubProgram[] subs;
  private final int[] inputs;
  private final int[] outputs;
  private final ControlFlowLoop loop;
  private final byte[] classFile;
  private final String how;
  /** The unroll the generated scan class was written for (its frame must count trips by it). */
  private final int unroll;
  /** The environment slot holding this step's frames ({@link FrameCache}), or -1. */
  private final int frameSlot;

  /** Frames made by all control-flow steps, for tests. */
  static final java.util.concurrent.atomic.LongAdder FRAMES =
      new java.util.concurrent.atomic.LongAdder();

  private ControlFlowStep(ControlFlow cf, SubProgram[] subs, int[] inputs, int[] outputs,
      ControlFlowWriter.Generated g, String how, int unroll) {
    this(cf, subs, inputs, outputs, g == null ? null : g.loop(),
        g == null ? null : g.classFile(), how, unroll, -1);
  }

  private ControlFlowStep(ControlFlow cf, SubProgram[] subs, int[] inputs, int[] outputs,
      ControlFlowLoop loop, byte[] classFile, String how, int unroll, int frameSlot) {
    this.cf = cf;
    this.subs = subs;
    this.inputs = inputs;
    this.outputs = outputs;
    this.loop = loop;
    this.classFile = classFile;
    this.how = how;
    this.unroll = unroll;
    this.frameSlot = frameSlot;
  }

  /**
   * This step (the same sub-programs and generated class) keeping its frames in {@code
   * env[slot]} of the sub-program it belongs to.
   */
  ControlFlowStep withFrameSlot(int slot) {
    return new ControlFlowStep(cf, subs, inputs, outputs, loop, classFile, how, unroll, slot);
  }

  /** The frames of a nested step, one per buffer set of the enclosing frame. */
  private static final class FrameCache {
    private Buffers[] keys = new Buffers[2];
    private Object[] frames = new Object[2];

    Object get(Buffers b) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == b) {
          return frames[i];
        }
      }
      return null;
    }

    void put(Buffers b, Object frame) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == null) {
          keys[i] = b;
          frames[i] = frame;
          return;
        }
      }
      int n = keys.length;
      keys = java.util.Arrays.copyOf(keys, n * 2);
      frames = java.util.Arrays.copyOf(frames, n * 2);
      keys[n] = b;
      frames[n] = frame;
    }
  }

  /**
   * Compiles control-flow kernel {@code k}.
   *
   * @param k the kernel (its {@link Kernel#controlFlow()} is set)
   * @param sourceFile the source file name generated classes carry
   * @param simd whether to generate Vector API loops
   * @param dump the enclosing program's dump; sub-programs dump into folders of their own
   */
  static ControlFlowStep compile(Kernel k, String sourceFile, boolean simd, Dump dump) {
    ControlFlow cf = k.controlFlow();
    String cls = StepCompiler.className(k, "_loop");
    List<KernelProgram> programs = cf.programs();
    SubProgram[] subs = new SubProgram[programs.size()];
    for (int i = 0; i < subs.length; i++) {
      String part = switch (cf) {
        case ControlFlow.WhileLoop w -> i == 0 ? "cond" : "body";
        case ControlFlow.ScanLoop s -> "body";
        case ControlFlow.Switch c -> "branch" + i;
      };
      Dump sub = dump.enabled() ? Dump.into(dump.dir().resolve(cls + "-" + part)) : Dump.none();
      subs[i] = SubProgram.compile(k.name() + "_" + part, programs.get(i), sourceFile, simd, sub);
      if (cf instanceof ControlFlow.ScanLoop s) {
        subs[i] = subs[i].scanBody(s.consts(), s.carries());
      }
    }
    int[] in = k.inputs().stream().mapToInt(Integer::intValue).toArray();
    int[] out = k.outputs().stream().mapToInt(Integer::intValue).toArray();
    ControlFlowWriter.Generated g = null;
    String how;
    int unroll = unroll(cf);
    String lowered = "";
    int fit = Math.max(1, HUGE_METHOD / (8 + 17 * subs[0].steps.length));
    if (unroll > fit) {
      lowered = " (unroll " + unroll + " lowered to " + fit + ": the JVM does not compile methods"
          + " over 8000 bytes of bytecode)";
      unroll = fit;
    }
    try {
      g = generate(cf, cls, sourceFile, subs, dump, unroll);
      how = "generated loop" + lowered;
    } catch (MethodTooLargeException e) {
      how = "interpreted loop (its class would pass the JVM's 64 KB method limit)";
      if (unroll > 1) {
        try {
          g = generate(cf, cls, sourceFile, subs, dump, 1);
          how = "generated loop (unroll " + unroll + " lowered to 1: past the JVM's 64 KB"
              + " method limit)";
          unroll = 1;
        } catch (MethodTooLargeException e2) {
          g = null;
        }
      }
    }
    return new ControlFlowStep(cf, subs, in, out, g, how, unroll);
  }

  /**
   * The bytecode a generated method may reach and still be JIT-compiled (HotSpot leaves methods
   * over 8000 bytes interpreted), with room for the loop's own instructions.
   */
  private static final int HUGE_METHOD = 7000;

  private static int unroll(ControlFlow cf) {
    return cf instanceof ControlFlow.ScanLoop s ? s.unroll() : 1;
  }

  private static ControlFlowWriter.Generated generate(ControlFlow cf, String cls,
      String sourceFile, SubProgram[] subs, Dump dump, int unroll) {
    return switch (cf) {
      case ControlFlow.WhileLoop w ->
          ControlFlowWriter.whileLoop(cls, sourceFile, subs[0], subs[1], dump);
      case ControlFlow.ScanLoop s -> ControlFlowWriter.scan(cls, sourceFile, subs[0], unroll,
          dump);
      case ControlFlow.Switch c -> ControlFlowWriter.cond(cls, sourceFile, subs, dump);
    };
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    Object[] ops = new Object[inputs.length];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = env[inputs[i]];
    }
    FrameCache cache = null;
    Object frame = null;
    if (frameSlot >= 0) {
      cache = (FrameCache) env[frameSlot];
      if (cache == null) {
        cache = new FrameCache();
        env[frameSlot] = cache;
      }
      frame = cache.get(buffers);
    }
    Object[] results = switch (cf) {
      case ControlFlow.WhileLoop w -> {
        WhileFrame f = (WhileFrame) frame;
        if (f == null) {
          f = new WhileFrame(subs[0], w.condConsts(), subs[1], w.bodyConsts(), ops);
          made(cache, buffers, f);
        } else {
          f.reset(ops);
        }
        if (loop != null) {
          loop.run(f);
        } else {
          f.interpret();
        }
        yield f.carry;
      }
      case ControlFlow.ScanLoop s -> {
        Object[] ys = new Object[outputs.length - s.carries()];
        for (int k = 0; k < ys.length; k++) {
          ys[k] = buffers.of(outputs[s.carries() + k]);
        }
        ScanFrame f = (ScanFrame) frame;
        if (f == null) {
          f = new ScanFrame(subs[0], s.consts(), s.carries(), s.length(), s.reverse(), unroll,
              ops, ys);
          made(cache, buffers, f);
        } else {
          f.reset(ops, ys);
        }
        if (loop != null) {
          loop.run(f);
        } else {
          f.interpret();
        }
        Object[] r = new Object[outputs.length];
        for (int c = 0; c < s.carries(); c++) {
          r[c] = f.inStack(c) ? f.carryResult(c, buffers.of(outputs[c])) : f.carry[c];
        }
        System.arraycopy(ys, 0, r, s.carries(), ys.length);
        yield r;
      }
      case ControlFlow.Switch c -> {
        CondFrame f = (CondFrame) frame;
        if (f == null) {
          f = new CondFrame(subs, ops);
          made(cache, buffers, f);
        } else {
          f.reset(ops);
        }
        if (loop != null) {
          loop.run(f);
        } else {
          f.interpret();
        }
        yield f.results;
      }
    };
    for (int o = 0; o < outputs.length; o++) {
      Object r = results[o];
      if (LoopFrame.aliases(r, ops)) {
        // An operand forwarded (a zero-trip loop, a branch returning its input): the enclosing
        // program may reuse the operand's buffer, so the result gets its own planned buffer.
        Object dst = buffers.of(outputs[o]);
        System.arraycopy(r, 0, dst, 0, java.lang.reflect.Array.getLength(r));
        r = dst;
      }
      env[outputs[o]] = r;
    }
  }

  private static void made(FrameCache cache, Buffers buffers, Object frame) {
    FRAMES.increment();
    if (cache != null) {
      cache.put(buffers, frame);
    }
  }

  @Override
  public boolean generated() {
    return loop != null;
  }

  /** Sub-program {@code i} (for tests). */
  SubProgram sub(int i) {
    return subs[i];
  }

  /** The class file of the generated loop, or null for an interpreted one. */
  byte[] classFile() {
    return classFile;
  }

  /**
   * The report of this step: how it runs, then its sub-programs' steps, indented.
   *
   * @param sb where the text goes (after the kernel's name)
   * @param indent the indent of the kernel's line
   */
  void describe(StringBuilder sb, String indent) {
    sb.append(how).append(" (").append(cf.primitive());
    if (cf instanceof ControlFlow.ScanLoop s) {
      sb.append(", length ").append(s.length()).append(", unroll ").append(unroll);
    }
    sb.append(")\n");
    for (int i = 0; i < subs.length; i++) {
      String part = switch (cf) {
        case ControlFlow.WhileLoop w -> i == 0 ? "cond" : "body";
        case ControlFlow.ScanLoop s -> "body";
        case ControlFlow.Switch c -> "branch " + i;
      };
      sb.append(indent).append("  ").append(part).append(":\n");
      subs[i].report(sb, indent + "    ");
    }
  }
}
