package org.jaxpresso.runtime.gpu;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs this module's test suite without Maven (the device machine has only a Java
 * runtime): prints JUnit's summary and every failure, and exits 1 if anything failed, 3 if the
 * GPU tests were skipped because no GPU was found.
 */
public final class GpuTestMain {
  private GpuTestMain() {}

  /** Runs the module's test classes ({@code --gpu-only}: those that need a GPU). */
  public static void main(String[] args) {
    // Classes named one by one: the device's small Java runtime has no jar file system, which
    // JUnit's package scanning needs. With --gpu-only, only the tests that need a GPU (the rest
    // run in every build) so that device time goes to the GPU.
    boolean gpuOnly = java.util.Arrays.asList(args).contains("--gpu-only");
    var selectors = gpuOnly
        ? List.of(selectClass(GpuRuntimeTest.class), selectClass(CudaDeviceArrayTest.class),
            selectClass(CudaControlFlowTest.class), selectClass(GpuConformanceTest.class),
            selectClass(org.jaxpresso.runtime.gpu.cuda.CudaLibrariesTest.class))
        : List.of(selectClass(GpuRuntimeTest.class), selectClass(CudaDeviceArrayTest.class),
            selectClass(CudaControlFlowTest.class), selectClass(GpuConformanceTest.class),
            selectClass(SimulatedControlFlowTest.class),
            selectClass(SimulatedDeviceArrayTest.class), selectClass(DevicePoolTest.class),
            selectClass(ModuleCacheTest.class),
            selectClass("org.jaxpresso.runtime.gpu.ptx.GpuLoweringTest"),
            selectClass(org.jaxpresso.runtime.gpu.ptx.MathLibraryTest.class),
            selectClass(org.jaxpresso.runtime.gpu.ptx.PtxOpCoverageTest.class),
            selectClass(org.jaxpresso.runtime.gpu.ptx.PtxProgramTest.class),
            selectClass(org.jaxpresso.runtime.gpu.ptx.PtxInterpreterTest.class),
            selectClass(org.jaxpresso.runtime.gpu.cuda.CudaLibrariesTest.class));
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    s.printTo(out);
    s.printFailuresTo(out, 40);
    String why = GpuRuntime.unavailableReason();
    out.println(why == null ? "GPU: " + GpuRuntime.get().orElseThrow().deviceName()
        : "GPU tests skipped: " + why);
    if (s.getTotalFailureCount() > 0 || s.getTestsFoundCount() == 0) {
      System.exit(1);
    }
    System.exit(GpuRuntime.get().isPresent() ? 0 : 3);
  }
}
