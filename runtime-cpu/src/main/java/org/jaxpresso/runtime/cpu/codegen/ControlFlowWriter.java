package org.jaxpresso.runtime.cpu.codegen;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IF_ICMPLT;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V21;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.jit.compiler.CompilerFlags;
import org.jaxpresso.jit.compiler.Dump;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes the class of one control-flow kernel: a hidden class implementing {@link
 * ControlFlowLoop} whose {@code run} holds the loop or the switch in bytecode and calls every
 * step of the sub-programs through a static final field of its own (the steps come as class
 * data), so each call site sees one receiver the JIT can inline.
 *
 * <ul>
 *   <li>{@code while}: the condition's steps, the test, then a loop {@code do { enterBody; body
 *       steps; exitBody; enterCond; cond steps } while (test)} (a backward branch).
 *   <li>{@code scan}: a counted loop over {@code trips()} whose body holds {@code unroll} copies
 *       of {@code enter; body steps; exit}, then (when {@code unroll > 1}) a loop over the
 *       {@code remainder()}, as JAX's lowering of {@code scan(unroll=k)} does.
 *   <li>{@code cond}: a {@code tableswitch} on the clamped index into one straight sequence of
 *       steps per branch.
 * </ul>
 */
final class ControlFlowWriter {
  private static final String PKG = "org/jaxpresso/runtime/cpu/codegen/";
  private static final String STEP = PKG + "Step";
  private static final String STEP_DESC = "L" + STEP + ";";
  private static final String BUFFERS_DESC = "L" + PKG + "Buffers;";
  private static final String RUN_DESC = "([Ljava/lang/Object;" + BUFFERS_DESC + ")V";

  private final String name;
  private final String sourceFile;
  private final List<Step> constants = new ArrayList<>();
  private final List<String> fields = new ArrayList<>();
  private MethodVisitor mv;
  private String frame;

  private ControlFlowWriter(String name, String sourceFile) {
    this.name = PKG + name;
    this.sourceFile = sourceFile;
  }

  /**
   * The class of a {@code while} kernel, defined and instantiated.
   *
   * @param name the class's simple name
   * @param sourceFile the source file name the class carries
   * @param cond the condition's steps
   * @param body the body's steps
   * @param dump where the class file and its text go
   */
  static Generated whileLoop(String name, String sourceFile, SubProgram cond,
      SubProgram body, Dump dump) {
    ControlFlowWriter w = new ControlFlowWriter(name, sourceFile);
    ClassWriter cw = w.begin("WhileFrame");
    MethodVisitor m = w.mv;
    Label end = new Label();
    Label loop = new Label();
    w.call("enterCond", "()V");
    w.steps(cond, "condEnv", "condBuffers");
    w.call("test", "()Z");
    m.visitJumpInsn(IFEQ, end);
    m.visitLabel(loop);
    w.call("enterBody", "()V");
    w.steps(body, "bodyEnv", "bodyBuffers");
    w.call("exitBody", "()V");
    w.call("enterCond", "()V");
    w.steps(cond, "condEnv", "condBuffers");
    w.call("test", "()Z");
    m.visitJumpInsn(IFNE, loop);
    m.visitLabel(end);
    return w.finish(cw, dump);
  }

  /**
   * The class of a {@code scan} kernel, defined and instantiated.
   *
   * @param name the class's simple name
   * @param sourceFile the source file name the class carries
   * @param body the body's steps
   * @param unroll copies of the body per trip of the main loop
   * @param dump where the class file and its text go
   */
  static Generated scan(String name, String sourceFile, SubProgram body, int unroll,
      Dump dump) {
    ControlFlowWriter w = new ControlFlowWriter(name, sourceFile);
    ClassWriter cw = w.begin("ScanFrame");
    w.countedLoop("trips", body, unroll);
    if (unroll > 1) {
      w.countedLoop("remainder", body, 1);
    }
    return w.finish(cw, dump);
  }

  /**
   * The class of a {@code cond} kernel, defined and instantiated.
   *
   * @param name the class's simple name
   * @param sourceFile the source file name the class carries
   * @param branches the branches' steps
   * @param dump where the class file and its text go
   */
  static Generated cond(String name, String sourceFile, SubProgram[] branches,
      Dump dump) {
    ControlFlowWriter w = new ControlFlowWriter(name, sourceFile);
    ClassWriter cw = w.begin("CondFrame");
    MethodVisitor m = w.mv;
    Label[] labels = new Label[branches.length];
    for (int b = 0; b < labels.length; b++) {
      labels[b] = new Label();
    }
    Label end = new Label();
    w.call("index", "()I");
    m.visitTableSwitchInsn(0, branches.length - 1, labels[0], labels);
    for (int b = 0; b < branches.length; b++) {
      m.visitLabel(labels[b]);
      w.branch(b);
      w.steps(branches[b], "env", "buffers");
      w.exitBranch(b);
      m.visitJumpInsn(GOTO, end);
    }
    m.visitLabel(end);
    return w.finish(cw, dump);
  }

