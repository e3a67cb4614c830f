package org.jaxpresso.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the tour's plot, {@code y} over {@code x}, as a PNG with XChart: the Java counterpart
 * of the tutorial's {@code plt.plot(x, y)}. Needs no display ({@code java.awt.headless}).
 *
 * <pre>{@code
 * Path png = SinCosPlot.write(x.toFloatArray(), y.toFloatArray(), Path.of("sin-cos.png"));
 * }</pre>
 */
public final class SinCosPlot {
  /** The image's width in pixels. */
  public static final int WIDTH = 800;

  /** The image's height in pixels. */
  public static final int HEIGHT = 500;

  private SinCosPlot() {}

  /**
   * Plots {@code ys} over {@code xs} to {@code file} (a PNG of {@link #WIDTH} x {@link #HEIGHT})
   * and returns the file's absolute path, creating missing parent directories.
   *
   * @param xs the x coordinates
   * @param ys the y coordinates, as many as {@code xs}
   * @param file the PNG to write
   * @return the file's absolute path
   * @throws IllegalArgumentException if the two series differ in length
   * @throws IOException if the file cannot be written
   */
  public static Path write(float[] xs, float[] ys, Path file) throws IOException {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "plot needs x and y of the same length, got " + xs.length + " and " + ys.length);
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    double[] x = new double[xs.length];
    double[] y = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      x[i] = xs[i];
      y[i] = ys[i];
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("2 sin(x) cos(x)").xAxisTitle("x").yAxisTitle("y").build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisDecimalPattern("0.#");
    chart.getStyler().setYAxisDecimalPattern("0.0");
    chart.addSeries("y", x, y).setMarker(SeriesMarkers.NONE);
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    BitmapEncoder.saveBitmap(chart, absolute.toString(), BitmapEncoder.BitmapFormat.PNG);
    return absolute;
  }
}
