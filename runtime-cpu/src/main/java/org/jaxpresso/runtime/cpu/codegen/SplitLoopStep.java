package org.jaxpresso.runtime.cpu.codegen;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;

/**
 * A loop kernel too large for one JVM method, run as several generated bodies in sequence over
 * the whole space (see {@code StepCompiler.split}): each part reads the kernel's inputs and the
 * temporaries of earlier parts and writes its share of the outputs and its own temporaries
 * (arrays of the kernel's dtype, row-major over the space, made per run).
 */
final class SplitLoopStep implements Step {
  private final List<LoopBody> bodies;
  private final List<Segments> segments;
  private final int[] inputs;
  private final int[] outputs;
  private final DType dtype;
  private final int temps;
  private final int size;

  SplitLoopStep(List<LoopBody> bodies, List<Segments> segments, int[] inputs, int[] outputs,
      DType dtype, int temps, int size) {
    this.bodies = List.copyOf(bodies);
    this.segments = List.copyOf(segments);
    this.inputs = inputs;
    this.outputs = outputs;
    this.dtype = dtype;
    this.temps = temps;
    this.size = size;
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    Object[] in = new Object[inputs.length + temps];
    Object[] out = new Object[outputs.length + temps];
    for (int i = 0; i < inputs.length; i++) {
      in[i] = env[inputs[i]];
    }
    for (int o = 0; o < outputs.length; o++) {
      out[o] = buffers.of(outputs[o]);
      env[outputs[o]] = out[o];
    }
    for (int t = 0; t < temps; t++) {
      Object a = HostBuffer.allocate(dtype, size).data();
      in[inputs.length + t] = a;
      out[outputs.length + t] = a;
    }
    for (int p = 0; p < bodies.size(); p++) {
      LoopStep.run(bodies.get(p), segments.get(p), in, out);
    }
  }

  @Override
  public boolean generated() {
    return true;
  }
}
