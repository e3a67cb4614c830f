package org.jaxpresso.core.backend;

import java.util.List;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;

/**
 * The always-present backend that interprets jaxprs with the primitives' plain-Java reference
 * implementations. It is the test oracle for every other backend and the fallback when none is
 * on the class path.
 */
public final class ReferenceBackend implements Backend {
  /** The one instance. */
  public static final ReferenceBackend INSTANCE = new ReferenceBackend();

  private ReferenceBackend() {}

  @Override
  public String platform() {
    return "reference";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public List<Device> devices() {
    return List.of(Device.HOST);
  }

  @Override
  public Executable compile(ClosedJaxpr program) {
    return args -> JaxprInterpreter.eval(program, args);
  }
}
