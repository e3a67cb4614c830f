package org.jaxpresso.runtime.gpu.ptx;

import java.util.EnumMap;
import java.util.Map;

/**
 * Accumulates the body of one PTX kernel: numbered virtual registers per class (PTX needs no
 * SSA; ptxas allocates the physical registers), instructions and labels, and the matching
 * {@code .reg} declarations.
 */
public final class PtxWriter {
  /** A PTX register class and its name prefix. */
  public enum Reg {
    /** Predicates. */
    PRED(".pred", "%p"),
    /** 16-bit raw values (half floats in transit). */
    B16(".b16", "%h"),
    /** 32-bit integers and bools. */
    B32(".b32", "%r"),
    /** 64-bit integers and addresses. */
    B64(".b64", "%rd"),
    /** float32 (also float16 and bfloat16, computed in float32). */
    F32(".f32", "%f"),
    /** float64. */
    F64(".f64", "%fd");

    final String decl;
    final String prefix;

    Reg(String decl, String prefix) {
      this.decl = decl;
      this.prefix = prefix;
    }
  }

  private final Map<Reg, Integer> counts = new EnumMap<>(Reg.class);
  private final StringBuilder body = new StringBuilder();
  private int labels;

  /** An empty kernel body with no registers handed out. */
  public PtxWriter() {}

  /**
   * A fresh register of class {@code r}.
   *
   * @param r the register class
   * @return the register's name, e.g. {@code %f3}
   */
  public String reg(Reg r) {
    int n = counts.merge(r, 1, Integer::sum);
    return r.prefix + n;
  }

  /**
   * Appends one instruction (a trailing {@code ;} is added).
   *
   * @param instruction the instruction without its semicolon
   */
  public void op(String instruction) {
    body.append("  ").append(instruction).append(";\n");
  }

  /**
   * Emits {@code instr dst, args...} into a fresh register of class {@code r}; returns it.
   *
   * @param r the destination's register class
   * @param instr the opcode with its type suffixes, e.g. {@code add.f32}
   * @param args the source operands
   * @return the destination register
   */
  public String emit(Reg r, String instr, String... args) {
    String d = reg(r);
    op(instr + " " + d + (args.length == 0 ? "" : ", " + String.join(", ", args)));
    return d;
  }

  /**
   * A fresh label name.
   *
   * @param hint a word naming the label's purpose
   * @return a label unique within this kernel
   */
  public String label(String hint) {
    return "$L_" + hint + "_" + (++labels);
  }

  /**
   * Places {@code label} here.
   *
   * @param label a label from {@link #label}
   */
  public void place(String label) {
    body.append(label).append(":\n");
  }

  /**
   * Appends a comment line.
   *
   * @param text the comment; newlines become spaces
   */
  public void comment(String text) {
    body.append("  // ").append(text.replace('\n', ' ')).append('\n');
  }

  /**
   * The {@code .reg} declarations for every register handed out.
   *
   * @return one {@code .reg} line per register class used
   */
  public String declarations() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Reg, Integer> e : counts.entrySet()) {
      sb.append("  .reg ").append(e.getKey().decl).append(' ').append(e.getKey().prefix)
          .append('<').append(e.getValue() + 1).append(">;\n");
    }
    return sb.toString();
  }

  /**
   * The instructions so far.
   *
   * @return the instructions, labels and comments appended so far
   */
  public String body() {
    return body.toString();
  }

  /**
   * The PTX literal of double {@code v}: {@code 0dXXXXXXXXXXXXXXXX}.
   *
   * @param v the value
   * @return its exact PTX hexadecimal literal
   */
  public static String f64(double v) {
    return String.format("0d%016X", Double.doubleToRawLongBits(v));
  }

  /**
   * The PTX literal of float {@code v}: {@code 0fXXXXXXXX}.
   *
   * @param v the value
   * @return its exact PTX hexadecimal literal
   */
  public static String f32(float v) {
    return String.format("0f%08X", Float.floatToRawIntBits(v));
  }
}
