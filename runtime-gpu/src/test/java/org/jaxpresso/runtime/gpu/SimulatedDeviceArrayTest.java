package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.runtime.gpu.ptx.SimulatedDeviceApi;
import org.junit.jupiter.api.Test;

/**
 * The device-array contract on a simulated device (host memory, kernels run by the PTX
 * interpreter, products in Java), plus what only the simulation can observe: which products
 * were issued with which precision.
 */
class SimulatedDeviceArrayTest extends DeviceArrayContract {
  private static final SimulatedDeviceApi API = new SimulatedDeviceApi(8 << 20);
  private static final GpuDevice GPU = new GpuDevice(API, new Device("cuda", 0));

  @Override
  GpuDevice gpu() {
    return GPU;
  }

  @Test
  void precisionDecidesTf32AsJaxDoes() {
    Array a = Jax.devicePut(Array.fromDoubles(DType.FLOAT32, ramp(12, 0.1), 3, 4),
        gpu().device());
    Array b = Jax.devicePut(Array.fromDoubles(DType.FLOAT32, ramp(8, 0.2), 4, 2),
        gpu().device());
    DotDimensionNumbers dn = DotDimensionNumbers.of(new int[] {1}, new int[] {0});
    for (Precision p : new Precision[] {null, Precision.DEFAULT, Precision.HIGH,
        Precision.HIGHEST}) {
      int before = API.gemms().size();
      Jax.jit((NDArray u, NDArray v) -> Lax.dotGeneral(u, v, dn, p, null)).apply(a, b);
      List<org.jaxpresso.runtime.gpu.DeviceApi.Gemm> g = API.gemms();
      assertEquals(before + 1, g.size());
      assertEquals(p != Precision.HIGHEST, g.get(g.size() - 1).tf32(), String.valueOf(p));
    }
    // float64 never uses TF32.
    Array c = Jax.devicePut(Array.fromDoubles(DType.FLOAT64, ramp(4, 0.1), 2, 2),
        gpu().device());
    Jax.jit((NDArray u) -> Lax.dotGeneral(u, u, dn)).apply(c);
    List<org.jaxpresso.runtime.gpu.DeviceApi.Gemm> g = API.gemms();
    assertTrue(g.get(g.size() - 1).f64());
    assertFalse(g.get(g.size() - 1).tf32());
  }

  @Test
  void batchedProductsAreOneGemmAndOtherLayoutsAreRewritten() {
    Array a = Array.fromDoubles(DType.FLOAT32, ramp(2 * 4 * 3, 0.1), 2, 4, 3);
    Array b = Array.fromDoubles(DType.FLOAT32, ramp(5 * 2 * 4, 0.3), 5, 2, 4);
    // lhs batch 0, contracting 1 (stored transposed); rhs batch 1, contracting 2: rewritten.
    DotDimensionNumbers dn = new DotDimensionNumbers(new int[] {1}, new int[] {2},
        new int[] {0}, new int[] {1});
    Array want = (Array) onReference(() -> Lax.dotGeneral(a, b, dn, Precision.HIGHEST, null));
    int before = API.gemms().size();
    int launches = API.launches();
    Array got = (Array) Jax.jit((NDArray u, NDArray v) -> Lax.dotGeneral(u, v, dn,
        Precision.HIGHEST, null)).apply(Jax.devicePut(a, gpu().device()),
        Jax.devicePut(b, gpu().device()));
    assertClose(want.toFloatArray(), got.toFloatArray(), 1e-6);
    List<org.jaxpresso.runtime.gpu.DeviceApi.Gemm> g = API.gemms();
    assertEquals(before + 1, g.size(), "one batched product");
    assertEquals(2, g.get(g.size() - 1).batch());
    assertTrue(API.launches() > launches, "the layout change ran as a generated kernel");
  }

