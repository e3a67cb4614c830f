package org.jaxpresso.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MLP example trains: its loss falls and the printed log has a line per tenth. */
class MlpExampleTest {
  @Test
  void digitsLoadWithTheirLabels() {
    MlpExample.Data data = MlpExample.loadDigits();
    assertEquals(List.of(1797, 64), List.of(data.x().aval().shape().dim(0),
        data.x().aval().shape().dim(1)));
    assertEquals(1797, data.labels().length);
    assertEquals(0, data.labels()[0]);
    assertEquals(1797.0, org.jaxpresso.numpy.Jnp.sum(data.onehot()).floatValue(), 0.0);
  }

  @Test
  void trainingWithJittedValueAndGradLowersTheLoss() {
    MlpExample.Data data = MlpExample.loadDigits();
    List<String> log = new ArrayList<>();
    List<Double> losses = MlpExample.train(data, 60, 0.5, 0, log::add);
    assertEquals(61, losses.size());
    double first = losses.get(0);
    double last = losses.get(losses.size() - 1);
    assertTrue(first > 2.0, "initial loss near log(10), got " + first);
    assertTrue(last < 0.5 * first, "loss fell from " + first + " to " + last);
    assertTrue(losses.get(30) < first, "loss falls by the middle of training");
    assertEquals(11, log.size());
    assertTrue(log.get(10).contains("training accuracy"), log.get(10));
  }
}
