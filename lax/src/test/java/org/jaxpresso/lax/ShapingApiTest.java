package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.junit.jupiter.api.Test;

/** The Lax shaping methods: what they bind, printed params, weak types and wrapper logic. */
class ShapingApiTest {
  static Array arange(int n, int... shape) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Array.fromDoubles(DType.FLOAT32, v, shape.length == 0 ? new int[] {n} : shape);
  }

  static float[] values(NDArray a) {
    return ((Array) a).toFloatArray();
  }

  @Test
  void printedParamsMatchJax() {
    Array a = arange(12, 3, 4);
    assertEquals(List.of("reshape[dimensions=None new_sizes=(4, 3) sharding=None]"),
        ShapingRecordingTrace.record(() -> Lax.reshape(a, new int[] {4, 3})));
    assertEquals(List.of("transpose[permutation=(1, 0)]"),
        ShapingRecordingTrace.record(() -> Lax.transpose(a, 1, 0)));
    assertEquals(List.of("broadcast_in_dim[broadcast_dimensions=(0,)]"),
        ShapingRecordingTrace.record(() -> Lax.broadcastInDim(arange(3), new int[] {3, 1},
            new int[] {0})));
    assertEquals(List.of("broadcast_in_dim[]"),
        ShapingRecordingTrace.record(() -> Lax.broadcastInDim(0.0f, new int[] {2, 2},
            new int[0])));
    assertEquals(List.of("iota[dimension=0 dtype=int32 shape=(4,) sharding=None]"),
        ShapingRecordingTrace.record(() -> Lax.iota(DType.INT32, 4)));
    assertEquals(List.of("iota[dimension=1 dtype=float32 shape=(2, 3) sharding=None]"),
        ShapingRecordingTrace.record(() -> Lax.broadcastedIota(DType.FLOAT32, new int[] {2, 3},
            1)));
    assertEquals(List.of("squeeze[dimensions=(0, 2)]"),
        ShapingRecordingTrace.record(() -> Lax.squeeze(arange(3, 1, 3, 1), 0, -1)));
    assertEquals(List.of("rev[dimensions=(0,)]"),
        ShapingRecordingTrace.record(() -> Lax.rev(a, 0)));
    assertEquals(List.of("concatenate[dimension=0]"),
        ShapingRecordingTrace.record(() -> Lax.concatenate(0, arange(3), arange(3))));
    assertEquals(List.of("pad[padding_config=((1, 2, 1),)]"),
        ShapingRecordingTrace.record(() -> Lax.pad(arange(3), 0.0f, new int[][] {{1, 2, 1}})));
    assertEquals(List.of("slice[limit_indices=(3, 3) start_indices=(1, 0) strides=None]",
            "slice[limit_indices=(4, 3) start_indices=(0, 0) strides=(2, 1)]"),
        ShapingRecordingTrace.record(() -> List.of(
            Lax.slice(arange(12, 4, 3), new int[] {1, 0}, new int[] {3, 3}),
            Lax.slice(arange(12, 4, 3), new int[] {0, 0}, new int[] {4, 3}, new int[] {2, 1}))));
    assertEquals(List.of("dynamic_slice[slice_sizes=(2, 3)]", "dynamic_update_slice[]"),
        ShapingRecordingTrace.record(() -> List.of(
            Lax.dynamicSlice(arange(12, 4, 3), new Object[] {1, 0}, new int[] {2, 3}),
            Lax.dynamicUpdateSlice(arange(12, 4, 3), arange(3, 1, 3), 1, 0))));
  }

  @Test
  void expandDimsIsBroadcastInDim() {
    assertEquals(List.of("broadcast_in_dim[broadcast_dimensions=(1,)]"),
        ShapingRecordingTrace.record(() -> Lax.expandDims(arange(3), 0)));
    NDArray r = Lax.expandDims(arange(3), -1, 0);
    assertEquals(Shape.of(1, 3, 1), r.aval().shape());
    assertArrayEquals(new float[] {0, 1, 2}, values(r));
  }

  @Test
  void broadcastPrependsDimensions() {
    NDArray r = Lax.broadcast(arange(2), new int[] {3});
    assertEquals(Shape.of(3, 2), r.aval().shape());
    assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, values(r));
  }

  @Test
  void noOpCallsOnConcreteArraysReturnTheOperand() {
    Array a = arange(6, 2, 3);
    assertSame(a, Lax.transpose(a, 0, 1));
    assertSame(a, Lax.reshape(a, new int[] {2, 3}));
    assertSame(a, Lax.squeeze(a));
    assertSame(a, Lax.concatenate(List.of(a), 0));
    assertSame(a, Lax.reshape(a, new int[] {2, 3}, new int[] {0, 1}));
    assertEquals(List.of(), ShapingRecordingTrace.record(() -> Lax.transpose(a, 0, 1)));
  }

  @Test
  void reshapeWithDimensionsTransposesFirst() {
    assertEquals(List.of("reshape[dimensions=(1, 0) new_sizes=(6,) sharding=None]"),
        ShapingRecordingTrace.record(() -> Lax.reshape(arange(6, 2, 3), new int[] {6},
            new int[] {1, 0})));
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5},
        values(Lax.reshape(arange(6, 2, 3), new int[] {6}, new int[] {1, 0})));
  }

  @Test
  void sliceInDimSlicesOneAxis() {
    NDArray r = Lax.sliceInDim(arange(12, 3, 4), 1, -1, 1, 1);
    assertEquals(Shape.of(3, 2), r.aval().shape());
    assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10}, values(r));
  }

  @Test
  void dynamicSliceClampsAndWrapsAsInJaxNotes() {
    Array x = arange(5);
    assertArrayEquals(new float[] {3, 4}, values(Lax.dynamicSlice(x, new Object[] {4},
        new int[] {2})));
    assertArrayEquals(new float[] {3, 4}, values(Lax.dynamicSlice(x, new Object[] {-1},
        new int[] {2})));
    assertArrayEquals(new float[] {3, 4}, values(Lax.dynamicSlice(x,
        new Object[] {Array.scalar(-2, DType.INT64)}, new int[] {2})));
    assertArrayEquals(new float[] {0, 1}, values(Lax.dynamicSlice(x,
        new Object[] {Array.scalar(-9, DType.INT8)}, new int[] {2})));
    assertArrayEquals(new float[] {0, 1, 2, 9, 9}, values(Lax.dynamicUpdateSlice(x,
        Array.of(new float[] {9, 9}, 2), 4)));
    assertArrayEquals(new float[] {9, 9, 2, 3, 4}, values(Lax.dynamicUpdateSlice(x,
        Array.of(new float[] {9, 9}, 2), Array.scalar(-10, DType.INT32))));
  }

  @Test
  void weakTypesFollowJax() {
    assertTrue(Lax.broadcastInDim(1.0, new int[] {3}, new int[0]).weakType());
    NDArray weak = Lax.broadcastInDim(1.0, new int[] {4}, new int[0]);
    assertTrue(Lax.reshape(weak, new int[] {2, 2}).weakType());
    assertTrue(Lax.rev(weak, 0).weakType());
    assertTrue(Lax.slice(weak, new int[] {1}, new int[] {3}).weakType());
    assertTrue(Lax.dynamicSlice(weak, new Object[] {1}, new int[] {2}).weakType());
    assertTrue(Lax.concatenate(0, weak, weak).weakType());
    assertFalse(Lax.concatenate(0, weak, arange(2)).weakType());
    assertTrue(Lax.pad(weak, 0.0, new int[][] {{1, 1, 0}}).weakType());
    assertFalse(Lax.pad(weak, Array.scalar(0.0, DType.FLOAT32), new int[][] {{1, 1, 0}})
        .weakType());
    assertTrue(Lax.dynamicUpdateSlice(weak, Lax.broadcastInDim(2.0, new int[] {1}, new int[0]),
        1).weakType());
    assertFalse(Lax.dynamicUpdateSlice(arange(4), arange(1), 1).weakType());
    assertFalse(Lax.iota(DType.FLOAT32, 3).weakType());
  }

  @Test
  void iotaCanonicalizesItsDtype() {
    NDArray r = Lax.iota(DType.INT64, 3);
    assertEquals(DType.INT64.canonical(), r.dtype());
    assertArrayEquals(new long[] {0, 1, 2}, ((Array) r).toLongArray());
    NDArray b = Lax.broadcastedIota(DType.UINT8, new int[] {2, 3}, 0);
    assertArrayEquals(new long[] {0, 0, 0, 1, 1, 1}, ((Array) b).toLongArray());
  }

  @Test
  void zeroDAndEmptyShapes() {
    Array s = Array.scalar(7.0, DType.FLOAT64);
    assertEquals(Shape.of(1, 1), Lax.reshape(s, new int[] {1, 1}).aval().shape());
    assertEquals(Shape.of(2, 0, 3),
        Lax.broadcastInDim(s, new int[] {2, 0, 3}, new int[0]).aval().shape());
    assertArrayEquals(new double[] {7, 7, 7, 7},
        ((Array) Lax.broadcastInDim(s, new int[] {2, 2}, new int[0])).toDoubleArray());
    Array empty = Array.fromDoubles(DType.FLOAT64, new double[0], 0, 3);
    assertEquals(Shape.of(3, 0), Lax.transpose(empty, 1, 0).aval().shape());
    assertEquals(Shape.of(2, 3), Lax.pad(empty, s, new int[][] {{1, 1, 0}, {0, 0, 0}}).aval()
        .shape());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1},
        ((Array) Lax.pad(empty, Array.scalar(1.0, DType.FLOAT64),
            new int[][] {{1, 1, 0}, {0, 0, 0}})).toDoubleArray());
  }
}
