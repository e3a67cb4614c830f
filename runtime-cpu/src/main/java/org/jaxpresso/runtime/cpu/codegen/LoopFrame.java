package org.jaxpresso.runtime.cpu.codegen;

/**
 * The state of one run of a loop ({@code while} or {@code scan}) that generated loop classes
 * ({@link ControlFlowWriter}) drive: the body's environment, its two buffer sets and the carry.
 *
 * <p>Loop-carried storage is allocated once per frame and reused: iteration {@code i} writes its
 * kernels' results into buffer set {@code i % 2} while it reads the carry that iteration {@code
 * i - 1} wrote into the other set (ping-pong), so no kernel writes storage it reads and nothing
 * is allocated per iteration. The one hazard left is a carry that would end up in the set the
 * next iteration writes: an output forwarding a different carry (a swap), a scanned element (its
 * storage is refilled every iteration), or a library result that is an input's storage. Those
 * (and only those) are copied when the iteration ends.
 *
 * <p>A carry is storage and an element offset ({@link #carryOff}): a scan's carry that is also
 * a {@code y} written in place lives in the stacked result ({@link ScanViews}). A frame of a
 * loop nested in a loop body is made once per run of the enclosing frame and {@linkplain
 * #reset reset} for each run of the nested loop.
 */
abstract class LoopFrame {
  final SubProgram body;
  final Object[] bodyEnv;
  /** The body's offset table (by value id). */
  final int[] bodyOff;
  /** The buffers of the running iteration. */
  Buffers bodyBuffers;
  /** The current carry, by carry number. */
  final Object[] carry;
  /** Where each carry starts in its storage. */
  final int[] carryOff;
  /** Each carry's element count. */
  final int[] carrySize;
  private final Buffers[] sets;
  private final Object[] next;
  private final int[] nextOff;
  private final int carryBase;
  private int parity;

  /**
   * A frame whose body takes {@code ncarry} carries at input positions {@code carryBase...}.
   *
   * @param body the body
   * @param carryBase the body input position of the first carry
   * @param ncarry the number of carries
   */
  LoopFrame(SubProgram body, int carryBase, int ncarry) {
    this.body = body;
    this.bodyEnv = body.newEnv();
    this.bodyOff = (int[]) bodyEnv[body.offSlot];
    this.carryBase = carryBase;
    this.carry = new Object[ncarry];
    this.carryOff = new int[ncarry];
    this.carrySize = new int[ncarry];
    for (int c = 0; c < ncarry; c++) {
      carrySize[c] = Math.toIntExact(
          body.program.values().get(body.inputIds[carryBase + c]).aval().size());
    }
    this.next = new Object[ncarry];
    this.nextOff = new int[ncarry];
    this.sets = new Buffers[] {body.newBuffers(), body.newBuffers()};
  }

  /** Starts a run from the initial carry {@code init} (the loop's operands: never written). */
  final void resetCarry(Object[] init, int from) {
    System.arraycopy(init, from, carry, 0, carry.length);
    java.util.Arrays.fill(carryOff, 0);
    parity = 0;
  }

  /** Sets the body input at {@code position} (a constant of the loop). */
  final void bind(int position, Object storage) {
    bodyEnv[body.inputIds[position]] = storage;
  }

  /** Before an iteration: the carry into the body's inputs, this iteration's buffer set. */
  final void loadCarry() {
    for (int c = 0; c < carry.length; c++) {
      int v = body.inputIds[carryBase + c];
      bodyEnv[v] = carry[c];
      bodyOff[v] = carryOff[c];
    }
    bodyBuffers = sets[parity];
  }

  /**
   * After an iteration: the body's first outputs become the carry (copied where the storage
   * would be overwritten by a later iteration), and the buffer sets swap.
   *
   * @param scratch storage the frame refills every iteration (scanned elements), which no carry
   *     may keep
   */
  final void storeCarry(Object[] scratch) {
    for (int o = 0; o < next.length; o++) {
      int v = body.outputIds[o];
      Object x = bodyEnv[v];
      boolean copy = switch (body.origin[o]) {
        case BUFFER, CONSTANT -> false;
        case INPUT -> body.forwarded[o] >= carryBase && body.forwarded[o] != carryBase + o;
        case LIBRARY -> aliases(x, carry) || aliases(x, scratch);
      };
      int off = bodyOff[v];
      next[o] = copy ? copyOf(x, off, carrySize[o]) : x;
      nextOff[o] = copy ? 0 : off;
    }
    System.arraycopy(next, 0, carry, 0, next.length);
    System.arraycopy(nextOff, 0, carryOff, 0, next.length);
    parity ^= 1;
  }

  /** Whether {@code x} is one of {@code arrays} (by identity). */
  static boolean aliases(Object x, Object[] arrays) {
    for (Object a : arrays) {
      if (a == x) {
        return true;
      }
    }
    return false;
  }

  /** A copy of {@code n} elements of a primitive array from {@code off}. */
  static Object copyOf(Object a, int off, int n) {
    Object r = java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), n);
    System.arraycopy(a, off, r, 0, n);
    return r;
  }
}
