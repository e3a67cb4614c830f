package org.jaxpresso.runtime.gpu.ptx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;

/**
 * A test-only interpreter of the PTX subset the code generator emits, so that generated kernels
 * can be executed and compared with the reference executor on a machine without a GPU. Each
 * instruction follows the PTX ISA's definition (rounding modes, saturation of {@code cvt.rzi},
 * NaN rules of {@code min}/{@code max}, clamped shifts, {@code copysign} operand order); the
 * threads of a block run as separate states that meet at {@code shfl.sync} (per warp) and
 * {@code bar.sync} (per block). An instruction outside the subset is an error naming it.
 */
final class PtxInterpreter {
  /** Global memory: one little-endian heap; device addresses are offsets plus {@link #BASE}. */
  static final long BASE = 0x1000_0000L;
  private static final long SHARED = 0x7000_0000_0000L;

  private final ByteBuffer heap;
  private long top = BASE;

  PtxInterpreter(int bytes) {
    heap = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Allocates {@code bytes} (8-aligned) and returns the device address. */
  long alloc(long bytes) {
    long a = top;
    top += (bytes + 15) & ~7L;
    if (top - BASE > heap.capacity()) {
      throw new IllegalStateException("interpreter heap exhausted");
    }
    return a;
  }

  /** Copies {@code bytes} raw bytes from {@code src} to address {@code a}. */
  void writeBytes(long a, java.lang.foreign.MemorySegment src, long bytes) {
    java.lang.foreign.MemorySegment.copy(src, 0, java.lang.foreign.MemorySegment.ofBuffer(heap),
        a - BASE, bytes);
  }

  /** Copies {@code bytes} raw bytes at address {@code a} to {@code dst}. */
  void readBytes(java.lang.foreign.MemorySegment dst, long a, long bytes) {
    java.lang.foreign.MemorySegment.copy(java.lang.foreign.MemorySegment.ofBuffer(heap), a - BASE,
        dst, 0, bytes);
  }

  /** Copies a host buffer's raw bytes to address {@code a}. */
  void write(long a, HostBuffer h) {
    int n = h.length();
    for (int i = 0; i < n; i++) {
      long bits = rawBits(h, i);
      int size = h.dtype().itemSize();
      for (int b = 0; b < size; b++) {
        heap.put((int) (a - BASE) + i * size + b, (byte) (bits >>> (8 * b)));
      }
    }
  }

  /** Reads {@code n} elements of {@code d} at {@code a} into a host buffer. */
  HostBuffer read(long a, DType d, int n) {
    HostBuffer h = HostBuffer.allocate(d, n);
    int size = d.itemSize();
    for (int i = 0; i < n; i++) {
      long bits = 0;
      for (int b = 0; b < size; b++) {
        bits |= (heap.get((int) (a - BASE) + i * size + b) & 0xFFL) << (8 * b);
      }
      setRawBits(h, i, bits);
    }
    return h;
  }

  static long rawBits(HostBuffer h, int i) {
    return switch (h.data()) {
      case byte[] b -> b[i] & 0xFFL;
      case short[] s -> s[i] & 0xFFFFL;
      case int[] v -> v[i] & 0xFFFFFFFFL;
      case long[] l -> l[i];
      case float[] f -> Float.floatToRawIntBits(f[i]) & 0xFFFFFFFFL;
      case double[] d -> Double.doubleToRawLongBits(d[i]);
      default -> throw new IllegalArgumentException("storage " + h.data().getClass());
    };
  }

  static void setRawBits(HostBuffer h, int i, long bits) {
    switch (h.data()) {
      case byte[] b -> b[i] = (byte) bits;
      case short[] s -> s[i] = (short) bits;
      case int[] v -> v[i] = (int) bits;
      case long[] l -> l[i] = bits;
      case float[] f -> f[i] = Float.intBitsToFloat((int) bits);
      case double[] d -> d[i] = Double.longBitsToDouble(bits);
      default -> throw new IllegalArgumentException("storage " + h.data().getClass());
    }
  }

  /** One parsed instruction. */
  private record Ins(String guard, boolean negate, String op, String[] args, String text) {}

  /** One entry point. */
  private record Entry(List<String> params, List<Ins> code, Map<String, Integer> labels,
      int sharedBytes) {}

  private static Map<String, Entry> parse(String module) {
    Map<String, Entry> entries = new HashMap<>();
    String[] lines = module.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].trim();
      if (!l.startsWith(".visible .entry ")) {
        continue;
      }
      String name = l.substring(".visible .entry ".length(), l.indexOf('('));
      List<String> params = new ArrayList<>();
      i++;
      while (!lines[i].trim().equals(")")) {
        String p = lines[i].trim().replace(",", "");
        params.add(p.substring(p.lastIndexOf(' ') + 1));
        i++;
      }
      i += 2;
      List<Ins> code = new ArrayList<>();
      Map<String, Integer> labels = new HashMap<>();
      int shared = 0;
      for (; !lines[i].equals("}"); i++) {
        String t = lines[i].trim();
        if (t.isEmpty() || t.startsWith("//") || t.startsWith(".reg")) {
          continue;
        }
        if (t.startsWith(".shared")) {
          shared = 8 * Integer.parseInt(t.substring(t.indexOf('[') + 1, t.indexOf(']')));
          continue;
        }
        if (t.endsWith(":")) {
          labels.put(t.substring(0, t.length() - 1), code.size());
          continue;
        }
        t = t.substring(0, t.length() - 1);
        String guard = null;
        boolean neg = false;
        if (t.startsWith("@")) {
          int sp = t.indexOf(' ');
          guard = t.substring(1, sp);
          if (guard.startsWith("!")) {
            neg = true;
            guard = guard.substring(1);
          }
          t = t.substring(sp + 1);
        }
        int sp = t.indexOf(' ');
        String op = sp < 0 ? t : t.substring(0, sp);
        String rest = sp < 0 ? "" : t.substring(sp + 1);
        code.add(new Ins(guard, neg, op, splitArgs(rest), t));
      }
      entries.put(name, new Entry(params, code, labels, shared));
    }
    return entries;
  }

  private static String[] splitArgs(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().trim());
    }
    return out.toArray(String[]::new);
  }

  /** One thread's state. */
  private static final class Thread {
    final Map<String, Long> regs = new HashMap<>();
    int pc;
    int tid;
    boolean done;
    /** Waiting at a shfl.sync or bar.sync at pc. */
    boolean waiting;
  }

  /** Runs entry {@code name} of {@code module} with {@code grid} blocks of {@code block}. */
  void launch(String module, String name, int grid, int block, long[] args) {
    Entry e = parse(module).get(name);
    if (e == null) {
      throw new IllegalArgumentException("no entry " + name);
    }
    Map<String, Long> params = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      params.put(e.params().get(i), args[i]);
    }
    for (int b = 0; b < grid; b++) {
      ByteBuffer shared = ByteBuffer.allocate(Math.max(8, e.sharedBytes()))
          .order(ByteOrder.LITTLE_ENDIAN);
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < block; t++) {
        Thread th = new Thread();
        th.tid = t;
        ts.add(th);
      }
      runBlock(e, ts, b, grid, block, params, shared);
    }
  }

  private void runBlock(Entry e, List<Thread> ts, int ctaid, int grid, int block,
      Map<String, Long> params, ByteBuffer shared) {
    while (true) {
      boolean progress = false;
      for (Thread t : ts) {
        while (!t.done && !t.waiting) {
          step(e, t, ctaid, grid, block, params, shared);
          progress = true;
        }
      }
      if (ts.stream().allMatch(t -> t.done)) {
        return;
      }
      // Resolve synchronization: every live thread waits.
      Ins first = null;
      for (Thread t : ts) {
        if (!t.done) {
          first = e.code().get(t.pc);
          break;
        }
      }
      if (first.op().startsWith("bar.sync")) {
        for (Thread t : ts) {
          if (!t.done) {
            if (!e.code().get(t.pc).op().startsWith("bar.sync")) {
              throw new IllegalStateException("threads wait at different barriers");
            }
            t.waiting = false;
            t.pc++;
          }
        }
      } else {
        for (int w = 0; w < (ts.size() + 31) / 32; w++) {
          List<Thread> warp = ts.subList(32 * w, Math.min(ts.size(), 32 * w + 32));
          long[] values = new long[warp.size()];
          Ins ins = e.code().get(warp.get(0).pc);
          for (Thread t : warp) {
            if (t.done || t.pc != warp.get(0).pc) {
              throw new IllegalStateException("warp diverged at shfl.sync: " + ins.text());
            }
            values[t.tid % 32] = operand(t, ins.args()[1], params, 32);
          }
          for (Thread t : warp) {
            int mask = (int) operand(t, ins.args()[2], params, 32);
            t.regs.put(ins.args()[0], values[(t.tid % 32) ^ mask]);
            t.waiting = false;
            t.pc++;
          }
        }
      }
      if (!progress && ts.stream().noneMatch(t -> !t.done)) {
        return;
      }
    }
  }

  private long reg(Thread t, String name) {
    Long v = t.regs.get(name);
    if (v == null) {
      throw new IllegalStateException("register " + name + " read before written");
    }
    return v;
  }

  private static long parseImmediate(String s) {
    if (s.startsWith("0d")) {
      return Long.parseUnsignedLong(s.substring(2), 16);
    }
    if (s.startsWith("0f")) {
      return Long.parseLong(s.substring(2), 16);
    }
    return Long.parseLong(s);
  }

  private long operand(Thread t, String s, Map<String, Long> params, int width) {
    if (s.startsWith("%")) {
      return reg(t, s);
    }
    if (s.equals("red_smem")) {
      return SHARED;
    }
    long v = parseImmediate(s);
    return width == 32 ? v & 0xFFFFFFFFL : v;
  }

  private static int registerWidth(String reg) {
    if (reg.startsWith("%rd") || reg.startsWith("%fd")) {
      return 64;
    }
    if (reg.startsWith("%p")) {
      return 1;
    }
    if (reg.startsWith("%h")) {
      return 16;
    }
    return 32;
  }

  private static int widthOf(String type) {
    return switch (type) {
      case "f64", "s64", "u64", "b64" -> 64;
      case "f16", "bf16", "b16", "s16", "u16" -> 16;
      case "s8", "u8" -> 8;
      case "pred" -> 1;
      default -> 32;
    };
  }

  private static long mask(long v, int width) {
    return width == 64 ? v : v & ((1L << width) - 1);
  }

  private static double f(long bits, String type) {
    return type.equals("f64") ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
  }

  private static long bitsOf(double v, String type) {
    return type.equals("f64") ? Double.doubleToRawLongBits(v)
        : Float.floatToRawIntBits((float) v) & 0xFFFFFFFFL;
  }

  private static long signed(long v, String type) {
    int w = widthOf(type);
    return w == 64 ? v : (v << (64 - w)) >> (64 - w);
  }

  private long address(Thread t, String bracket, Map<String, Long> params) {
    String in = bracket.substring(1, bracket.length() - 1);
    long off = 0;
    int plus = in.indexOf('+');
    if (plus > 0) {
      off = Long.parseLong(in.substring(plus + 1));
      in = in.substring(0, plus);
    }
    if (params.containsKey(in)) {
      return params.get(in);
    }
    return reg(t, in) + off;
  }

  private void step(Entry e, Thread t, int ctaid, int grid, int block, Map<String, Long> params,
      ByteBuffer shared) {
    if (t.pc >= e.code().size()) {
      t.done = true;
      return;
    }
    Ins ins = e.code().get(t.pc);
    if (ins.guard() != null && (reg(t, ins.guard()) != 0) == ins.negate()) {
      t.pc++;
      return;
    }
    String[] parts = ins.op().split("\\.");
    String op = parts[0];
    String type = parts[parts.length - 1];
    String[] a = ins.args();
    switch (op) {
      case "ret" -> {
        t.done = true;
        return;
      }
      case "bra" -> {
        t.pc = e.labels().get(a[0]);
        return;
      }
      case "bar", "shfl" -> {
        t.waiting = true;
        return;
      }
      default -> { }
    }
    if (op.equals("mov") && a[0].startsWith("{")) {
      String[] rs = a[0].substring(1, a[0].length() - 1).split(",\\s*");
      long v = reg(t, a[1]);
      t.regs.put(rs[0], v & 0xFFFFFFFFL);
      t.regs.put(rs[1], v >>> 32);
      t.pc++;
      return;
    }
    long result = execute(t, ins, parts, op, type, a, ctaid, grid, block, params, shared);
    if (!op.equals("st")) {
      t.regs.put(a[0], mask(result, registerWidth(a[0])));
    }
    t.pc++;
  }

  private long execute(Thread t, Ins ins, String[] parts, String op, String type, String[] a,
      int ctaid, int grid, int block, Map<String, Long> params, ByteBuffer shared) {
    int w = widthOf(type);
    java.util.function.IntFunction<Long> x = i -> operand(t, a[i], params, w);
    switch (op) {
      case "mov" -> {
        if (a[1].startsWith("%tid")) {
          return (long) t.tid;
        } else if (a[1].startsWith("%ntid")) {
          return (long) block;
        } else if (a[1].startsWith("%ctaid")) {
          return (long) ctaid;
        } else if (a[1].startsWith("%nctaid")) {
          return (long) grid;
        } else if (a[1].startsWith("{")) {
          String[] rs = a[1].substring(1, a[1].length() - 1).split(",\\s*");
          return (reg(t, rs[0]) & 0xFFFFFFFFL) | (reg(t, rs[1]) << 32);
        }
        return mask(x.apply(1), w);
      }
      case "ld" -> {
        String space = parts[1];
        if (space.equals("param")) {
          return address(t, a[1], params);
        }
        long addr = address(t, a[1], params);
        long bits = 0;
        int bytes = Math.max(1, w / 8);
        for (int b = 0; b < bytes; b++) {
          byte v = space.equals("shared") ? shared.get((int) (addr - SHARED) + b)
              : heap.get((int) (addr - BASE) + b);
          bits |= (v & 0xFFL) << (8 * b);
        }
        return type.startsWith("s") ? signed(bits, type) : bits;
      }
      case "st" -> {
        long addr = address(t, a[0], params);
        long v = operand(t, a[1], params, 64);
        for (int b = 0; b < Math.max(1, w / 8); b++) {
          if (parts[1].equals("shared")) {
            shared.put((int) (addr - SHARED) + b, (byte) (v >>> (8 * b)));
          } else {
            heap.put((int) (addr - BASE) + b, (byte) (v >>> (8 * b)));
          }
        }
        return 0;
      }
      case "cvta" -> {
        return x.apply(1);
      }
      default -> {
        return PtxInterpreterOps.compute(parts, type, a, x);
      }
    }
  }

  static double fp(long bits, String type) {
    return f(bits, type);
  }

  static long fbits(double v, String type) {
    return bitsOf(v, type);
  }

  static long sgn(long v, String type) {
    return signed(v, type);
  }

  static long msk(long v, int width) {
    return mask(v, width);
  }

  static int width(String type) {
    return widthOf(type);
  }
}
