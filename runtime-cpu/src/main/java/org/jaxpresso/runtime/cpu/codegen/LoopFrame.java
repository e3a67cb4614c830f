package org.jaxpresso.runtime.cpu.codegen;

/**
 * The state of one run of a loop ({@code while} or {@code scan}) that generated loop classes
 * ({@link ControlFlowWriter}) drive: the body's environment, its two buffer sets and the carry.
 *
 * <p>Loop-carried storage is allocated once per run and reused: iteration {@code i} writes its
 * kernels' results into buffer set {@code i % 2} while it reads the carry that iteration {@code
 * i - 1} wrote into the other set (ping-pong), so no kernel writes storage it reads and nothing
 * is allocated per iteration. The one hazard left is a carry that would end up in the set the
 * next iteration writes: an output forwarding a different carry (a swap), a scanned element (its
 * storage is refilled every iteration), or a library result that is an input's storage. Those
 * (and only those) are copied when the iteration ends.
 */
abstract class LoopFrame {
  final SubProgram body;
  final Object[] bodyEnv;
  /** The buffers of the running iteration. */
  Buffers bodyBuffers;
  /** The current carry, by carry number. */
  final Object[] carry;
  private final Buffers[] sets;
  private final Object[] next;
  private final int carryBase;
  private int parity;

  /**
   * A frame whose body takes its carry at input positions {@code carryBase...}.
   *
   * @param body the body
   * @param carryBase the body input position of the first carry
   * @param init the initial carry's storage (the loop's operands: never written)
   */
  LoopFrame(SubProgram body, int carryBase, Object[] init) {
    this.body = body;
    this.bodyEnv = body.newEnv();
    this.carryBase = carryBase;
    this.carry = init.clone();
    this.next = new Object[init.length];
    this.sets = new Buffers[] {body.newBuffers(), body.newBuffers()};
  }

  /** Sets the body input at {@code position} (a constant of the loop). */
  final void bind(int position, Object storage) {
    bodyEnv[body.inputIds[position]] = storage;
  }

  /** Before an iteration: the carry into the body's inputs, this iteration's buffer set. */
  final void loadCarry() {
    for (int c = 0; c < carry.length; c++) {
      bodyEnv[body.inputIds[carryBase + c]] = carry[c];
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
      Object x = bodyEnv[body.outputIds[o]];
      boolean copy = switch (body.origin[o]) {
        case BUFFER, CONSTANT -> false;
        case INPUT -> body.forwarded[o] >= carryBase && body.forwarded[o] != carryBase + o;
        case LIBRARY -> aliases(x, carry) || aliases(x, scratch);
      };
      next[o] = copy ? copyOf(x) : x;
    }
    System.arraycopy(next, 0, carry, 0, next.length);
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

  /** A copy of a primitive array. */
  static Object copyOf(Object a) {
    return switch (a) {
      case float[] v -> v.clone();
      case double[] v -> v.clone();
      case int[] v -> v.clone();
      case long[] v -> v.clone();
      case short[] v -> v.clone();
      case byte[] v -> v.clone();
      case char[] v -> v.clone();
      default -> throw new IllegalStateException("unexpected storage " + a.getClass());
    };
  }
}
