package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.gpu.GpuCodegen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole programs through the compiler (passes, fusion, kernel IR) and the GPU code generator,
 * every generated kernel assembled by ptxas for sm_90: fused elementwise chains, reductions with
 * epilogues, arg-reductions, index maps (transpose, reshape, reverse, slice, pad, iota), and
 * library kernels left to cuBLAS or the host.
 */
public class PtxProgramTest {
  private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16,
      DType.BFLOAT16};

  /** A named program of one matrix argument in a dtype. */
  public record Case(String name, java.util.function.BiFunction<NDArray, DType, Object> fn) {}

  /** The programs. */
  public static List<Case> cases() {
    return List.of(
        new Case("w1", (x, d) -> Lax.tanh(Lax.add(Lax.mul(x, x), Lax.exp(x)))),
        new Case("softmax", (x, d) -> {
          NDArray m = Lax.reduceMax(x, 1);
          NDArray e = Lax.exp(Lax.sub(x, Lax.broadcastInDim(m, new int[] {6, 10},
              new int[] {0})));
          NDArray s = Lax.reduceSum(e, 1);
          return Lax.div(e, Lax.broadcastInDim(s, new int[] {6, 10}, new int[] {0}));
        }),
        new Case("norm", (x, d) -> Lax.sqrt(Lax.reduceSum(Lax.mul(x, x), 1))),
        new Case("total", (x, d) -> Lax.reduceSum(x, 0, 1)),
        new Case("argmax", (x, d) -> List.of(Lax.argmax(x, 0, DType.INT32),
            Lax.argmax(x, 1, DType.INT32))),
        new Case("shapes", (x, d) -> Lax.add(Lax.reshape(Lax.transpose(x, 1, 0), new int[] {6, 10}),
            Lax.rev(x, 0, 1))),
        new Case("pad_slice", (x, d) -> Lax.pad(Lax.slice(x, new int[] {1, 2}, new int[] {5, 10},
            new int[] {2, 3}), Array.scalar(0.0, d), new int[][] {{1, 2, 1}, {0, 1, 0}})),
        new Case("iota", (x, d) -> {
          // convert_element_type canonicalizes float64 to float32 with x64 off: follow it.
          NDArray io = Lax.convertElementType(Lax.iota(DType.INT32, 10), d);
          return Lax.add(Lax.convertElementType(x, io.dtype()), Lax.broadcastInDim(io,
              new int[] {6, 10}, new int[] {1}));
        }),
        new Case("special", (x, d) -> Lax.add(Lax.lgamma(Lax.logistic(x)), Lax.rem(x,
            Lax.integerPow(x, 3)))),
        new Case("mlp", (x, d) -> Lax.max(Lax.dot(x, Lax.transpose(x, 1, 0)), Array.scalar(0.0,
            d))));
  }

  private static Array input(DType d) {
    return PtxTestPrograms.matrix(d);
  }

  static CompiledProgram compile(Case c, DType d, Dump dump) {
    ClosedJaxpr jaxpr = Jax.makeJaxpr((NDArray x) -> c.fn().apply(x, d)).apply(input(d));
    return Compiler.compile(jaxpr, c.name(), dump);
  }

  @Test
  void everyKernelOfEveryProgramAssembles() {
    int kernels = 0;
    int library = 0;
    for (DType d : FLOATS) {
      for (Case c : cases()) {
        CompiledProgram p = compile(c, d, Dump.none());
        List<PtxKernel> ptx = GpuCodegen.generate(p, Dump.none());
        assertEquals(p.kernels().kernels().size(), ptx.size());
        List<PtxKernel> real = new ArrayList<>(ptx.stream().filter(Objects::nonNull).toList());
        library += ptx.size() - real.size();
        kernels += real.size();
        if (!real.isEmpty()) {
          PtxasAssumptions.assertAssembles(real, c.name() + " on " + d + "\n" + p.kernels());
        }
      }
    }
    assertTrue(library >= FLOATS.length, "the matrix products stay library kernels");
    System.out.println("programs: " + kernels + " kernels assembled, " + library
        + " library kernels");
  }

  @Test
  void reductionsUseSharedMemoryAndShuffles() {
    CompiledProgram p = compile(cases().get(2), DType.FLOAT32, Dump.none());
    PtxKernel k = GpuCodegen.generate(p, Dump.none()).stream().filter(Objects::nonNull)
        .filter(PtxKernel::reduction).findFirst().orElseThrow();
    assertTrue(k.ptx().contains("shfl.sync.bfly.b32"), k.ptx());
    assertTrue(k.ptx().contains(".shared .align 8 .b64 red_smem"), k.ptx());
    assertEquals(6, k.gridLimit());
    assertEquals(6, k.blocks(1000));
    assertEquals(2, k.blocks(2));
  }

  @Test
  void largeReductionsToFewOutputsSplitIntoTwoPasses() {
    Array big = Array.fromDoubles(DType.FLOAT32, new double[400_000], 100_000, 4);
    CompiledProgram p = Compiler.compile(Jax.makeJaxpr((NDArray x) -> List.of(
        Lax.reduceSum(x, 0, 1), Lax.argmax(x, 0, DType.INT32), Lax.div(Lax.reduceMax(x, 0),
        Lax.reduceSum(x, 0)))).apply(big), "split", Dump.none());
    List<PtxKernel> ks = GpuCodegen.generate(p, Dump.none()).stream()
        .filter(Objects::nonNull).toList();
    assertTrue(ks.stream().allMatch(k -> !k.reduction() || k.splits() > 1), ks.toString());
    PtxKernel total = ks.get(0);
    assertTrue(total.ptx().contains(".entry " + total.partialEntry() + "("));
    assertTrue(total.scratchBytes() >= 16L * total.splits());
    assertEquals(Math.min(1024, 400_000 / 16384), ks.stream().filter(k -> k.gridLimit() == 1)
        .findFirst().orElseThrow().splits());
    PtxasAssumptions.assertAssembles(ks, "two-pass reductions\n" + p.kernels());
  }

  @Test
  void integerPrograms() {
    List<PtxKernel> all = new ArrayList<>();
    for (DType d : List.of(DType.INT32, DType.UINT8, DType.INT64, DType.UINT32, DType.INT16)) {
      CompiledProgram p = Compiler.compile(Jax.makeJaxpr((NDArray x) -> List.of(
          Lax.reduceSum(Lax.mul(x, x), 1), Lax.argmax(x, 1, DType.INT32),
          Lax.rem(Lax.rev(x, 1), Lax.add(x, Array.scalar(1L, d))), Lax.reduceMax(x, 0)))
          .apply(input(d)), "ints_" + d.shortName(), Dump.none());
      for (PtxKernel k : GpuCodegen.generate(p, Dump.none())) {
        if (k != null) {
          all.add(rename(k, d.shortName()));
        }
      }
    }
    PtxasAssumptions.assertAssembles(all, "integer programs");
  }

  private static PtxKernel rename(PtxKernel k, String suffix) {
    String entry = k.entry() + "_" + suffix;
    return new PtxKernel(entry, k.ptx().replace(".entry " + k.entry() + "(", ".entry " + entry
        + "("), k.blockSize(), k.gridLimit(), k.reduction(), k.splits(), k.scratchBytes());
  }

  @Test
  void dumpWritesOnePtxFilePerKernel(@TempDir Path dir) throws IOException {
    CompiledProgram p = compile(cases().get(1), DType.FLOAT32, Dump.into(dir));
    GpuCodegen.generate(p, Dump.into(dir));
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("40-kernel"))
          .sorted().toList();
    }
    long expected = p.kernels().kernels().stream().filter(k -> k.kind() != Kernel.Kind.LIBRARY)
        .count();
    assertEquals(expected, names.size(), names.toString());
    assertTrue(names.get(0).endsWith(".ptx"));
    assertTrue(Files.readString(dir.resolve(names.get(0))).contains(".target sm_90"));
    assertTrue(Files.exists(dir.resolve("20-kernels.kir")));
  }
}
