package org.jaxpresso.runtime.cpu.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the bytecode of one generated kernel class ({@link BodySpec}) with ASM: an optional
 * Vector API loop ({@code FloatVector}/{@code DoubleVector}, the species and its length in
 * static finals so C2 treats them as constants; contiguous loads with {@code fromArray},
 * broadcast loads of stride-0 slots; reductions in lane accumulators, then a horizontal
 * {@code reduceLanes}), followed by a scalar loop for the tail (or for everything when the
 * vector form is off). Scalar float code computes in double and rounds to the dtype after
 * every op, exactly as the reference evaluator does; int32 code uses int arithmetic, which wraps
 * as the reference's long arithmetic wrapped to 32 bits does.
 */
final class BodyWriter {
  static final String PACKAGE = "org/jaxpresso/runtime/cpu/codegen/";
  private static final String VEC_PKG = "jdk/incubator/vector/";
  private static final String SPECIES = "L" + VEC_PKG + "VectorSpecies;";
  private static final String VECTOR = "L" + VEC_PKG + "Vector;";
  private static final String MASK = "L" + VEC_PKG + "VectorMask;";
  private static final String OPS = VEC_PKG + "VectorOperators";

  private final BodySpec spec;
  private final String name;
  private final boolean f32;
  private final boolean half;
  private final boolean ints;
  private final DType narrow;
  /** uint8/uint16: vector compares, max, min and clamp use the unsigned operators. */
  private final boolean unsignedNarrow;
  private final boolean uint32;
  private final String halfName;
  private final String vec;
  private final String vecDesc;
  private final String arr;
  private final String elem;
  private MethodVisitor mv;
  private int nextLocal;
  private int[] arrLocal;
  private int[] baseLocal;
  private int[] outLocal;
  private int[] vLocal;
  private int[] sLocal;
  private int jLocal;
  private int offLocal;

  private BodyWriter(BodySpec spec) {
    this.spec = spec;
    this.name = PACKAGE + spec.simpleName();
    this.f32 = spec.dtype() == DType.FLOAT32;
    this.half = spec.dtype() == DType.FLOAT16 || spec.dtype() == DType.BFLOAT16;
    this.halfName = spec.dtype() == DType.FLOAT16 ? "f16" : "bf16";
    this.narrow = narrowInt(spec.dtype()) ? spec.dtype() : null;
    this.uint32 = spec.dtype() == DType.UINT32;
    this.ints = spec.dtype() == DType.INT32 || uint32 || narrow != null;
    this.vec = VEC_PKG + (narrow != null ? (narrow.itemSize() == 1 ? "ByteVector" : "ShortVector")
        : ints ? "IntVector" : f32 ? "FloatVector" : "DoubleVector");
    this.vecDesc = "L" + vec + ";";
    this.arr = narrow != null ? (narrow.itemSize() == 1 ? "[B" : "[S") : ints ? "[I" : half ? "[S" : f32 ? "[F" : "[D";
    this.elem = narrow != null ? (narrow.itemSize() == 1 ? "B" : "S") : ints ? "I" : f32 ? "F"
        : "D";
    this.unsignedNarrow = narrow == DType.UINT8 || narrow == DType.UINT16;
    int fast = 0;
    for (Node n : spec.nodes()) {
      fast += OpTable.vecMathF32(n.op()) != null ? 1 : 0;
    }
    this.fastMath = FAST_MATH && fast <= MAX_FAST_OPS;
    List<Node> ns = spec.nodes();
    this.partner = new int[ns.size()];
    java.util.Arrays.fill(partner, -1);
    for (int i = 0; i < ns.size() && f32 && fastMath; i++) {
      for (int j = i + 1; j < ns.size() && partner[i] < 0; j++) {
        KernelOp a = ns.get(i).op();
        KernelOp b = ns.get(j).op();
        boolean pair = a == KernelOp.SIN && b == KernelOp.COS
            || a == KernelOp.COS && b == KernelOp.SIN;
        if (pair && partner[j] < 0 && ns.get(i).args().equals(ns.get(j).args())) {
          partner[i] = j;
          partner[j] = i;
        }
      }
    }
  }

  /**
   * Whether {@code d} is bool or an 8- or 16-bit integer dtype: scalar int code over its Java
   * array ({@code byte[]}, {@code short[]}), wrapped to the width after every op (bools stay 0
   * or 1: every op on them yields 0 or 1).
   */
  static boolean narrowInt(DType d) {
    return d == DType.BOOL || d == DType.INT8 || d == DType.UINT8 || d == DType.INT16
        || d == DType.UINT16;
  }

  /** Wraps the int on the stack to the narrow dtype's range (sign- or zero-extended). */
  private void wrapNarrow() {
    switch (narrow) {
      case INT8 -> mv.visitInsn(I2B);
      case INT16 -> mv.visitInsn(I2S);
      case UINT16 -> mv.visitInsn(I2C);
      default -> {
        push(0xFF);
        mv.visitInsn(IAND);
      }
    }
  }

  /** The class file of {@code spec}. */
  static byte[] write(BodySpec spec) {
    return new BodyWriter(spec).write();
  }

