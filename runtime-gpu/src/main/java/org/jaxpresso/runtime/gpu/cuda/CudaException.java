package org.jaxpresso.runtime.gpu.cuda;

/** A CUDA driver or cuBLAS call failed: the message names the call, the code and its meaning. */
public final class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The status code of the failed call, or -1 when there is none. */
  private final int code;

  /**
   * A failure of {@code call} with status {@code code}, described by {@code detail}.
   *
   * @param call the failed call, e.g. {@code cuMemAlloc}
   * @param code the status it returned
   * @param detail the status's meaning, or {@code null} or empty when unknown
   */
  public CudaException(String call, int code, String detail) {
    super(call + " failed with " + code + (detail == null || detail.isEmpty() ? "" : " ("
        + detail + ")"));
    this.code = code;
  }

  /**
   * A failure described in full by {@code message}.
   *
   * @param message the full description
   */
  public CudaException(String message) {
    super(message);
    this.code = -1;
  }

  /**
   * The CUDA status code, or -1.
   *
   * @return the status code of the failed call, or -1 when there is none
   */
  public int code() {
    return code;
  }
}
