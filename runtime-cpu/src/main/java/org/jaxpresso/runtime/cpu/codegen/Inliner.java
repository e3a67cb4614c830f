package org.jaxpresso.runtime.cpu.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Copies the bytecode of a static method of {@link VecMath} into a generated method at the
 * point of the call, so that C2 sees one flat method of Vector API calls: those are all
 * force-inlined, while a call to an ordinary helper is subject to C2's size and node-count
 * heuristics, and a helper that is not inlined boxes every vector it passes or returns (ten
 * times slower). Arguments on the operand stack move into fresh locals, the callee's locals are
 * shifted into a scratch region of the caller's locals (shared by every inlined call: their
 * lifetimes do not overlap), its returns become jumps to the end, and its own calls to {@code
 * VecMath} are inlined the same way, past the caller's locals in the region. Frames and debug attributes of the callee are dropped (the
 * generated class computes its frames).
 */
final class Inliner {
  private static final String OWNER = BodyWriter.PACKAGE + "VecMath";
  private static final byte[] BYTES = load();

  /** The locals a caller reserves for inlined calls (the deepest chain of VecMath's needs). */
  static final int SCRATCH = 48;

  private Inliner() {}

  private static byte[] load() {
    try (InputStream in = VecMath.class.getResourceAsStream("VecMath.class")) {
      if (in == null) {
        throw new IllegalStateException("VecMath.class is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read VecMath.class", e);
    }
  }

  /**
   * Emits the body of {@code VecMath.name(desc)} into {@code mv}, its arguments already on the
   * stack; leaves its result on the stack.
   *
   * @param mv the generated method
   * @param name the method's name
   * @param desc its descriptor
   * @param base the first of the {@link #SCRATCH} locals reserved for inlined calls
   */
  static void inline(MethodVisitor mv, String name, String desc, int base) {
    inline(mv, name, desc, base, base + SCRATCH);
  }

  private static void inline(MethodVisitor mv, String name, String desc, int base, int limit) {
    int[] maxLocals = {0};
    new ClassReader(BYTES).accept(new ClassVisitor(ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
        if (!n.equals(name) || !d.equals(desc)) {
          return null;
        }
        return new MethodVisitor(ASM9) {
          @Override
          public void visitMaxs(int maxStack, int locals) {
            maxLocals[0] = locals;
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (maxLocals[0] == 0 && Type.getArgumentCount(desc) > 0) {
      throw new IllegalStateException("no method VecMath." + name + desc);
    }
    if (base + maxLocals[0] > limit) {
      throw new IllegalStateException("VecMath." + name + " needs more than " + SCRATCH
          + " locals");
    }
    Type[] args = Type.getArgumentTypes(desc);
    int[] at = new int[args.length];
    int slot = 0;
    for (int i = 0; i < args.length; i++) {
      at[i] = slot;
      slot += args[i].getSize();
    }
    for (int i = args.length - 1; i >= 0; i--) {
      mv.visitVarInsn(args[i].getOpcode(ISTORE), base + at[i]);
    }
    Label end = new Label();
    new ClassReader(BYTES).accept(new ClassVisitor(ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
        if (!n.equals(name) || !d.equals(desc)) {
          return null;
        }
        return new Body(mv, base, base + maxLocals[0], limit, end);
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    mv.visitLabel(end);
  }

  /** Replays one callee body into the generated method. */
  private static final class Body extends MethodVisitor {
    private final int base;
    private final int next;
    private final int limit;
    private final Label end;

    Body(MethodVisitor target, int base, int next, int limit, Label end) {
      super(ASM9, target);
      this.base = base;
      this.next = next;
      this.limit = limit;
      this.end = end;
    }

    @Override
    public void visitCode() {}

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {}

    @Override
    public void visitEnd() {}

    @Override
    public void visitVarInsn(int opcode, int var) {
      super.visitVarInsn(opcode, base + var);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      super.visitIincInsn(base + var, increment);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= IRETURN && opcode <= RETURN) {
        super.visitJumpInsn(GOTO, end);
      } else {
        super.visitInsn(opcode);
      }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc,
        boolean itf) {
      if (opcode == INVOKESTATIC && owner.equals(OWNER)) {
        inline(mv, name, desc, next, limit);
      } else {
        super.visitMethodInsn(opcode, owner, name, desc, itf);
      }
    }
  }
}
