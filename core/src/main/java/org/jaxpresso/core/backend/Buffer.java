package org.jaxpresso.core.backend;

import org.jaxpresso.core.DType;

/**
 * The storage behind an {@link org.jaxpresso.core.Array}: a flat, row-major run of elements of
 * one dtype on one device. Backends implement it for device memory; {@link HostBuffer} is the
 * host (plain Java array) form that every buffer can be copied to.
 */
public interface Buffer {
  /**
   * The device that holds the data.
   *
   * @return the device that holds the data
   */
  Device device();

  /**
   * The element type.
   *
   * @return the element type
   */
  DType dtype();

  /**
   * The number of elements.
   *
   * @return the number of elements
   */
  int length();

  /**
   * The data on the host: this buffer itself if it is already there, else a copy.
   *
   * @return the data on the host: this buffer itself if it is already there, else a copy
   */
  HostBuffer toHost();
}
