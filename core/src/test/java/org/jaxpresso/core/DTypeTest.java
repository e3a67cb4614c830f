package org.jaxpresso.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DTypeTest {
  @AfterEach
  void reset() {
    Flags.resetX64();
  }

  @Test
  void namesAreJaxs() {
    String[][] expected = {
      {"bool", "bool"}, {"int8", "i8"}, {"int16", "i16"}, {"int32", "i32"}, {"int64", "i64"},
      {"uint8", "u8"}, {"uint16", "u16"}, {"uint32", "u32"}, {"uint64", "u64"},
      {"bfloat16", "bf16"}, {"float16", "f16"}, {"float32", "f32"}, {"float64", "f64"},
    };
    DType[] all = DType.values();
    assertEquals(13, all.length);
    for (int i = 0; i < all.length; i++) {
      assertEquals(expected[i][0], all[i].longName());
      assertEquals(expected[i][0], all[i].toString());
      assertEquals(expected[i][1], all[i].shortName());
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void fromNameAcceptsLongShortAndEnumNames(DType d) {
    assertEquals(d, DType.fromName(d.longName()));
    assertEquals(d, DType.fromName(d.shortName()));
    assertEquals(d, DType.fromName(d.name()));
  }

  @Test
  void unknownNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.fromName("complex64"));
    assertEquals("data type 'complex64' not understood", e.getMessage());
  }

  @Test
  void kinds() {
    assertTrue(DType.BFLOAT16.isFloating());
    assertTrue(DType.UINT8.isInteger() && DType.UINT8.isUnsigned() && !DType.UINT8.isSigned());
    assertTrue(DType.INT8.isSignedInteger());
    assertTrue(DType.BOOL.isBool() && !DType.BOOL.isInteger());
    assertEquals(2, DType.FLOAT16.itemSize());
    assertEquals(8, DType.UINT64.itemSize());
  }

  @Test
  void x64OffCanonicalizes64BitTypes() {
    assertEquals(DType.INT32, DType.INT64.canonical());
    assertEquals(DType.UINT32, DType.UINT64.canonical());
    assertEquals(DType.FLOAT32, DType.FLOAT64.canonical());
    assertEquals(DType.INT16, DType.INT16.canonical());
    assertEquals(DType.INT32, DType.defaultInt());
    assertEquals(DType.FLOAT32, DType.defaultFloat());
    assertFalse(Flags.x64Enabled());
    Flags.setX64(true);
    assertEquals(DType.INT64, DType.INT64.canonical());
    assertEquals(DType.FLOAT64, DType.defaultFloat());
    assertEquals(DType.UINT64, DType.defaultUint());
  }
}
