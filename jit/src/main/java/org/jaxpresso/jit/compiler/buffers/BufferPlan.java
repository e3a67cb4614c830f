package org.jaxpresso.jit.compiler.buffers;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.DType;

/**
 * Which buffer each value of a kernel program lives in. Program inputs, constants and literals
 * have no buffer here ({@code -1}): they come with the call. Every kernel result has one; the
 * program's outputs each get a buffer of their own that nothing else uses ("allocated once"),
 * while intermediates share buffers whose earlier occupants are dead.
 *
 * @param bufferOf for each value id, its buffer number or -1
 * @param buffers the buffers
 */
public record BufferPlan(List<Integer> bufferOf, List<Buffer> buffers) {
  /** Copies the lists. */
  public BufferPlan {
    bufferOf = List.copyOf(bufferOf);
    buffers = List.copyOf(buffers);
  }

  /**
   * One buffer.
   *
   * @param dtype its element type
   * @param length its number of elements
   * @param output whether it holds a program output
   * @param values the value ids it holds over the program's run, in order
   */
  public record Buffer(DType dtype, int length, boolean output, List<Integer> values) {
    /** Copies the list. */
    public Buffer {
      values = List.copyOf(values);
    }

    /**
     * Its size in bytes.
     *
     * @return its size in bytes
     */
    public long bytes() {
      return (long) length * dtype.itemSize();
    }
  }

  /**
   * The number of buffers that hold intermediates.
   *
   * @return the number of buffers that hold intermediates
   */
  public int intermediateCount() {
    int n = 0;
    for (Buffer b : buffers) {
      n += b.output() ? 0 : 1;
    }
    return n;
  }

  /**
   * The bytes of intermediate buffers (what reuse saves is measured against this).
   *
   * @return the bytes of intermediate buffers (what reuse saves is measured against this)
   */
  public long intermediateBytes() {
    long n = 0;
    for (Buffer b : buffers) {
      n += b.output() ? 0 : b.bytes();
    }
    return n;
  }

  /** The text of the {@code 25-buffers.txt} dump. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("buffer plan: ").append(buffers.size()).append(" buffers (")
        .append(intermediateCount()).append(" intermediate, ")
        .append(buffers.size() - intermediateCount()).append(" output), ")
        .append(intermediateBytes()).append(" intermediate bytes\n");
    for (int b = 0; b < buffers.size(); b++) {
      Buffer buf = buffers.get(b);
      List<String> vs = new ArrayList<>();
      for (int v : buf.values()) {
        vs.add("v" + v);
      }
      sb.append('b').append(b).append(' ').append(buf.dtype().shortName()).append('[')
          .append(buf.length()).append("] ").append(buf.output() ? "output" : "intermediate")
          .append(": ").append(String.join(" ", vs)).append('\n');
    }
    return sb.toString();
  }
}