  /** {@code for (int k = 0, n = frame.<count>(); k < n; k++) { unroll x (enter; steps; exit) }}. */
  private void countedLoop(String count, SubProgram body, int unroll) {
    Label check = new Label();
    Label loop = new Label();
    call(count, "()I");
    mv.visitVarInsn(ISTORE, 3);
    mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0);
    mv.visitVarInsn(ISTORE, 4);
    mv.visitJumpInsn(GOTO, check);
    mv.visitLabel(loop);
    for (int u = 0; u < unroll; u++) {
      call("enter", "()V");
      steps(body, "bodyEnv", "bodyBuffers");
      call("exit", "()V");
    }
    mv.visitIincInsn(4, 1);
    mv.visitLabel(check);
    mv.visitVarInsn(ILOAD, 4);
    mv.visitVarInsn(ILOAD, 3);
    mv.visitJumpInsn(IF_ICMPLT, loop);
  }

  private void branch(int b) {
    mv.visitVarInsn(ALOAD, 2);
    pushInt(b);
    mv.visitMethodInsn(INVOKEVIRTUAL, frame, "enter", "(I)V", false);
  }

  private void exitBranch(int b) {
    mv.visitVarInsn(ALOAD, 2);
    pushInt(b);
    mv.visitMethodInsn(INVOKEVIRTUAL, frame, "exit", "(I)V", false);
  }

  private void pushInt(int v) {
    if (v <= 5) {
      mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0 + v);
    } else {
      mv.visitIntInsn(org.objectweb.asm.Opcodes.SIPUSH, v);
    }
  }

  /** {@code frame.<method>()}. */
  private void call(String method, String desc) {
    mv.visitVarInsn(ALOAD, 2);
    mv.visitMethodInsn(INVOKEVIRTUAL, frame, method, desc, false);
  }

  /** {@code STEP_i.run(frame.<env>, frame.<buffers>)} for every step of {@code p}. */
  private void steps(SubProgram p, String env, String buffers) {
    String owner = env.startsWith("body") ? PKG + "LoopFrame" : frame;
    for (Step s : p.steps) {
      String field = "S" + constants.size();
      constants.add(s);
      fields.add(field);
      mv.visitFieldInsn(GETSTATIC, name, field, STEP_DESC);
      mv.visitVarInsn(ALOAD, 2);
      mv.visitFieldInsn(GETFIELD, owner, env, "[Ljava/lang/Object;");
      mv.visitVarInsn(ALOAD, 2);
      mv.visitFieldInsn(GETFIELD, owner, buffers, BUFFERS_DESC);
      mv.visitMethodInsn(INVOKEINTERFACE, STEP, "run", RUN_DESC, true);
    }
  }

  /** The class header, constructor and the start of {@code run} (frame in local 2). */
  private ClassWriter begin(String frameClass) {
    frame = PKG + frameClass;
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return "java/lang/Object";
      }
    };
    cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object",
        new String[] {PKG + "ControlFlowLoop"});
    cw.visitSource(sourceFile, null);
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(Ljava/lang/Object;)V", null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 1);
    mv.visitTypeInsn(CHECKCAST, frame);
    mv.visitVarInsn(ASTORE, 2);
    return cw;
  }

  /** Ends {@code run}, writes the fields and their initializer, defines the class. */
  private Generated finish(ClassWriter cw, Dump dump) {
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    for (String f : fields) {
      cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, f, STEP_DESC, null, null).visitEnd();
    }
    MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitCode();
    clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
        "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
    clinit.visitLdcInsn("_");
    clinit.visitLdcInsn(Type.getType(Object[].class));
    clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
            + "Ljava/lang/Object;", false);
    clinit.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
    clinit.visitVarInsn(ASTORE, 0);
    for (int i = 0; i < fields.size(); i++) {
      clinit.visitVarInsn(ALOAD, 0);
      clinit.visitLdcInsn(i);
      clinit.visitInsn(AALOAD);
      clinit.visitTypeInsn(CHECKCAST, STEP);
      clinit.visitFieldInsn(PUTSTATIC, name, fields.get(i), STEP_DESC);
    }
    clinit.visitInsn(RETURN);
    clinit.visitMaxs(0, 0);
    clinit.visitEnd();
    cw.visitEnd();
    byte[] bytes = cw.toByteArray();
    String simple = name.substring(PKG.length());
    if (dump.enabled()) {
      try {
        Files.createDirectories(dump.dir());
        Files.write(dump.dir().resolve("30-" + simple + ".class"), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write dump of " + simple, e);
      }
      dump.write("30-" + simple + ".txt", () -> KernelClasses.text(bytes));
    }
    if (CompilerFlags.checks()) {
      KernelClasses.verify(simple, bytes);
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup()
          .defineHiddenClassWithClassData(bytes, constants.toArray(), true);
      return new Generated(
          (ControlFlowLoop) lookup.lookupClass().getConstructor().newInstance(), bytes);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot define control-flow class " + simple, e);
    }
  }

  /**
   * A defined control-flow class.
   *
   * @param loop its instance
   * @param classFile its class file (for dumps and structural tests)
   */
  record Generated(ControlFlowLoop loop, byte[] classFile) {}
}
