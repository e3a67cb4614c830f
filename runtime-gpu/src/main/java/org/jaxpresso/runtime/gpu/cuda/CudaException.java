package org.jaxpresso.runtime.gpu.cuda;

/** A CUDA driver or cuBLAS call failed: the message names the call, the code and its meaning. */
public final class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  /** A failure of {@code call} with status {@code code}, described by {@code detail}. */
  public CudaException(String call, int code, String detail) {
    super(call + " failed with " + code + (detail == null || detail.isEmpty() ? "" : " ("
        + detail + ")"));
    this.code = code;
  }

  /** A failure described in full by {@code message}. */
  public CudaException(String message) {
    super(message);
    this.code = -1;
  }

  /** The CUDA status code, or -1. */
  public int code() {
    return code;
  }
}