  @Test
  void convolutionRunsAsIm2colAndGemm() {
    Array x = Array.fromDoubles(DType.FLOAT32, ramp(1 * 4 * 5 * 5, 0.01), 1, 4, 5, 5);
    Array w = Array.fromDoubles(DType.FLOAT32, ramp(6 * 2 * 3 * 3, -0.02), 6, 2, 3, 3);
    var opts = org.jaxpresso.lax.ConvOptions.defaults().featureGroupCount(2)
        .precision(Precision.HIGHEST);
    var pad = org.jaxpresso.lax.Padding.of(new int[][] {{1, 1}, {0, 2}});
    Array want = (Array) onReference(() -> Lax.convGeneralDilated(x, w, new int[] {2, 1}, pad,
        opts));
    int before = API.gemms().size();
    Array got = (Array) Jax.jit((NDArray u, NDArray v) -> Lax.convGeneralDilated(u, v,
        new int[] {2, 1}, pad, opts)).apply(Jax.devicePut(x, gpu().device()),
        Jax.devicePut(w, gpu().device()));
    assertClose(want.toFloatArray(), got.toFloatArray(), 1e-5);
    assertEquals(before + 1, API.gemms().size());
    assertEquals(2, API.gemms().get(API.gemms().size() - 1).batch(), "one product per group");
  }

  @Test
  void anMlpTrainingStepRunsOnTheDeviceWithoutHostFallbacks() {
    int[] sizes = {6, 5, 4, 3};
    List<NDArray> params = new java.util.ArrayList<>();
    for (int l = 0; l < 3; l++) {
      params.add(Array.fromDoubles(DType.FLOAT32, ramp(sizes[l] * sizes[l + 1], 0.01),
          sizes[l], sizes[l + 1]));
      params.add(Array.fromDoubles(DType.FLOAT32, ramp(sizes[l + 1], 0.02), sizes[l + 1]));
    }
    Array x = Array.fromDoubles(DType.FLOAT32, ramp(4 * 6, 0.03), 4, 6);
    Array y = Array.fromDoubles(DType.FLOAT32, ramp(4 * 3, -0.01), 4, 3);
    org.jaxpresso.Function3<List<NDArray>, NDArray, NDArray, List<NDArray>> step = Jax.jit(
        (List<NDArray> ps, NDArray xs, NDArray ys) -> {
          List<NDArray> grads = Jax.grad((List<NDArray> p) -> loss(p, xs, ys)).apply(ps);
          List<NDArray> out = new java.util.ArrayList<>();
          for (int i = 0; i < ps.size(); i++) {
            out.add(Lax.sub(ps.get(i), Lax.mul(grads.get(i), 0.1f)));
          }
          return out;
        });
    List<NDArray> want = onReference(() -> step.apply(params, x, y));
    List<NDArray> ps = Jax.devicePut(params, gpu().device());
    Array xd = Jax.devicePut(x, gpu().device());
    Array yd = Jax.devicePut(y, gpu().device());
    step.apply(ps, xd, yd);
    int gemms = API.gemms().size();
    GpuDevice.Transfers t0 = gpu().transfers();
    List<NDArray> got = step.apply(ps, xd, yd);
    assertEquals(new GpuDevice.Transfers(0, 0, 0, 0), since(t0),
        "no host fallback: nothing copied during a compiled step");
    assertEquals(8, API.gemms().size() - gemms,
        "3 forward, 3 weight-gradient and 2 activation-gradient products, all as GEMMs");
    for (int i = 0; i < want.size(); i++) {
      assertEquals(gpu().device(), ((Array) got.get(i)).device());
      assertClose(want.get(i).toFloatArray(), got.get(i).toFloatArray(), 1e-2);
    }
  }

  private static NDArray loss(List<NDArray> p, NDArray x, NDArray y) {
    NDArray h = x;
    for (int l = 0; l < 3; l++) {
      NDArray w = p.get(2 * l);
      int rows = h.aval().shape().dim(0);
      int cols = w.aval().shape().dim(1);
      h = Lax.add(Lax.dot(h, w), Lax.broadcastInDim(p.get(2 * l + 1), new int[] {rows, cols},
          new int[] {1}));
      if (l < 2) {
        h = Lax.max(h, 0.0f);
      }
    }
    NDArray d = Lax.sub(h, y);
    return Lax.div(Lax.reduceSum(Lax.mul(d, d), 0, 1), 4f);
  }
}
