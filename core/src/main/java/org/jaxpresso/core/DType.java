package org.jaxpresso.core;

import java.util.Locale;

/**
 * The element types of jaxpresso arrays, with JAX's long names ({@code float32}) and short
 * names ({@code f32}, as jaxprs print them).
 *
 * <p>With x64 disabled (the default, see {@link Flags#x64Enabled()}), requests for 64-bit types
 * are canonicalized to their 32-bit counterparts, exactly as JAX does: see {@link #canonical()}.
 *
 * <pre>{@code
 * DType.fromName("f32") == DType.FLOAT32;
 * DType.FLOAT32.shortName();   // "f32"
 * DType.BFLOAT16.toString();   // "bfloat16"
 * }</pre>
 */
public enum DType {
  /** Boolean, stored one byte per element (0 or 1). */
  BOOL("bool", "bool", 8, Kind.BOOL),
  /** Signed 8-bit integer. */
  INT8("int8", "i8", 8, Kind.SIGNED),
  /** Signed 16-bit integer. */
  INT16("int16", "i16", 16, Kind.SIGNED),
  /** Signed 32-bit integer; the default integer type. */
  INT32("int32", "i32", 32, Kind.SIGNED),
  /** Signed 64-bit integer (needs x64). */
  INT64("int64", "i64", 64, Kind.SIGNED),
  /** Unsigned 8-bit integer. */
  UINT8("uint8", "u8", 8, Kind.UNSIGNED),
  /** Unsigned 16-bit integer. */
  UINT16("uint16", "u16", 16, Kind.UNSIGNED),
  /** Unsigned 32-bit integer. */
  UINT32("uint32", "u32", 32, Kind.UNSIGNED),
  /** Unsigned 64-bit integer (needs x64). */
  UINT64("uint64", "u64", 64, Kind.UNSIGNED),
  /** Brain floating point: 8 exponent bits, 7 mantissa bits. */
  BFLOAT16("bfloat16", "bf16", 16, Kind.FLOAT),
  /** IEEE half precision. */
  FLOAT16("float16", "f16", 16, Kind.FLOAT),
  /** IEEE single precision; the default floating type. */
  FLOAT32("float32", "f32", 32, Kind.FLOAT),
  /** IEEE double precision (needs x64). */
  FLOAT64("float64", "f64", 64, Kind.FLOAT);

  /** The broad class of a dtype. */
  public enum Kind {
    /** bool */
    BOOL,
    /** signed integers */
    SIGNED,
    /** unsigned integers */
    UNSIGNED,
    /** floating point */
    FLOAT
  }

  private final String longName;
  private final String shortName;
  private final int bits;
  private final Kind kind;

  DType(String longName, String shortName, int bits, Kind kind) {
    this.longName = longName;
    this.shortName = shortName;
    this.bits = bits;
    this.kind = kind;
  }

  /**
   * JAX's name, e.g. {@code float32}.
   *
   * @return JAX's name, e.g. {@code float32}
   */
  public String longName() {
    return longName;
  }

  /**
   * The name jaxprs print, e.g. {@code f32}, {@code bf16}, {@code bool}.
   *
   * @return the name jaxprs print, e.g. {@code f32}, {@code bf16}, {@code bool}
   */
  public String shortName() {
    return shortName;
  }

  /**
   * Width of one element in bits (bool counts 8).
   *
   * @return width of one element in bits (bool counts 8)
   */
  public int bits() {
    return bits;
  }

  /**
   * Width of one element in bytes.
   *
   * @return width of one element in bytes
   */
  public int itemSize() {
    return bits / 8;
  }

  /**
   * The broad class: bool, signed, unsigned or float.
   *
   * @return the broad class: bool, signed, unsigned or float
   */
  public Kind kind() {
    return kind;
  }

  /**
   * True for bfloat16, float16, float32, float64.
   *
   * @return {@code true} for bfloat16, float16, float32, float64
   */
  public boolean isFloating() {
    return kind == Kind.FLOAT;
  }

  /**
   * True for signed and unsigned integers (not bool).
   *
   * @return {@code true} for signed and unsigned integers (not bool)
   */
  public boolean isInteger() {
    return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
  }

  /**
   * True for the signed integers.
   *
   * @return {@code true} for the signed integers
   */
  public boolean isSignedInteger() {
    return kind == Kind.SIGNED;
  }

  /**
   * True for the unsigned integers.
   *
   * @return {@code true} for the unsigned integers
   */
  public boolean isUnsigned() {
    return kind == Kind.UNSIGNED;
  }

  /**
   * True for bool.
   *
   * @return {@code true} for bool
   */
  public boolean isBool() {
    return kind == Kind.BOOL;
  }

  /**
   * True for the types that have a sign: signed integers and floats.
   *
   * @return {@code true} for the types that have a sign: signed integers and floats
   */
  public boolean isSigned() {
    return kind == Kind.SIGNED || kind == Kind.FLOAT;
  }

  /**
   * True for 64-bit types.
   *
   * @return {@code true} for 64-bit types
   */
  public boolean is64Bit() {
    return bits == 64;
  }

  /**
   * The dtype JAX actually uses for this request: with x64 disabled, {@code int64 -> int32},
   * {@code uint64 -> uint32}, {@code float64 -> float32}; otherwise itself.
   *
   * @return the dtype JAX actually uses for this request
   */
  public DType canonical() {
    if (Flags.x64Enabled()) {
      return this;
    }
    return switch (this) {
      case INT64 -> INT32;
      case UINT64 -> UINT32;
      case FLOAT64 -> FLOAT32;
      default -> this;
    };
  }

  /**
   * The default integer type: int32, or int64 with x64.
   *
   * @return the default integer type: int32, or int64 with x64
   */
  public static DType defaultInt() {
    return Flags.x64Enabled() ? INT64 : INT32;
  }

  /**
   * The default unsigned type: uint32, or uint64 with x64.
   *
   * @return the default unsigned type: uint32, or uint64 with x64
   */
  public static DType defaultUint() {
    return Flags.x64Enabled() ? UINT64 : UINT32;
  }

  /**
   * The default floating type: float32, or float64 with x64.
   *
   * @return the default floating type: float32, or float64 with x64
   */
  public static DType defaultFloat() {
    return Flags.x64Enabled() ? FLOAT64 : FLOAT32;
  }

  /**
   * Looks a dtype up by long name ({@code float32}), short name ({@code f32}) or enum name
   * ({@code FLOAT32}), case-insensitively; {@code bool_} is accepted for bool.
   *
   * @param name a dtype name
   * @return a dtype up by long name ({@code float32}), short name ({@code f32}) or enum name
   *     ({@code FLOAT32}), case-insensitively
   * @throws IllegalArgumentException naming the unknown dtype
   */
  public static DType fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("bool_") || n.equals("b1")) {
      return BOOL;
    }
    for (DType d : values()) {
      if (d.longName.equals(n) || d.shortName.equals(n) || d.name().toLowerCase(Locale.ROOT).equals(n)) {
        return d;
      }
    }
    throw new IllegalArgumentException("data type '" + name + "' not understood");
  }

  /** The long name, as JAX's {@code str(dtype)} prints it: {@code float32}. */
  @Override
  public String toString() {
    return longName;
  }
}
