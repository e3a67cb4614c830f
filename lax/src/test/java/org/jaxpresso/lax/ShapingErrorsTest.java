package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.primitives.Shaping;
import org.jaxpresso.lax.primitives.Slicing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error path of the shaping and slicing primitives, with JAX's exact messages. */
class ShapingErrorsTest {
  static Array f32(int... shape) {
    return Array.fromDoubles(DType.FLOAT32, new double[(int) org.jaxpresso.core.Shape.of(shape)
        .size()], shape);
  }

  static Array i32(int... shape) {
    return Array.fromLongs(DType.INT32, new long[(int) org.jaxpresso.core.Shape.of(shape)
        .size()], shape);
  }

  static Array idx(long v, DType d) {
    return Array.scalar(v, d);
  }

  static Arguments err(Class<? extends RuntimeException> type, String message,
      Supplier<NDArray> f) {
    return Arguments.of(message, type, f);
  }

  static Stream<Arguments> cases() {
    Params none = Params.EMPTY;
    return Stream.of(
        // broadcast_in_dim
        err(JaxTypeError.class, "broadcast_in_dim operand dimension sizes must either be 1, or be"
            + " equal to their corresponding dimensions in the target broadcast shape; got"
            + " operand of shape (3,), target broadcast shape (2, 4), broadcast_dimensions (1,) ",
            () -> Lax.broadcastInDim(f32(3), new int[] {2, 4}, new int[] {1})),
        err(JaxTypeError.class, "broadcast_in_dim broadcast_dimensions must have length equal to"
            + " operand ndim; got broadcast_dimensions () for operand ndim 1.",
            () -> Lax.broadcastInDim(f32(3), new int[] {3}, new int[] {})),
        err(JaxTypeError.class, "broadcast_in_dim target broadcast shape must have equal or"
            + " higher rank to the operand shape; got operand ndim 2 and target broadcast ndim 1.",
            () -> Lax.broadcastInDim(f32(2, 3), new int[] {3}, new int[] {0, 1})),
        err(JaxTypeError.class, "broadcast_in_dim broadcast_dimensions must be a subset of output"
            + " dimensions, got (1,) for operand ndim 1 and shape (3,).",
            () -> Lax.broadcastInDim(f32(3), new int[] {3}, new int[] {1})),
        err(JaxTypeError.class, "broadcast_in_dim broadcast_dimensions must be strictly"
            + " increasing; got broadcast_dimensions (1, 0)",
            () -> Lax.broadcastInDim(f32(1, 1), new int[] {2, 2}, new int[] {1, 0})),
        err(JaxTypeError.class, "broadcast_in_dim shape must have every element be nonnegative,"
            + " got (-1,).", () -> Lax.broadcastInDim(1.0f, new int[] {-1}, new int[] {})),
        // transpose
        err(JaxTypeError.class, "transpose permutation isn't a permutation of operand dimensions,"
            + " got permutation (0, 0) for operand shape (2, 3).",
            () -> Lax.transpose(f32(2, 3), 0, 0)),
        err(JaxTypeError.class, "transpose permutation isn't a permutation of operand dimensions,"
            + " got permutation (0,) for operand shape (2, 3).", () -> Lax.transpose(f32(2, 3), 0)),
        // reshape
        err(JaxTypeError.class, "reshape total size must be unchanged, got new_sizes (4, 2) for"
            + " shape (6,).", () -> Lax.reshape(f32(6), new int[] {4, 2})),
        err(JaxTypeError.class, "reshape new_sizes must all be positive, got (-2, -3).",
            () -> Lax.reshape(f32(6), new int[] {-2, -3})),
        err(JaxTypeError.class, "reshape dimensions must be a permutation of operand dimensions,"
            + " got dimensions (1, 1) for shape (2, 3).",
            () -> Lax.reshape(f32(2, 3), new int[] {6}, new int[] {1, 1})),
        // squeeze and expand_dims
        err(JaxValueError.class, "cannot select an axis to squeeze out which has size not equal to"
            + " one, got shape=(2, 1) and dimensions=(0,)", () -> Lax.squeeze(f32(2, 1), 0)),
        err(JaxValueError.class, "dimensions are not unique: (1, 1)",
            () -> Lax.squeeze(f32(2, 1), 1, -1)),
        err(JaxValueError.class, "dimensions outside range [0, ndim): (2,)",
            () -> Shaping.SQUEEZE.bind1(Params.of("dimensions", new int[] {2}), f32(2, 1))),
        err(JaxValueError.class, "axis 2 is out of bounds for array of dimension 2",
            () -> Lax.squeeze(f32(2, 1), 2)),
        err(JaxValueError.class, "repeated axis in lax.expand_dims: (0, 0)",
            () -> Lax.expandDims(f32(2), 0, 0)),
        err(JaxValueError.class, "repeated axis in lax.expand_dims: (1, 1)",
            () -> Lax.expandDims(f32(2), 1, -2)),
        err(JaxValueError.class, "axis 3 is out of bounds for array of dimension 2",
            () -> Lax.expandDims(f32(2), 3)),
        // rev
        err(JaxTypeError.class, "rev dimensions must be unique, got (0, 0).",
            () -> Lax.rev(f32(2), 0, 0)),
        err(JaxTypeError.class, "rev dimensions must all be less than operand ndim, got dimension"
            + " 3 for operand ndim 2.", () -> Lax.rev(f32(2, 2), 0, 3)),
        err(JaxTypeError.class, "rev dimensions must have every element be nonnegative, got"
            + " (-1,).", () -> Lax.rev(f32(2), -1)),
        // concatenate
        err(JaxTypeError.class, "Cannot concatenate arrays with shapes that differ in dimensions"
            + " other than the one being concatenated: concatenating along dimension 0 for"
            + " shapes (2, 3), (2, 4).", () -> Lax.concatenate(0, f32(2, 3), f32(2, 4))),
        err(JaxTypeError.class, "Cannot concatenate arrays with different numbers of dimensions:"
            + " got (2, 3), (3,).", () -> Lax.concatenate(0, f32(2, 3), f32(3))),
        err(JaxTypeError.class, "concatenate dimension out of bounds: dimension 2 for shapes"
            + " (2, 3), (2, 3).", () -> Lax.concatenate(2, f32(2, 3), f32(2, 3))),
        err(JaxTypeError.class, "lax.concatenate requires arguments to have the same dtypes, got"
            + " float32, int32. (Tip: jnp.concatenate is a similar function that does automatic"
            + " type promotion on inputs).", () -> Lax.concatenate(0, f32(2), i32(2))),
        err(JaxTypeError.class, "concatenate expects at least one operand, got 0.",
            () -> Shaping.CONCATENATE.bind(List.of(), Params.of("dimension", 0)).get(0)),
        err(JaxValueError.class, "concatenate requires a non-empty sequences of arrays",
            () -> Lax.concatenate(List.of(), 0)),
        // pad
        err(JaxTypeError.class, "pad operand and padding_value must be same dtype: got float32"
            + " and int32.", () -> Lax.pad(f32(2), 0, new int[][] {{1, 1, 0}})),
        err(JaxValueError.class, "padding_value must be a scalar; got"
            + " np.shape(padding_value)=(2,)", () -> Lax.pad(f32(2), f32(2),
                new int[][] {{1, 1, 0}})),
        err(JaxValueError.class, "length of padding_config must equal the number of axes of"
            + " operand, got padding_config ((1, 1, 0),) for operand shape (2, 2)",
            () -> Lax.pad(f32(2, 2), 0f, new int[][] {{1, 1, 0}})),
        err(JaxValueError.class, "interior padding in padding_config must be nonnegative, got"
            + " padding_config ((1, 1, -1),)", () -> Lax.pad(f32(2), 0f,
                new int[][] {{1, 1, -1}})),
        err(JaxValueError.class, "Dimension size after padding is not at least 0, got result"
            + " shape (-1,), for padding_config ((-2, -1, 0),) and operand shape (2,)",
            () -> Lax.pad(f32(2), 0f, new int[][] {{-2, -1, 0}})),
        // iota
        err(JaxTypeError.class, "iota does not accept dtype bool. Accepted dtypes are subtypes of"
            + " integer, floating, complexfloating.", () -> Lax.iota(DType.BOOL, 3)),
        err(JaxValueError.class, "iota dimension must be between 0 and len(shape), got"
            + " dimension=2 for shape=(2, 3)",
            () -> Lax.broadcastedIota(DType.INT32, new int[] {2, 3}, 2)),
        err(JaxTypeError.class, "iota shape must have every element be nonnegative, got (-3,).",
            () -> Lax.iota(DType.INT32, -3)),
        // slice
        err(JaxTypeError.class, "slice start_indices must have length equal to the number of"
            + " dimensions of the operand, got indices (0,) for operand shape (4, 3).",
            () -> Lax.slice(f32(4, 3), new int[] {0}, new int[] {1})),
        err(JaxTypeError.class, "slice limit_indices must have the same length as start_indices,"
            + " got start_indices (0, 0) and limit_indices (1,).",
            () -> Lax.slice(f32(4, 3), new int[] {0, 0}, new int[] {1})),
        err(JaxTypeError.class, "slice limit_indices must be less than or equal to operand shape,"
            + " got limit_indices (5, 3) for operand shape (4, 3).",
            () -> Lax.slice(f32(4, 3), new int[] {0, 0}, new int[] {5, 3})),
        err(JaxTypeError.class, "slice start_indices must have every element be nonnegative, got"
            + " (-1,).", () -> Lax.slice(f32(4), new int[] {-1}, new int[] {2})),
        err(JaxTypeError.class, "slice limit_indices must be greater than or equal to"
            + " start_indices, got start_indices (3,) and limit_indices (2,).",
            () -> Lax.slice(f32(4), new int[] {3}, new int[] {2})),
        err(JaxTypeError.class, "slice strides must have length equal to the number of dimensions"
            + " of the operand, got strides (1, 1) for operand shape (4,).",
            () -> Lax.slice(f32(4), new int[] {0}, new int[] {2}, new int[] {1, 1})),
        err(JaxTypeError.class, "slice strides must be positive, got (0,)",
            () -> Lax.slice(f32(4), new int[] {0}, new int[] {2}, new int[] {0})),
        err(JaxTypeError.class, "slice strides must have every element be nonnegative, got"
            + " (-1,).", () -> Lax.slice(f32(4), new int[] {0}, new int[] {2}, new int[] {-1})),
        // dynamic_slice
        err(JaxValueError.class, "Length of slice indices must match number of operand dimensions"
            + " (1 vs (2, 3))", () -> Lax.dynamicSlice(f32(2, 3), new Object[] {0},
                new int[] {1, 1})),
        err(JaxTypeError.class, "dynamic_slice start_indices must have length equal to the number"
            + " of dimensions of the operand, got indices [ShapedArray(int32[])] for operand"
            + " shape (2, 3).",
            () -> Slicing.DYNAMIC_SLICE.bind(List.of(f32(2, 3), idx(0, DType.INT32)),
                Params.of("slice_sizes", new int[] {1, 1})).get(0)),
        err(JaxTypeError.class, "dynamic_slice slice_sizes must have the same length as"
            + " start_indices, got start_indices length 1 and slice_sizes (1, 1).",
            () -> Lax.dynamicSlice(f32(5), new Object[] {0}, new int[] {1, 1})),
        err(JaxTypeError.class, "slice slice_sizes must be less than or equal to operand shape,"
            + " got slice_sizes (6,) for operand shape (5,).",
            () -> Lax.dynamicSlice(f32(5), new Object[] {0}, new int[] {6})),
        err(JaxTypeError.class, "slice slice_sizes must be greater than or equal to zero, got"
            + " slice_sizes of (-1,).", () -> Lax.dynamicSlice(f32(5), new Object[] {0},
                new int[] {-1})),
        err(JaxTypeError.class, "start_indices arguments to dynamic_slice must be scalars,  got"
            + " indices [ShapedArray(int32[2])]",
            () -> Lax.dynamicSlice(f32(5), new Object[] {i32(2)}, new int[] {1})),
        err(JaxTypeError.class, "index arguments to dynamic_slice must be integers of the same"
            + " type, got: float32", () -> Lax.dynamicSlice(f32(5), new Object[] {1.0f},
                new int[] {1})),
        err(JaxTypeError.class, "index arguments to dynamic_slice must be integers of the same"
            + " type, got: int32, int64", () -> Lax.dynamicSlice(f32(2, 2),
                new Object[] {1, idx(0, DType.INT64)}, new int[] {1, 1})),
        // dynamic_update_slice
        err(JaxTypeError.class, "dynamic_update_slice update must have the same rank as operand,"
            + " got update shape (2,) for operand shape (2, 3).",
            () -> Lax.dynamicUpdateSlice(f32(2, 3), f32(2), 0, 0)),
        err(JaxTypeError.class, "dynamic_update_slice start_indices must have length equal to the"
            + " rank of operand, got indices [ShapedArray(int32[])] for operand shape"
            + " (2, 3).",
            () -> Slicing.DYNAMIC_UPDATE_SLICE.bind(List.of(f32(2, 3), f32(1, 1),
                idx(0, DType.INT32)), none).get(0)),
        err(JaxTypeError.class, "dynamic_update_slice update shape must be smaller than operand"
            + " shape, got update shape (3,) for operand shape (2,).",
            () -> Lax.dynamicUpdateSlice(f32(2), f32(3), 0)),
        err(JaxTypeError.class, "lax.dynamic_update_slice requires arguments to have the same"
            + " dtypes, got float32, int32.", () -> Lax.dynamicUpdateSlice(f32(2), i32(1), 0)),
        err(JaxTypeError.class, "index arguments to dynamic_update_slice must be integers of the"
            + " same type, got float32", () -> Lax.dynamicUpdateSlice(f32(2), f32(1), 0.5f)),
        err(JaxTypeError.class, "start_indices arguments to dynamic_update_slice must be scalars,"
            + " got indices [ShapedArray(int32[1])]",
            () -> Lax.dynamicUpdateSlice(f32(2), f32(1), i32(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void raisesJaxError(String message, Class<? extends RuntimeException> type,
      Supplier<NDArray> f) {
    RuntimeException e = assertThrows(type, f::get);
    assertEquals(message, e.getMessage());
  }
}