  private byte[] write() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return "java/lang/Object";
      }
    };
    String iface = PACKAGE + (spec.isReduce() ? "ReduceBody" : "LoopBody");
    cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object",
        new String[] {iface});
    cw.visitSource(spec.sourceFile(), null);
    if (spec.vector()) {
      cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, "S", SPECIES, null, null).visitEnd();
      cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, "LEN", "I", null, null).visitEnd();
      MethodVisitor c = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
      c.visitCode();
      c.visitFieldInsn(GETSTATIC, vec, "SPECIES_PREFERRED", SPECIES);
      c.visitInsn(DUP);
      c.visitFieldInsn(PUTSTATIC, name, "S", SPECIES);
      c.visitMethodInsn(INVOKEINTERFACE, VEC_PKG + "VectorSpecies", "length", "()I", true);
      c.visitFieldInsn(PUTSTATIC, name, "LEN", "I");
      c.visitInsn(RETURN);
      c.visitMaxs(0, 0);
      c.visitEnd();
    }
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    if (spec.isReduce()) {
      mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "reduce", "([Ljava/lang/Object;[II"
          + "[Ljava/lang/Object;II[I)V", null, null);
    } else {
      mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "([Ljava/lang/Object;"
          + "[Ljava/lang/Object;[IIII[I)V", null, null);
    }
    mv.visitCode();
    Label start = new Label();
    mv.visitLabel(start);
    mv.visitLineNumber(spec.line(), start);
    body();
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  // Method parameters: run(in=1, out=2, base=3, outBase=4, n=5, rows=6, rowStride=7);
  // reduce(in=1, base=2, n=3, acc=4, accBase=5, rows=6, rowStride=7).
  private int inParam() {
    return 1;
  }

  private int baseParam() {
    return spec.isReduce() ? 2 : 3;
  }

  private int nParam() {
    return spec.isReduce() ? 3 : 5;
  }

  private int offParam() {
    return spec.isReduce() ? 5 : 4;
  }

  private int newLocal(int size) {
    int l = nextLocal;
    nextLocal += size;
    return l;
  }

  private void body() {
    nextLocal = 8;
    int slots = spec.slotArg().length;
    arrLocal = new int[slots];
    baseLocal = new int[slots];
    for (int l = 0; l < slots; l++) {
      arrLocal[l] = newLocal(1);
      mv.visitVarInsn(ALOAD, inParam());
      push(spec.slotArg()[l]);
      mv.visitInsn(AALOAD);
      mv.visitTypeInsn(CHECKCAST, spec.mixed() ? MixedScalar.array(slotDtype(l)) : arr);
      mv.visitVarInsn(ASTORE, arrLocal[l]);
      baseLocal[l] = newLocal(1);
    }
    int outs = spec.isReduce() ? spec.reductions().size() : spec.outputs();
    outLocal = new int[outs];
    boolean[] boolOut = new boolean[outs];
    boolean[] stored = new boolean[outs];
    for (Kernel.Store st : spec.stores()) {
      boolOut[st.output()] = boolStore(st);
      stored[st.output()] = true;
    }
    colBest = new int[outs];
    colCount = new int[outs];
    for (int o = 0; o < outs; o++) {
      if (!spec.isReduce() && !stored[o]) {
        // An output this body does not write (a reduction's result next to an epilogue's).
        outLocal[o] = -1;
        continue;
      }
      outLocal[o] = newLocal(1);
      mv.visitVarInsn(ALOAD, spec.isReduce() ? 4 : 2);
      push(o);
      mv.visitInsn(AALOAD);
      if (spec.isReduce() && columnArg(o)) {
        columnArgArrays(o);
        continue;
      }
      mv.visitTypeInsn(CHECKCAST, spec.isReduce() ? accArr(o) : boolOut[o] ? "[B"
          : spec.mixed() ? outArray(o) : arr);
      mv.visitVarInsn(ASTORE, outLocal[o]);
    }
    List<Node> nodes = spec.nodes();
    vLocal = new int[nodes.size()];
    sLocal = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      vLocal[i] = newLocal(1);
      sLocal[i] = newLocal(2);
    }
    int red = spec.reductions().size();
    int[] vacc = new int[red];
    int[] tacc = new int[red];
    int[] tidx = new int[red];
    for (int r = 0; r < red; r++) {
      vacc[r] = newLocal(1);
      tacc[r] = newLocal(2);
      tidx[r] = newLocal(1);
    }
    jLocal = newLocal(1);
    int upper = newLocal(1);
    offLocal = newLocal(1);
    int rLocal = newLocal(1);
    // for (r = 0; r < rows; r++): every base moves by r * rowStride[slot]
    if (unrollColumns()) {
      columnsUnrolled(rLocal, upper, vacc);
    } else {
      push(0);
    }
    mv.visitVarInsn(ISTORE, rLocal);
    Label rowHead = new Label();
    Label rowDone = new Label();
    mv.visitLabel(rowHead);
    mv.visitVarInsn(ILOAD, rLocal);
    mv.visitVarInsn(ILOAD, 6);
    mv.visitJumpInsn(IF_ICMPGE, rowDone);
    for (int l = 0; l < slots; l++) {
      mv.visitVarInsn(ALOAD, baseParam());
      push(l);
      mv.visitInsn(IALOAD);
      rowOffset(rLocal, l);
      mv.visitVarInsn(ISTORE, baseLocal[l]);
    }
    mv.visitVarInsn(ILOAD, offParam());
    rowOffset(rLocal, slots);
    mv.visitVarInsn(ISTORE, offLocal);
    push(0);
    mv.visitVarInsn(ISTORE, jLocal);
    boolean row = spec.isReduce() && spec.rowMode();
    if (spec.vector()) {
      mv.visitVarInsn(ILOAD, nParam());
      mv.visitVarInsn(ILOAD, nParam());
      mv.visitFieldInsn(GETSTATIC, name, "LEN", "I");
      mv.visitInsn(IREM);
      mv.visitInsn(ISUB);
      mv.visitVarInsn(ISTORE, upper);
      if (row) {
        for (int r = 0; r < red; r++) {
          broadcastConst(spec.reductions().get(r).identity().getDouble(0));
          mv.visitVarInsn(ASTORE, vacc[r]);
        }
      }
      Label head = new Label();
      Label done = new Label();
      mv.visitLabel(head);
      mv.visitVarInsn(ILOAD, jLocal);
      mv.visitVarInsn(ILOAD, upper);
      mv.visitJumpInsn(IF_ICMPGE, done);
      for (int i = 0; i < nodes.size(); i++) {
        vectorNode(i);
      }
      if (!spec.isReduce()) {
        for (Kernel.Store st : spec.stores()) {
          if (boolStore(st)) {
            storeMask(st, false);
            continue;
          }
          mv.visitVarInsn(ALOAD, vLocal[st.node()]);
          mv.visitVarInsn(ALOAD, outLocal[st.output()]);
          pointIndex(offLocal, 1);
          mv.visitMethodInsn(INVOKEVIRTUAL, vec, "intoArray", "(" + arr + "I)V", false);
        }
      } else {
        for (int r = 0; r < red; r++) {
          Kernel.Reduction rd = spec.reductions().get(r);
          String m = vectorCombiner(rd.combiner());
          if (row) {
            mv.visitVarInsn(ALOAD, vacc[r]);
            mv.visitVarInsn(ALOAD, vLocal[rd.node()]);
            mv.visitMethodInsn(INVOKEVIRTUAL, vec, m, "(" + VECTOR + ")" + vecDesc, false);
            mv.visitVarInsn(ASTORE, vacc[r]);
          } else {
            mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
            mv.visitVarInsn(ALOAD, outLocal[r]);
            pointIndex(offLocal, 1);
            mv.visitMethodInsn(INVOKESTATIC, vec, "fromArray",
                "(" + SPECIES + arr + "I)" + vecDesc, false);
            mv.visitVarInsn(ALOAD, vLocal[rd.node()]);
            mv.visitMethodInsn(INVOKEVIRTUAL, vec, m, "(" + VECTOR + ")" + vecDesc, false);
            mv.visitVarInsn(ALOAD, outLocal[r]);
            pointIndex(offLocal, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, vec, "intoArray", "(" + arr + "I)V", false);
          }
        }
      }
      mv.visitVarInsn(ILOAD, jLocal);
      mv.visitFieldInsn(GETSTATIC, name, "LEN", "I");
      mv.visitInsn(IADD);
      mv.visitVarInsn(ISTORE, jLocal);
      mv.visitJumpInsn(GOTO, head);
      mv.visitLabel(done);
      if (!spec.isReduce() && maskedTailPays()) {
        maskedTail();
      }
    }
    if (row) {
      for (int r = 0; r < red; r++) {
        Kernel.Reduction rd = spec.reductions().get(r);
        if (spec.vector()) {
          mv.visitVarInsn(ALOAD, vacc[r]);
          mv.visitFieldInsn(GETSTATIC, OPS, associative(rd.combiner()),
              "L" + OPS + "$Associative;");
          mv.visitMethodInsn(INVOKEVIRTUAL, vec, "reduceLanes",
              "(L" + OPS + "$Associative;)" + elem, false);
          if (f32) {
            mv.visitInsn(F2D);
          }
        } else {
          pushIdentity(r);
        }
        accValueStore(r, tacc[r]);
        if (isArg(r)) {
          push(0);
          mv.visitVarInsn(ISTORE, tidx[r]);
        }
      }
    }
    Label head = new Label();
    Label done = new Label();
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitJumpInsn(IF_ICMPGE, done);
    for (int i = 0; i < nodes.size(); i++) {
      scalarNode(i);
    }
    if (!spec.isReduce()) {
      for (Kernel.Store st : spec.stores()) {
        mv.visitVarInsn(ALOAD, outLocal[st.output()]);
        pointIndex(offLocal, 1);
        if (boolStore(st)) {
          mv.visitVarInsn(ILOAD, sLocal[st.node()]);
          mv.visitInsn(BASTORE);
          continue;
        }
        if (spec.mixed()) {
          DType d = nodes.get(st.node()).dtype();
          mv.visitVarInsn(MixedScalar.loadInsn(d), sLocal[st.node()]);
          MixedScalar.storeElement(mv, d);
          continue;
        }
        vload(sLocal[st.node()]);
        storeElement();
      }
    } else {
      for (int r = 0; r < red; r++) {
        Kernel.Reduction rd = spec.reductions().get(r);
        if (row && isArg(r) && spec.vector()) {
          // The vector loop tracked only the best value; findFirst finds its index.
          accValueLoad(r, tacc[r]);
          accValueLoad(r, sLocal[rd.node()]);
          scalarMaxMin(r);
          accValueStore(r, tacc[r]);
        } else if (row && isArg(r)) {
          argStep(r, tacc[r], tidx[r]);
        } else if (isArg(r)) {
          columnArgStep(r);
        } else if (row) {
          accValueLoad(r, tacc[r]);
          accValueLoad(r, sLocal[rd.node()]);
          accCombine(r);
          accValueStore(r, tacc[r]);
        } else {
          mv.visitVarInsn(ALOAD, outLocal[r]);
          pointIndex(offLocal, 1);
          mv.visitInsn(DUP2);
          loadAcc(r);
          accValueLoad(r, sLocal[rd.node()]);
          accCombine(r);
          storeAcc(r);
        }
      }
    }
    mv.visitIincInsn(jLocal, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(done);
    if (row && spec.vector()) {
      for (int r = 0; r < red; r++) {
        if (isArg(r)) {
          findFirst(r, tacc[r], tidx[r], upper);
        }
      }
    }
    if (row) {
      for (int r = 0; r < red; r++) {
        mv.visitVarInsn(ALOAD, outLocal[r]);
        mv.visitVarInsn(ILOAD, offLocal);
        if (isArg(r)) {
          mv.visitVarInsn(ILOAD, tidx[r]);
          if (accType(r) == DType.INT64) {
            mv.visitInsn(I2L);
          }
          storeAcc(r);
          continue;
        }
        mv.visitInsn(DUP2);
        loadAcc(r);
        accValueLoad(r, tacc[r]);
        accCombine(r);
        storeAcc(r);
      }
    }
    mv.visitIincInsn(rLocal, 1);
    mv.visitJumpInsn(GOTO, rowHead);
    mv.visitLabel(rowDone);
    mv.visitInsn(RETURN);
  }

  /** Rows folded together by {@link #columnsUnrolled}. */
  private static final int UNROLL = 4;

  /**
   * Whether to emit {@link #columnsUnrolled}: a vector column reduction (each segment folds
   * into its own accumulator elements) of a modest graph whose values all fold natively.
   */
  private boolean unrollColumns() {
    if (!spec.isReduce() || spec.rowMode() || !spec.vector() || spec.nodes().size() > 32) {
      return false;
    }
    for (int r = 0; r < spec.reductions().size(); r++) {
      if (isArg(r) || intValues(r) != ints) {
        return false;
      }
    }
    return true;
  }

  /**
   * When the accumulators do not move from row to row ({@code rowStride[slots] == 0}: every row
   * of the run folds into the same elements, as in {@code x.sum(0)}), folds {@value #UNROLL}
   * rows per pass: their values combine in registers and the accumulators are read and written
   * once per {@value #UNROLL} rows instead of once per row. Leaves on the stack the first row
   * left to the plain row loop (0 when the accumulators move, else {@code rows} rounded down to
   * a multiple of {@value #UNROLL}). The combination order changes (rows pair up before they
   * meet the accumulator), within the tolerance of reassociated float sums.
   */
  private void columnsUnrolled(int rLocal, int upper, int[] tmp) {
    int slots = spec.slotArg().length;
    int red = spec.reductions().size();
    int[][] ub = new int[UNROLL][slots];
    for (int u = 0; u < UNROLL; u++) {
      for (int l = 0; l < slots; l++) {
        ub[u][l] = newLocal(1);
      }
    }
    int end = newLocal(1);
    Label skip = new Label();
    // end = rowStride[slots] == 0 ? rows - rows % UNROLL : 0
    push(0);
    mv.visitVarInsn(ISTORE, end);
    mv.visitVarInsn(ALOAD, 7);
    push(slots);
    mv.visitInsn(IALOAD);
    mv.visitJumpInsn(IFNE, skip);
    mv.visitVarInsn(ILOAD, 6);
    mv.visitVarInsn(ILOAD, 6);
    push(UNROLL);
    mv.visitInsn(IREM);
    mv.visitInsn(ISUB);
    mv.visitVarInsn(ISTORE, end);
    mv.visitVarInsn(ILOAD, offParam());
    mv.visitVarInsn(ISTORE, offLocal);
    push(0);
    mv.visitVarInsn(ISTORE, rLocal);
    Label rowHead = new Label();
    mv.visitLabel(rowHead);
    mv.visitVarInsn(ILOAD, rLocal);
    mv.visitVarInsn(ILOAD, end);
    mv.visitJumpInsn(IF_ICMPGE, skip);
    for (int u = 0; u < UNROLL; u++) {
      for (int l = 0; l < slots; l++) {
        mv.visitVarInsn(ALOAD, baseParam());
        push(l);
        mv.visitInsn(IALOAD);
        // + (r + u) * rowStride[l]
        mv.visitVarInsn(ILOAD, rLocal);
        push(u);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ALOAD, 7);
        push(l);
        mv.visitInsn(IALOAD);
        mv.visitInsn(IMUL);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, ub[u][l]);
      }
    }
    int[] saved = baseLocal;
    // Vector part: j in [0, upper).
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitFieldInsn(GETSTATIC, name, "LEN", "I");
    mv.visitInsn(IREM);
    mv.visitInsn(ISUB);
    mv.visitVarInsn(ISTORE, upper);
    push(0);
    mv.visitVarInsn(ISTORE, jLocal);
    Label vHead = new Label();
    Label vDone = new Label();
    mv.visitLabel(vHead);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, upper);
    mv.visitJumpInsn(IF_ICMPGE, vDone);
    String binary = "(" + VECTOR + ")" + vecDesc;
    for (int u = 0; u < UNROLL; u++) {
      baseLocal = ub[u];
      for (int i = 0; i < spec.nodes().size(); i++) {
        vectorNode(i);
      }
      for (int r = 0; r < red; r++) {
        Kernel.Reduction rd = spec.reductions().get(r);
        if (u > 0) {
          mv.visitVarInsn(ALOAD, tmp[r]);
        }
        mv.visitVarInsn(ALOAD, vLocal[rd.node()]);
        if (u > 0) {
          mv.visitMethodInsn(INVOKEVIRTUAL, vec, vectorCombiner(rd.combiner()), binary, false);
        }
        mv.visitVarInsn(ASTORE, tmp[r]);
      }
    }
    baseLocal = saved;
    for (int r = 0; r < red; r++) {
      Kernel.Reduction rd = spec.reductions().get(r);
      mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
      mv.visitVarInsn(ALOAD, outLocal[r]);
      pointIndex(offLocal, 1);
      mv.visitMethodInsn(INVOKESTATIC, vec, "fromArray",
          "(" + SPECIES + accArr(r) + "I)" + vecDesc, false);
      mv.visitVarInsn(ALOAD, tmp[r]);
      mv.visitMethodInsn(INVOKEVIRTUAL, vec, vectorCombiner(rd.combiner()), binary, false);
      mv.visitVarInsn(ALOAD, outLocal[r]);
      pointIndex(offLocal, 1);
      mv.visitMethodInsn(INVOKEVIRTUAL, vec, "intoArray", "(" + accArr(r) + "I)V", false);
    }
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitFieldInsn(GETSTATIC, name, "LEN", "I");
    mv.visitInsn(IADD);
    mv.visitVarInsn(ISTORE, jLocal);
    mv.visitJumpInsn(GOTO, vHead);
    mv.visitLabel(vDone);
    // Scalar part: j in [upper, n), each of the rows in turn.
    Label sHead = new Label();
    Label sDone = new Label();
    mv.visitLabel(sHead);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitJumpInsn(IF_ICMPGE, sDone);
    for (int u = 0; u < UNROLL; u++) {
      baseLocal = ub[u];
      for (int i = 0; i < spec.nodes().size(); i++) {
        scalarNode(i);
      }
      for (int r = 0; r < red; r++) {
        Kernel.Reduction rd = spec.reductions().get(r);
        mv.visitVarInsn(ALOAD, outLocal[r]);
        pointIndex(offLocal, 1);
        mv.visitInsn(DUP2);
        loadAcc(r);
        accValueLoad(r, sLocal[rd.node()]);
        accCombine(r);
        storeAcc(r);
      }
    }
    baseLocal = saved;
    mv.visitIincInsn(jLocal, 1);
    mv.visitJumpInsn(GOTO, sHead);
    mv.visitLabel(sDone);
    mv.visitIincInsn(rLocal, UNROLL);
    mv.visitJumpInsn(GOTO, rowHead);
    mv.visitLabel(skip);
    mv.visitVarInsn(ILOAD, end);
  }

  // Reduction accumulators (see ReduceAccumulators): each reduction folds into an array of
  // accType(r): the value's own array for float32/float64/int32/uint32, a float64 scratch for
  // float16/bfloat16, an int32 scratch for 8- and 16-bit integers and bools; arg-reductions
  // store the index (int32 or int64) of the best value, kept in locals per row.

  /** The element type of reduction {@code r}'s accumulator array. */
  private DType accType(int r) {
    if (!spec.accTypes().isEmpty()) {
      return spec.accTypes().get(r);
    }
    return ints ? DType.INT32 : f32 ? DType.FLOAT32 : DType.FLOAT64;
  }

  private String accArr(int r) {
    return switch (accType(r)) {
      case FLOAT32 -> "[F";
      case FLOAT64 -> "[D";
      case INT64, UINT64 -> "[J";
      default -> "[I";
    };
  }

  private boolean isArg(int r) {
    KernelOp c = spec.reductions().get(r).combiner();
    return c == KernelOp.ARGMAX || c == KernelOp.ARGMIN;
  }

  /** Whether reduction {@code r}'s values are ints in the scalar code (ints or bools). */
  private boolean intValues(int r) {
    return ints || spec.nodes().get(spec.reductions().get(r).node()).dtype() == DType.BOOL;
  }

  /** Whether reduction {@code r}'s values are int64/uint64 longs (mixed scalar code). */
  private boolean longValues(int r) {
    return MixedScalar.isLong(spec.nodes().get(spec.reductions().get(r).node()).dtype());
  }

  private void accValueLoad(int r, int local) {
    mv.visitVarInsn(longValues(r) ? LLOAD : intValues(r) ? ILOAD : DLOAD, local);
  }

  private void accValueStore(int r, int local) {
    mv.visitVarInsn(longValues(r) ? LSTORE : intValues(r) ? ISTORE : DSTORE, local);
  }

  private void pushIdentity(int r) {
    Kernel.Reduction rd = spec.reductions().get(r);
    if (longValues(r)) {
      mv.visitLdcInsn(rd.identity().getLong(0));
    } else if (intValues(r)) {
      push((int) rd.identity().getLong(0));
    } else {
      mv.visitLdcInsn(rd.identity().getDouble(0));
    }
  }

  /** Loads accumulator element (array, index on the stack) as a value of the scalar code. */
  private void loadAcc(int r) {
    switch (accType(r)) {
      case FLOAT32 -> {
        mv.visitInsn(FALOAD);
        mv.visitInsn(F2D);
      }
      case FLOAT64 -> mv.visitInsn(DALOAD);
      case INT64, UINT64 -> mv.visitInsn(LALOAD);
      default -> mv.visitInsn(IALOAD);
    }
  }

  /** Stores the value on the stack into the accumulator element (array, index below it). */
  private void storeAcc(int r) {
    switch (accType(r)) {
      case FLOAT32 -> {
        mv.visitInsn(D2F);
        mv.visitInsn(FASTORE);
      }
      case FLOAT64 -> mv.visitInsn(DASTORE);
      case INT64, UINT64 -> mv.visitInsn(LASTORE);
      default -> mv.visitInsn(IASTORE);
    }
  }

  /** Combines the two values on the stack with reduction {@code r}'s combiner. */
  private void accCombine(int r) {
    KernelOp c = spec.reductions().get(r).combiner();
    if (longValues(r)) {
      switch (c) {
        case REDUCE_SUM -> mv.visitInsn(LADD);
        case REDUCE_PROD -> mv.visitInsn(LMUL);
        case REDUCE_AND -> mv.visitInsn(LAND);
        case REDUCE_OR -> mv.visitInsn(LOR);
        case REDUCE_XOR -> mv.visitInsn(LXOR);
        case REDUCE_MAX, REDUCE_MIN -> {
          push(spec.nodes().get(spec.reductions().get(r).node()).dtype().ordinal());
          mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "ScalarMath",
              c == KernelOp.REDUCE_MAX ? "max" : "min", "(JJI)J", false);
        }
        default -> throw new IllegalStateException("no generated combiner " + c.textName());
      }
      return;
    }
    if (!intValues(r)) {
      scalarCombine(c);
      return;
    }
    switch (c) {
      case REDUCE_SUM -> mv.visitInsn(IADD);
      case REDUCE_PROD -> mv.visitInsn(IMUL);
      case REDUCE_AND -> mv.visitInsn(IAND);
      case REDUCE_OR -> mv.visitInsn(IOR);
      case REDUCE_XOR -> mv.visitInsn(IXOR);
      case REDUCE_MAX -> mv.visitMethodInsn(INVOKESTATIC, uint32 ? PACKAGE + "UintMath"
          : "java/lang/Math", uint32 ? "umax" : "max", "(II)I", false);
      case REDUCE_MIN -> mv.visitMethodInsn(INVOKESTATIC, uint32 ? PACKAGE + "UintMath"
          : "java/lang/Math", uint32 ? "umin" : "min", "(II)I", false);
      default -> throw new IllegalStateException("no generated combiner " + c.textName());
    }
  }

  /**
   * One point of an arg-reduction in row mode: when the point's value beats the best so far
   * ({@code tacc}), it becomes the best and its position {@code j} the index ({@code tidx}).
   * As the reference: the first of equal values wins; for floats the first NaN wins and
   * nothing beats it.
   */
  private void argStep(int r, int tacc, int tidx) {
    Kernel.Reduction rd = spec.reductions().get(r);
    boolean max = rd.combiner() == KernelOp.ARGMAX;
    int v = sLocal[rd.node()];
    Label skip = new Label();
    Label take = new Label();
    if (longValues(r)) {
      mv.visitVarInsn(LLOAD, v);
      mv.visitVarInsn(LLOAD, tacc);
      longCompare(r);
      mv.visitJumpInsn(max ? IFLE : IFGE, skip);
    } else if (intValues(r)) {
      mv.visitVarInsn(ILOAD, v);
      mv.visitVarInsn(ILOAD, tacc);
      if (uint32) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I",
            false);
        mv.visitJumpInsn(max ? IFLE : IFGE, skip);
      } else {
        mv.visitJumpInsn(max ? IF_ICMPLE : IF_ICMPGE, skip);
      }
    } else {
      mv.visitVarInsn(DLOAD, tacc);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isNaN", "(D)Z", false);
      mv.visitJumpInsn(IFNE, skip);
      mv.visitVarInsn(DLOAD, v);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isNaN", "(D)Z", false);
      mv.visitJumpInsn(IFNE, take);
      mv.visitVarInsn(DLOAD, v);
      mv.visitVarInsn(DLOAD, tacc);
      mv.visitInsn(max ? DCMPL : DCMPG);
      mv.visitJumpInsn(max ? IFLE : IFGE, skip);
    }
    mv.visitLabel(take);
    accValueLoad(r, v);
    accValueStore(r, tacc);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ISTORE, tidx);
    mv.visitLabel(skip);
  }

  /** The locals of column arg-reductions' best values and point counts (else unused). */
  private int[] colBest;
  private int[] colCount;
  private int colPoint = -1;

  /** Compares the two longs on the stack in reduction {@code r}'s value order: an int. */
  private void longCompare(int r) {
    push(spec.nodes().get(spec.reductions().get(r).node()).dtype().ordinal());
    mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "ScalarMath", "compare", "(JJI)I", false);
  }

  /** Whether reduction {@code r} is an arg-reduction over a non-innermost axis. */
  private boolean columnArg(int r) {
    return isArg(r) && !spec.rowMode();
  }

  /**
   * Unpacks the accumulator of a column arg-reduction ({@link ReduceAccumulators#argColumns},
   * an {@code Object[]} on the stack): index {@code int[]}, best values ({@code double[]},
   * {@code long[]} or {@code int[]}), counts of points seen ({@code int[]}).
   */
  private void columnArgArrays(int r) {
    mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
    int tmp = newLocal(1);
    mv.visitVarInsn(ASTORE, tmp);
    colBest[r] = newLocal(1);
    colCount[r] = newLocal(1);
    int[] locals = {outLocal[r], colBest[r], colCount[r]};
    String[] types = {"[I", longValues(r) ? "[J" : intValues(r) ? "[I" : "[D", "[I"};
    for (int k = 0; k < 3; k++) {
      mv.visitVarInsn(ALOAD, tmp);
      push(k);
      mv.visitInsn(AALOAD);
      mv.visitTypeInsn(CHECKCAST, types[k]);
      mv.visitVarInsn(ASTORE, locals[k]);
    }
  }

  /**
   * One point of an arg-reduction over a non-innermost axis: the walk visits each output's
   * points in increasing order along the reduced axis (serially), so the point's index is the
   * count of that output's points seen before it; it becomes the output's index when its value
   * beats the best so far, with {@link #argStep}'s rules (first of equals, first NaN).
   */
  private void columnArgStep(int r) {
    if (colPoint < 0) {
      colPoint = newLocal(1);
    }
    Kernel.Reduction rd = spec.reductions().get(r);
    boolean max = rd.combiner() == KernelOp.ARGMAX;
    int v = sLocal[rd.node()];
    mv.visitVarInsn(ALOAD, colCount[r]);
    pointIndex(offLocal, 1);
    mv.visitInsn(IALOAD);
    mv.visitVarInsn(ISTORE, colPoint);
    mv.visitVarInsn(ALOAD, colCount[r]);
    pointIndex(offLocal, 1);
    mv.visitVarInsn(ILOAD, colPoint);
    push(1);
    mv.visitInsn(IADD);
    mv.visitInsn(IASTORE);
    Label skip = new Label();
    Label take = new Label();
    if (longValues(r)) {
      mv.visitVarInsn(LLOAD, v);
      mv.visitVarInsn(ALOAD, colBest[r]);
      pointIndex(offLocal, 1);
      mv.visitInsn(LALOAD);
      longCompare(r);
      mv.visitJumpInsn(max ? IFLE : IFGE, skip);
    } else if (intValues(r)) {
      mv.visitVarInsn(ILOAD, v);
      mv.visitVarInsn(ALOAD, colBest[r]);
      pointIndex(offLocal, 1);
      mv.visitInsn(IALOAD);
      if (uint32) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I",
            false);
        mv.visitJumpInsn(max ? IFLE : IFGE, skip);
      } else {
        mv.visitJumpInsn(max ? IF_ICMPLE : IF_ICMPGE, skip);
      }
    } else {
      mv.visitVarInsn(ALOAD, colBest[r]);
      pointIndex(offLocal, 1);
      mv.visitInsn(DALOAD);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isNaN", "(D)Z", false);
      mv.visitJumpInsn(IFNE, skip);
      mv.visitVarInsn(DLOAD, v);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isNaN", "(D)Z", false);
      mv.visitJumpInsn(IFNE, take);
      mv.visitVarInsn(DLOAD, v);
      mv.visitVarInsn(ALOAD, colBest[r]);
      pointIndex(offLocal, 1);
      mv.visitInsn(DALOAD);
      mv.visitInsn(max ? DCMPL : DCMPG);
      mv.visitJumpInsn(max ? IFLE : IFGE, skip);
    }
    mv.visitLabel(take);
    mv.visitVarInsn(ALOAD, colBest[r]);
    pointIndex(offLocal, 1);
    accValueLoad(r, v);
    mv.visitInsn(longValues(r) ? LASTORE : intValues(r) ? IASTORE : DASTORE);
    mv.visitVarInsn(ALOAD, outLocal[r]);
    pointIndex(offLocal, 1);
    mv.visitVarInsn(ILOAD, colPoint);
    mv.visitInsn(IASTORE);
    mv.visitLabel(skip);
  }

  /** Combines the two values on the stack into the larger (argmax) or smaller (argmin). */
  private void scalarMaxMin(int r) {
    boolean max = spec.reductions().get(r).combiner() == KernelOp.ARGMAX;
    String d = intValues(r) ? "(II)I" : "(DD)D";
    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", max ? "max" : "min", d, false);
  }

  /**
   * The index of an arg-reduction in vector row mode: the row's best value ({@code tacc},
   * from lane-wise max or min, NaN if any value is NaN) is known; a second walk over the row,
   * still in cache, stops at the first point equal to it (the first NaN when it is NaN), which
   * is the point the reference's strict one-pass comparison keeps. Leaves the index in
   * {@code tidx} (0 for an empty row).
   */
  private void findFirst(int r, int tacc, int tidx, int upper) {
    Kernel.Reduction rd = spec.reductions().get(r);
    int v = rd.node();
    int best = newLocal(1);
    int nanBest = newLocal(1);
    Label found = new Label();
    push(0);
    mv.visitVarInsn(ISTORE, tidx);
    boolean fl = !intValues(r);
    if (fl) {
      mv.visitVarInsn(DLOAD, tacc);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isNaN", "(D)Z", false);
    } else {
      push(0);
    }
    mv.visitVarInsn(ISTORE, nanBest);
    // best = broadcast(tacc)
    mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
    if (fl) {
      mv.visitVarInsn(DLOAD, tacc);
      if (f32) {
        mv.visitInsn(D2F);
      }
    } else {
      mv.visitVarInsn(ILOAD, tacc);
    }
    mv.visitMethodInsn(INVOKESTATIC, vec, "broadcast", "(" + SPECIES + elem + ")" + vecDesc,
        false);
    mv.visitVarInsn(ASTORE, best);
    push(0);
    mv.visitVarInsn(ISTORE, jLocal);
    Label vHead = new Label();
    Label vDone = new Label();
    mv.visitLabel(vHead);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, upper);
    mv.visitJumpInsn(IF_ICMPGE, vDone);
    for (int i = 0; i < spec.nodes().size(); i++) {
      vectorNode(i);
    }
    // mask = v == best, or (best is NaN and v is NaN)
    mv.visitVarInsn(ALOAD, vLocal[v]);
    mv.visitFieldInsn(GETSTATIC, OPS, "EQ", "L" + OPS + "$Comparison;");
    mv.visitVarInsn(ALOAD, best);
    mv.visitMethodInsn(INVOKEVIRTUAL, vec, "compare",
        "(L" + OPS + "$Comparison;" + VECTOR + ")" + MASK, false);
    if (fl) {
      mv.visitVarInsn(ALOAD, vLocal[v]);
      mv.visitFieldInsn(GETSTATIC, OPS, "IS_NAN", "L" + OPS + "$Test;");
      mv.visitMethodInsn(INVOKEVIRTUAL, vec, "test", "(L" + OPS + "$Test;)" + MASK, false);
      mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
      mv.visitVarInsn(ILOAD, nanBest);
      mv.visitMethodInsn(INVOKEINTERFACE, VEC_PKG + "VectorSpecies", "maskAll",
          "(Z)" + MASK, true);
      mv.visitMethodInsn(INVOKEVIRTUAL, VEC_PKG + "VectorMask", "and", "(" + MASK + ")" + MASK,
          false);
      mv.visitMethodInsn(INVOKEVIRTUAL, VEC_PKG + "VectorMask", "or", "(" + MASK + ")" + MASK,
          false);
    }
    mv.visitInsn(DUP);
    mv.visitMethodInsn(INVOKEVIRTUAL, VEC_PKG + "VectorMask", "anyTrue", "()Z", false);
    Label none = new Label();
    mv.visitJumpInsn(IFEQ, none);
    mv.visitMethodInsn(INVOKEVIRTUAL, VEC_PKG + "VectorMask", "firstTrue", "()I", false);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitInsn(IADD);
    mv.visitVarInsn(ISTORE, tidx);
    mv.visitJumpInsn(GOTO, found);
    mv.visitLabel(none);
    mv.visitInsn(POP);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitFieldInsn(GETSTATIC, name, "LEN", "I");
    mv.visitInsn(IADD);
    mv.visitVarInsn(ISTORE, jLocal);
    mv.visitJumpInsn(GOTO, vHead);
    mv.visitLabel(vDone);
    Label sHead = new Label();
    mv.visitLabel(sHead);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitJumpInsn(IF_ICMPGE, found);
    for (int i = 0; i < spec.nodes().size(); i++) {
      scalarNode(i);
    }
    Label take = new Label();
    Label next = new Label();
    if (fl) {
      mv.visitVarInsn(DLOAD, sLocal[v]);
      mv.visitVarInsn(DLOAD, tacc);
      mv.visitInsn(DCMPL);
      mv.visitJumpInsn(IFEQ, take);
      mv.visitVarInsn(ILOAD, nanBest);
      mv.visitJumpInsn(IFEQ, next);
      mv.visitVarInsn(DLOAD, sLocal[v]);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isNaN", "(D)Z", false);
      mv.visitJumpInsn(IFEQ, next);
    } else {
      mv.visitVarInsn(ILOAD, sLocal[v]);
      mv.visitVarInsn(ILOAD, tacc);
      mv.visitJumpInsn(IF_ICMPNE, next);
    }
    mv.visitLabel(take);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ISTORE, tidx);
    mv.visitJumpInsn(GOTO, found);
    mv.visitLabel(next);
    mv.visitIincInsn(jLocal, 1);
    mv.visitJumpInsn(GOTO, sHead);
    mv.visitLabel(found);
  }

  /** Ops whose scalar form costs many times a vector lane's (libm-class functions). */
  private static final java.util.EnumSet<KernelOp> COSTLY_SCALAR = java.util.EnumSet.of(
      KernelOp.EXP, KernelOp.EXP2, KernelOp.EXPM1, KernelOp.LOG, KernelOp.LOG1P, KernelOp.TANH,
      KernelOp.LOGISTIC, KernelOp.SIN, KernelOp.COS, KernelOp.TAN, KernelOp.ASIN, KernelOp.ACOS,
      KernelOp.ATAN, KernelOp.SINH, KernelOp.COSH, KernelOp.ASINH, KernelOp.ACOSH,
      KernelOp.ATANH, KernelOp.CBRT, KernelOp.ERF, KernelOp.ERFC, KernelOp.ERF_INV,
      KernelOp.LGAMMA, KernelOp.DIGAMMA, KernelOp.ATAN2, KernelOp.POW);

  /**
   * Whether the partial last vector runs as one masked iteration rather than the scalar loop:
   * only when the body has a libm-class op, whose scalar form costs ~10-20 ns per element. For
   * cheap bodies the scalar tail is faster: where the masked store is not intrinsified (short
   * arrays, before C2), its Java fallback was about a third of a jitted {@code x + 1} on 4
   * floats.
   */
  private boolean maskedTailPays() {
    for (Node n : spec.nodes()) {
      if (COSTLY_SCALAR.contains(n.op())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The last partial vector of a loop body as one masked iteration ({@code
   * S.indexInRange(j, n)}: masked loads and stores, lanes past the end computed on zeros and
   * dropped), after which {@code j = n} and the scalar loop runs no iteration.
   */
  private void maskedTail() {
    Label skip = new Label();
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitJumpInsn(IF_ICMPGE, skip);
    maskLocal = newLocal(1);
    mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
    mv.visitVarInsn(ILOAD, jLocal);
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitMethodInsn(INVOKEINTERFACE, VEC_PKG + "VectorSpecies", "indexInRange",
        "(II)" + MASK, true);
    mv.visitVarInsn(ASTORE, maskLocal);
    for (int i = 0; i < spec.nodes().size(); i++) {
      vectorNode(i);
    }
    for (Kernel.Store st : spec.stores()) {
      if (boolStore(st)) {
        storeMask(st, true);
        continue;
      }
      mv.visitVarInsn(ALOAD, vLocal[st.node()]);
      mv.visitVarInsn(ALOAD, outLocal[st.output()]);
      pointIndex(offLocal, 1);
      mv.visitVarInsn(ALOAD, maskLocal);
      mv.visitMethodInsn(INVOKEVIRTUAL, vec, "intoArray", "(" + arr + "I" + MASK + ")V", false);
    }
    mv.visitVarInsn(ILOAD, nParam());
    mv.visitVarInsn(ISTORE, jLocal);
    maskLocal = -1;
    mv.visitLabel(skip);
  }

  /**
   * Whether a store writes a bool (a compare's result) into a {@code byte[]} output of a kernel
   * over another dtype: 0 or 1 from the int in scalar code, the mask's lanes in vector code.
   */
  private boolean boolStore(Kernel.Store st) {
    return spec.nodes().get(st.node()).dtype() == DType.BOOL && spec.dtype() != DType.BOOL;
  }

  /**
   * Stores the mask of a bool node as bytes 0/1 ({@link VecMath#storeMask} inlined): {@code LEN}
   * lanes in the main loop, {@code n - j} in the masked tail.
   */
  private void storeMask(Kernel.Store st, boolean tail) {
    if (inlineBase < 0) {
      inlineBase = newLocal(Inliner.SCRATCH);
    }
    mv.visitVarInsn(ALOAD, vLocal[st.node()]);
    mv.visitVarInsn(ALOAD, outLocal[st.output()]);
    pointIndex(offLocal, 1);
    if (tail) {
      mv.visitVarInsn(ILOAD, nParam());
      mv.visitVarInsn(ILOAD, jLocal);
      mv.visitInsn(ISUB);
    } else {
      mv.visitFieldInsn(GETSTATIC, name, "LEN", "I");
    }
    Inliner.inline(mv, "storeMask", "(" + MASK + "[BII)V", inlineBase);
  }

  /** The local holding the tail mask while the masked tail is emitted, else -1. */
  private int maskLocal = -1;

  /** Adds {@code r * rowStride[k]} to the int on the stack. */
  private void rowOffset(int rLocal, int k) {
    mv.visitVarInsn(ILOAD, rLocal);
    mv.visitVarInsn(ALOAD, 7);
    push(k);
    mv.visitInsn(IALOAD);
    mv.visitInsn(IMUL);
    mv.visitInsn(IADD);
  }

  /** Pushes {@code local + j * stride} (the element index of the current point). */
  private void pointIndex(int local, long stride) {
    mv.visitVarInsn(ILOAD, local);
    if (stride == 0) {
      return;
    }
    mv.visitVarInsn(ILOAD, jLocal);
    if (stride != 1) {
      push((int) stride);
      mv.visitInsn(IMUL);
    }
    mv.visitInsn(IADD);
  }

  private void vload(int local) {
    mv.visitVarInsn(ints ? ILOAD : DLOAD, local);
  }

  private void vstore(int local) {
    mv.visitVarInsn(ints ? ISTORE : DSTORE, local);
  }

  private void loadElement() {
    if (narrow != null) {
      mv.visitInsn(narrow.itemSize() == 1 ? BALOAD : SALOAD);
      if (narrow == DType.UINT8 || narrow == DType.UINT16) {
        wrapNarrow();
      }
    } else if (ints) {
      mv.visitInsn(IALOAD);
    } else if (half) {
      mv.visitInsn(SALOAD);
      mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "CpuMath", halfName + "Load", "(S)D", false);
    } else if (f32) {
      mv.visitInsn(FALOAD);
      mv.visitInsn(F2D);
    } else {
      mv.visitInsn(DALOAD);
    }
  }

  private void storeElement() {
    if (narrow != null) {
      mv.visitInsn(narrow.itemSize() == 1 ? BASTORE : SASTORE);
    } else if (ints) {
      mv.visitInsn(IASTORE);
    } else if (half) {
      mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "CpuMath", halfName + "Store", "(D)S", false);
      mv.visitInsn(SASTORE);
    } else if (f32) {
      mv.visitInsn(D2F);
      mv.visitInsn(FASTORE);
    } else {
      mv.visitInsn(DASTORE);
    }
  }

  private void round() {
    if (half) {
      mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "CpuMath", halfName + "Round", "(D)D", false);
    } else if (f32) {
      mv.visitInsn(D2F);
      mv.visitInsn(F2D);
    }
  }

  /**
   * Marks the code that follows as node {@code i}'s equation: a line number entry {@code eqn + 1}
   * (equations are numbered from 0 in the compiled jaxpr), so a stack trace through generated
   * code names the equation. Nodes of unknown equation keep the line before them.
   */
  private void lineOf(int i) {
    int eqn = spec.nodes().get(i).eqn();
    if (eqn >= 0) {
      Label l = new Label();
      mv.visitLabel(l);
      mv.visitLineNumber(eqn + 1, l);
    }
  }

  /** The dtype of the arrays load slot {@code l} reads (mixed bodies). */
  private DType slotDtype(int l) {
    for (int i = 0; i < spec.nodes().size(); i++) {
      if (spec.slotOfNode()[i] == l) {
        return spec.nodes().get(i).dtype();
      }
    }
    throw new IllegalStateException("load slot " + l + " of " + name + " has no load");
  }

  /**
   * The array type of output {@code o} of a mixed body: that of its stores' dtype, or {@code
   * Object} for an output this body does not store (an epilogue's reduction results).
   */
  private String outArray(int o) {
    for (Kernel.Store st : spec.stores()) {
      if (st.output() == o) {
        return MixedScalar.array(spec.nodes().get(st.node()).dtype());
      }
    }
    return "java/lang/Object";
  }

  /** A node of a mixed body: its own dtype's Java type ({@link MixedScalar}). */
  private void mixedNode(int i) {
    Node n = spec.nodes().get(i);
    if (n.op() == KernelOp.LOAD || n.op() == KernelOp.REDUCED) {
      int l = spec.slotOfNode()[i];
      mv.visitVarInsn(ALOAD, arrLocal[l]);
      pointIndex(baseLocal[l], spec.slotStride()[l]);
      MixedScalar.loadElement(mv, n.dtype());
      mv.visitVarInsn(MixedScalar.storeInsn(n.dtype()), sLocal[i]);
      return;
    }
    MixedScalar.node(mv, spec.nodes(), i, sLocal);
  }

  private void scalarNode(int i) {
    lineOf(i);
    if (spec.mixed()) {
      mixedNode(i);
      return;
    }
    if (ints) {
      scalarIntNode(i);
      return;
    }
    Node n = spec.nodes().get(i);
    List<Integer> a = n.args();
    boolean bool = n.dtype() == DType.BOOL;
    switch (n.op()) {
      case LOAD, REDUCED -> {
        int l = spec.slotOfNode()[i];
        mv.visitVarInsn(ALOAD, arrLocal[l]);
        pointIndex(baseLocal[l], spec.slotStride()[l]);
        loadElement();
      }
      case CONST -> {
        if (bool) {
          push(n.constant().getLong(0) != 0 ? 1 : 0);
        } else {
          mv.visitLdcInsn(n.constant().getDouble(0));
        }
      }
      case SQUARE -> {
        mv.visitVarInsn(DLOAD, sLocal[a.get(0)]);
        mv.visitInsn(DUP2);
        mv.visitInsn(DMUL);
        round();
      }
      case INTEGER_POW -> {
        mv.visitVarInsn(DLOAD, sLocal[a.get(0)]);
        push(n.param());
        push(half ? (halfName.equals("f16") ? 2 : 3) : f32 ? 1 : 0);
        mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "CpuMath", "integerPow", "(DII)D", false);
      }
      case SELECT -> {
        mv.visitVarInsn(ILOAD, sLocal[a.get(0)]);
        mv.visitVarInsn(DLOAD, sLocal[a.get(1)]);
        mv.visitVarInsn(DLOAD, sLocal[a.get(2)]);
        OpTable.Scalar s = OpTable.scalar(n.op());
        mv.visitMethodInsn(INVOKESTATIC, s.owner(), s.name(), s.desc(), false);
      }
      default -> {
        OpTable.Scalar s = OpTable.scalar(n.op());
        for (int k : a) {
          mv.visitVarInsn(DLOAD, sLocal[k]);
        }
        if (s.kind() == OpTable.ScalarKind.INSN) {
          mv.visitInsn(s.opcode());
        } else if (s.kind() == OpTable.ScalarKind.CALL) {
          mv.visitMethodInsn(INVOKESTATIC, s.owner(), s.name(), s.desc(), false);
        } else {
          throw new IllegalStateException("no scalar form for " + n.op().textName());
        }
        if (!bool) {
          round();
        }
      }
    }
    mv.visitVarInsn(bool ? ISTORE : DSTORE, sLocal[i]);
  }

  /**
   * An int32 (or 8- or 16-bit integer) node in scalar code: int arithmetic wraps exactly as the
   * reference does; narrow integers then wrap to their width.
   */
  private void scalarIntNode(int i) {
    Node n = spec.nodes().get(i);
    List<Integer> a = n.args();
    switch (n.op()) {
      case LOAD, REDUCED -> {
        int l = spec.slotOfNode()[i];
        mv.visitVarInsn(ALOAD, arrLocal[l]);
        pointIndex(baseLocal[l], spec.slotStride()[l]);
        loadElement();
      }
      case CONST -> push((int) n.constant().getLong(0));
      case SQUARE -> {
        mv.visitVarInsn(ILOAD, sLocal[a.get(0)]);
        mv.visitInsn(DUP);
        mv.visitInsn(IMUL);
      }
      case NOT -> {
        mv.visitVarInsn(ILOAD, sLocal[a.get(0)]);
        push(n.dtype() == DType.BOOL ? 1 : -1);
        mv.visitInsn(IXOR);
      }
      case INTEGER_POW -> {
        mv.visitVarInsn(ILOAD, sLocal[a.get(0)]);
        push(n.param());
        mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "CpuMath", "ipow", "(II)I", false);
      }
      default -> {
        OpTable.Scalar s = uint32 ? OpTable.uintScalar(n.op()) : OpTable.intScalar(n.op());
        for (int k : a) {
          mv.visitVarInsn(ILOAD, sLocal[k]);
        }
        if (s.kind() == OpTable.ScalarKind.INSN) {
          mv.visitInsn(s.opcode());
        } else if (s.kind() == OpTable.ScalarKind.CALL) {
          mv.visitMethodInsn(INVOKESTATIC, s.owner(), s.name(), s.desc(), false);
        } else {
          throw new IllegalStateException("no int32 form for " + n.op().textName());
        }
      }
    }
    if (narrow != null && n.dtype() != DType.BOOL && n.op() != KernelOp.LOAD) {
      wrapNarrow();
    }
    mv.visitVarInsn(ISTORE, sLocal[i]);
  }

  private void vectorNode(int i) {
    lineOf(i);
    Node n = spec.nodes().get(i);
    List<Integer> a = n.args();
    OpTable.Vector v = OpTable.vector(n.op());
    String unary = "()" + vecDesc;
    String binary = "(" + VECTOR + ")" + vecDesc;
    String fast = f32 && fastMath ? OpTable.vecMathF32(n.op()) : null;
    if (fast != null && partner[i] >= 0) {
      if (partner[i] > i) {
        sinCos(a.get(0), n.op() == KernelOp.SIN ? i : partner[i],
            n.op() == KernelOp.SIN ? partner[i] : i);
      }
      // else: computed with its partner, earlier in this pass
      return;
    }
    if (fast != null) {
      if (inlineBase < 0) {
        inlineBase = newLocal(Inliner.SCRATCH);
      }
      mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
      Inliner.inline(mv, fast, "(" + vecDesc + ")" + vecDesc, inlineBase);
      mv.visitVarInsn(ASTORE, vLocal[i]);
      return;
    }
    if (spec.dtype() == DType.BOOL && n.op() != KernelOp.LOAD) {
      boolVectorNode(n);
      mv.visitVarInsn(ASTORE, vLocal[i]);
      return;
    }
    switch (v.kind()) {
      case LEAF -> {
        if (n.op() == KernelOp.CONST && n.dtype() == DType.BOOL) {
          mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
          push(n.constant().getLong(0) != 0 ? 1 : 0);
          mv.visitMethodInsn(INVOKEINTERFACE, VEC_PKG + "VectorSpecies", "maskAll",
              "(Z)" + MASK, true);
        } else if (n.op() == KernelOp.CONST) {
          broadcastConst(n.constant().getDouble(0));
        } else {
          int l = spec.slotOfNode()[i];
          mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
          mv.visitVarInsn(ALOAD, arrLocal[l]);
          if (spec.slotStride()[l] == 0) {
            mv.visitVarInsn(ILOAD, baseLocal[l]);
            mv.visitInsn(narrow != null ? (narrow.itemSize() == 1 ? BALOAD : SALOAD)
                : ints ? IALOAD : f32 ? FALOAD : DALOAD);
            mv.visitMethodInsn(INVOKESTATIC, vec, "broadcast",
                "(" + SPECIES + elem + ")" + vecDesc, false);
          } else {
            pointIndex(baseLocal[l], 1);
            if (maskLocal >= 0) {
              mv.visitVarInsn(ALOAD, maskLocal);
              mv.visitMethodInsn(INVOKESTATIC, vec, "fromArray",
                  "(" + SPECIES + arr + "I" + MASK + ")" + vecDesc, false);
            } else {
              mv.visitMethodInsn(INVOKESTATIC, vec, "fromArray",
                  "(" + SPECIES + arr + "I)" + vecDesc, false);
            }
          }
        }
      }
      case METHOD0 -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, v.name(), unary, false);
      }
      case METHOD1 -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        if (unsignedNarrow && (n.op() == KernelOp.MAX || n.op() == KernelOp.MIN)) {
          unsignedMinMax(n.op() == KernelOp.MAX ? "UMAX" : "UMIN", a.get(1));
        } else {
          mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
          mv.visitMethodInsn(INVOKEVIRTUAL, vec, v.name(), binary, false);
        }
      }
      case UNARY_OP -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, v.name(), "L" + OPS + "$Unary;");
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "lanewise",
            "(L" + OPS + "$Unary;)" + vecDesc, false);
      }
      case BINARY_OP -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, v.name(), "L" + OPS + "$Binary;");
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "lanewise",
            "(L" + OPS + "$Binary;" + VECTOR + ")" + vecDesc, false);
      }
      case COMPARE -> {
        boolean ordered = n.op() != KernelOp.EQ && n.op() != KernelOp.NE;
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, (unsignedNarrow && ordered ? "U" : "") + v.name(),
            "L" + OPS + "$Comparison;");
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "compare",
            "(L" + OPS + "$Comparison;" + VECTOR + ")" + MASK, false);
      }
      case TEST -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, v.name(), "L" + OPS + "$Test;");
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "test", "(L" + OPS + "$Test;)" + MASK, false);
      }
      case SPECIAL -> special(n);
      case NONE -> throw new IllegalStateException("no vector form for " + n.op().textName());
    }
    mv.visitVarInsn(ASTORE, vLocal[i]);
  }

  /**
   * For a float32 sine (cosine) whose kernel also takes the cosine (sine) of the same value: the
   * other node, computed together ({@link #sinCos}); else -1.
   */
  private final int[] partner;

  /** Four locals for the shared pieces of {@link #sinCos}, or -1. */
  private int sinCosLocals = -1;

  /**
   * sin and cos of node {@code x} into the vector locals of {@code sinNode} and {@code cosNode},
   * sharing one reduction ({@link VecMath#quadrant} and the pieces after it, inlined).
   */
  private void sinCos(int x, int sinNode, int cosNode) {
    if (inlineBase < 0) {
      inlineBase = newLocal(Inliner.SCRATCH);
    }
    if (sinCosLocals < 0) {
      sinCosLocals = newLocal(4);
    }
    int t = sinCosLocals;
    int d = t + 1;
    int sd = t + 2;
    int cd = t + 3;
    String v1 = "(" + vecDesc + ")" + vecDesc;
    mv.visitVarInsn(ALOAD, vLocal[x]);
    Inliner.inline(mv, "quadrant", v1, inlineBase);
    mv.visitVarInsn(ASTORE, t);
    mv.visitVarInsn(ALOAD, vLocal[x]);
    mv.visitVarInsn(ALOAD, t);
    Inliner.inline(mv, "reduceHalfPi", "(" + vecDesc + vecDesc + ")" + vecDesc, inlineBase);
    mv.visitVarInsn(ASTORE, d);
    mv.visitVarInsn(ALOAD, d);
    Inliner.inline(mv, "sinQuarter", v1, inlineBase);
    mv.visitVarInsn(ASTORE, sd);
    mv.visitVarInsn(ALOAD, d);
    Inliner.inline(mv, "cosQuarter", v1, inlineBase);
    mv.visitVarInsn(ASTORE, cd);
    String pick = "(" + vecDesc + vecDesc + vecDesc + vecDesc + ")" + vecDesc;
    for (int k = 0; k < 2; k++) {
      mv.visitVarInsn(ALOAD, sd);
      mv.visitVarInsn(ALOAD, cd);
      mv.visitVarInsn(ALOAD, t);
      mv.visitVarInsn(ALOAD, vLocal[x]);
      Inliner.inline(mv, k == 0 ? "pickSin" : "pickCos", pick, inlineBase);
      mv.visitVarInsn(ASTORE, vLocal[k == 0 ? sinNode : cosNode]);
    }
  }

  /** The first local of the scratch region of inlined {@link VecMath} calls, or -1. */
  private int inlineBase = -1;

  /**
   * Whether float32 transcendentals use {@link VecMath} (inlined) rather than the Vector API
   * operators: up to {@link #MAX_FAST_OPS} such ops per kernel, past which the branches of the
   * inlined bodies make frame computation and the method's size grow too fast.
   */
  private boolean fastMath;

  /**
   * Whether {@link VecMath} is used at all: the property {@code jaxpresso.cpu.fastMath=false}
   * selects the Vector API operators (SVML) everywhere, for comparisons.
   */
  static final boolean FAST_MATH =
      Boolean.parseBoolean(System.getProperty("jaxpresso.cpu.fastMath", "true"));

  /** The most inlined transcendentals in one kernel. */
  static final int MAX_FAST_OPS = 24;

  private void special(Node n) {
    List<Integer> a = n.args();
    String binary = "(" + VECTOR + ")" + vecDesc;
    switch (n.op()) {
      case SQUARE -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "mul", binary, false);
      }
      case RSQRT -> {
        broadcastConst(1.0);
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "sqrt", "()" + vecDesc, false);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "div", binary, false);
      }
      case SELECT -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitVarInsn(ALOAD, vLocal[a.get(2)]);
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "blend", "(" + VECTOR + MASK + ")" + vecDesc,
            false);
      }
      case CLAMP -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        if (unsignedNarrow) {
          unsignedMinMax("UMAX", a.get(0));
          unsignedMinMax("UMIN", a.get(2));
        } else {
          mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
          mv.visitMethodInsn(INVOKEVIRTUAL, vec, "max", binary, false);
          mv.visitVarInsn(ALOAD, vLocal[a.get(2)]);
          mv.visitMethodInsn(INVOKEVIRTUAL, vec, "min", binary, false);
        }
      }
      default -> throw new IllegalStateException("no vector form for " + n.op().textName());
    }
  }

  /**
   * A node of an all-bool kernel in vector code: bools are {@code ByteVector} lanes holding 0 or
   * 1 (as in memory), so the logical ops are bitwise ops, not flips the low bit, compares (whose
   * masks become 0/1 lanes again) and max/min act on 0/1, and select turns its condition into a
   * mask first.
   */
  private void boolVectorNode(Node n) {
    List<Integer> a = n.args();
    String binary = "(" + VECTOR + ")" + vecDesc;
    String lanewise = "(L" + OPS + "$Binary;" + VECTOR + ")" + vecDesc;
    switch (n.op()) {
      case CONST -> broadcastConst(n.constant().getLong(0) != 0 ? 1 : 0);
      case AND, OR, XOR -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, n.op().name(), "L" + OPS + "$Associative;");
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "lanewise", lanewise, false);
      }
      case NOT -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, "XOR", "L" + OPS + "$Associative;");
        broadcastConst(1);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "lanewise", lanewise, false);
      }
      case MAX, MIN -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, n.op() == KernelOp.MAX ? "max" : "min", binary,
            false);
      }
      case EQ, NE, LT, LE, GT, GE -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, n.op().name(), "L" + OPS + "$Comparison;");
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "compare",
            "(L" + OPS + "$Comparison;" + VECTOR + ")" + MASK, false);
        if (boolTmp < 0) {
          boolTmp = newLocal(1);
        }
        mv.visitVarInsn(ASTORE, boolTmp);
        broadcastConst(0);
        push(1);
        mv.visitVarInsn(ALOAD, boolTmp);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "blend", "(B" + MASK + ")" + vecDesc, false);
      }
      case SELECT -> {
        mv.visitVarInsn(ALOAD, vLocal[a.get(1)]);
        mv.visitVarInsn(ALOAD, vLocal[a.get(2)]);
        mv.visitVarInsn(ALOAD, vLocal[a.get(0)]);
        mv.visitFieldInsn(GETSTATIC, OPS, "NE", "L" + OPS + "$Comparison;");
        push(0);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "compare",
            "(L" + OPS + "$Comparison;B)" + MASK, false);
        mv.visitMethodInsn(INVOKEVIRTUAL, vec, "blend", "(" + VECTOR + MASK + ")" + vecDesc,
            false);
      }
      default -> throw new IllegalStateException("no bool vector form for "
          + n.op().textName());
    }
  }

  /** A scratch local of all-bool vector code (a compare's mask), or -1. */
  private int boolTmp = -1;

  /** {@code top.lanewise(UMAX or UMIN, node)} on the vector on the stack. */
  private void unsignedMinMax(String op, int node) {
    mv.visitFieldInsn(GETSTATIC, OPS, op, "L" + OPS + "$Associative;");
    mv.visitVarInsn(ALOAD, vLocal[node]);
    mv.visitMethodInsn(INVOKEVIRTUAL, vec, "lanewise",
        "(L" + OPS + "$Binary;" + VECTOR + ")" + vecDesc, false);
  }

  private void broadcastConst(double c) {
    mv.visitFieldInsn(GETSTATIC, name, "S", SPECIES);
    if (narrow != null) {
      long bits = (long) c;
      push(narrow.itemSize() == 1 ? (byte) bits : (short) bits);
    } else if (ints) {
      push((int) c);
    } else if (f32) {
      mv.visitLdcInsn((float) c);
    } else {
      mv.visitLdcInsn(c);
    }
    mv.visitMethodInsn(INVOKESTATIC, vec, "broadcast", "(" + SPECIES + elem + ")" + vecDesc,
        false);
  }

  private void scalarCombine(KernelOp c) {
    if (ints) {
      switch (c) {
        case REDUCE_SUM -> mv.visitInsn(IADD);
        case REDUCE_PROD -> mv.visitInsn(IMUL);
        case REDUCE_MAX -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false);
        case REDUCE_MIN -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(II)I", false);
        default -> throw new IllegalStateException("no generated combiner " + c.textName());
      }
      return;
    }
    switch (c) {
      case REDUCE_SUM -> mv.visitInsn(DADD);
      case REDUCE_PROD -> mv.visitInsn(DMUL);
      case REDUCE_MAX -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(DD)D", false);
      case REDUCE_MIN -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(DD)D", false);
      default -> throw new IllegalStateException("no generated combiner " + c.textName());
    }
  }

  private static String vectorCombiner(KernelOp c) {
    return switch (c) {
      case REDUCE_SUM -> "add";
      case REDUCE_PROD -> "mul";
      case REDUCE_MAX, ARGMAX -> "max";
      case REDUCE_MIN, ARGMIN -> "min";
      default -> throw new IllegalStateException("no generated combiner " + c.textName());
    };
  }

  private static String associative(KernelOp c) {
    return switch (c) {
      case REDUCE_SUM -> "ADD";
      case REDUCE_PROD -> "MUL";
      case REDUCE_MAX, ARGMAX -> "MAX";
      case REDUCE_MIN, ARGMIN -> "MIN";
      default -> throw new IllegalStateException("no generated combiner " + c.textName());
    };
  }

  private void push(int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }
}
