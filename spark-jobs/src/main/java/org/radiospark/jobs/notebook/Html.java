package org.radiospark.jobs.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.PngOptions;
import org.radiospark.kernels.io.PngQuickLook;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.postimage.ScatterPlot;

/**
 * Zeppelin display of the project's plots: a paragraph whose output starts with {@code %html} is
 * rendered as HTML, so printing {@code Html.scatter(...)} shows a {@link ScatterPlot}, and {@code
 * Html.fits(...)} a {@link PngQuickLook} of a FITS image, inline as {@code <img
 * src="data:image/png;base64,...">}. Each method returns one {@code %html} block holding one or
 * more figures with a caption; print it with {@code println}. Base64 costs 4/3 of the PNG's size.
 */
public final class Html {
  private Html() {}

  /** {@code %html} followed by the figures' HTML. */
  public static String of(String... figures) {
    return "%html " + String.join("", figures);
  }

  /** One figure of PNG bytes with a caption (HTML-escaped). */
  public static String figure(byte[] png, String caption) {
    return String.format(
        Locale.ROOT,
        "<figure style=\"display:inline-block;margin:4px\"><img src=\"data:image/png;base64,%s\"/>"
            + "<figcaption>%s</figcaption></figure>",
        Base64.getEncoder().encodeToString(png),
        escape(caption));
  }

  /** A PNG file (such as a pipeline's quick-look) as a figure captioned with its file name. */
  public static String pngFile(Path png) {
    try {
      return figure(Files.readAllBytes(png), png.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code %html} block of PNG files side by side. */
  public static String pngFiles(Path... pngs) {
    String[] f = new String[pngs.length];
    for (int i = 0; i < pngs.length; i++) {
      f[i] = pngFile(pngs[i]);
    }
    return of(f);
  }

  /** An image rendered by {@link PngQuickLook} (default stretch, colour bar) as a figure. */
  public static String image(Image image, String caption) {
    PngOptions o = PngOptions.defaults();
    return figure(png(PngQuickLook.render(image.pixels(), image.nx(), image.ny(), o)), caption);
  }

  /** {@code %html} block of the first plane of each FITS image, captioned with its file name. */
  public static String fits(Path... files) {
    String[] f = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      try {
        f[i] = image(FitsImageReader.readImage(files[i]), files[i].getFileName().toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return of(f);
  }

  /** {@code %html} block of one scatter plot. */
  public static String scatter(ScatterPlot.Spec spec) {
    return of(figure(png(ScatterPlot.render(spec)), spec.title()));
  }

  /**
   * {@code %html} scatter plot of two numeric columns of a DataFrame (collected to the driver; rows
   * with a null in either are left out), with the line y = x when {@code identity}.
   */
  public static String scatter(
      Dataset<Row> df, String xColumn, String yColumn, String title, boolean identity) {
    return of(figure(scatterPng(df, xColumn, yColumn, title, identity), title));
  }

  /** The PNG of {@link #scatter(Dataset, String, String, String, boolean)}, for {@link #figure}. */
  public static byte[] scatterPng(
      Dataset<Row> df, String xColumn, String yColumn, String title, boolean identity) {
    List<Row> rows =
        df.select(df.col(xColumn).cast("double"), df.col(yColumn).cast("double"))
            .na()
            .drop()
            .collectAsList();
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rows.get(i).getDouble(0);
      y[i] = rows.get(i).getDouble(1);
    }
    return png(
        ScatterPlot.render(
            new ScatterPlot.Spec(title, xColumn, yColumn, x, y, null, identity ? v -> v : null)));
  }

  /** PNG bytes of an image. */
  static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
