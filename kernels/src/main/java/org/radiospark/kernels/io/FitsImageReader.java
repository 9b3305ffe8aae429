package org.radiospark.kernels.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

/**
 * Reads FITS images with a SIN-projected celestial WCS into {@link Image} planes (the inverse of
 * {@link FitsImageWriter}; also WSClean's and CASA's exported images, whose axes 3 and 4 are FREQ
 * and STOKES in either order).
 *
 * <p>Accepted: primary HDU, {@code NAXIS} 2 to 4, axis 1 {@code RA---SIN}, axis 2 {@code DEC--SIN},
 * square pixels ({@code CDELT1 = -CDELT2}, {@code CDELT2 > 0}), reference pixel {@code CRPIX1 =
 * nx/2 + 1}, {@code CRPIX2 = ny/2 + 1} (the {@link ImageGeometry} convention: WSClean's), no
 * rotation ({@code CROTA2}, {@code PC1_2}, {@code PC2_1} absent or 0). Anything else raises an
 * {@link InvalidInputException} naming the keyword. Missing FREQ/STOKES axes give frequency 0,
 * bandwidth 0 and Stokes I. The bandwidth of a plane is {@code |CDELT|} of the FREQ axis.
 *
 * <p>BITPIX -32 and -64 are read as they are; integer BITPIX are scaled by {@code BSCALE/BZERO}
 * with {@code BLANK} pixels as NaN. Cost O(pixels), one pass.
 */
public final class FitsImageReader {
  private FitsImageReader() {}

  /** Reads every plane of the image. */
  public static FitsImageData read(Path file) throws IOException {
    String name = file.toString();
    try (InputStream raw = Files.newInputStream(file);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        FitsInputStream in = new FitsInputStream(buffered)) {
      UvfitsReader.requireFitsSignature(buffered, name);
      Header header;
      try {
        header = Header.readHeader(in);
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException(
            name, "SIMPLE", "unreadable FITS header (truncated or corrupt): " + e.getMessage(), e);
      }
      if (header == null) {
        throw new InvalidInputException(
            name, "SIMPLE", "file truncated or empty: no complete primary header");
      }
      return parse(new HeaderAccess(header, name), in, Files.size(file));
    }
  }

  /**
   * Reads an image that has exactly one plane.
   *
   * @throws InvalidInputException if the file has several channels or polarisations
   */
  public static Image readImage(Path file) throws IOException {
    ImageCube c = read(file).cube();
    if (c.planes().size() != 1) {
      throw new InvalidInputException(
          file.toString(),
          "NAXIS3/NAXIS4",
          "expected a single plane, found " + c.nFreq() + " x " + c.nStokes());
    }
    return c.planes().get(0);
  }

  private static FitsImageData parse(HeaderAccess h, FitsInputStream in, long fileBytes)
      throws IOException {
    String file = h.file();
    int naxis = h.integer("NAXIS");
    if (naxis < 2 || naxis > 4) {
      throw new InvalidInputException(
          file, "NAXIS", "expected 2 to 4 axes (RA, DEC, FREQ, STOKES), found " + naxis);
    }
    if (h.logical("GROUPS", false)) {
      throw new InvalidInputException(file, "GROUPS", "random groups (UVFITS), not an image");
    }
    int nx = positive(h, "NAXIS1");
    int ny = positive(h, "NAXIS2");
    // Every allocation below follows from NAXISn: bound them by what the file can hold, so a
    // garbage axis length is reported instead of allocating gigabytes.
    long pixels = (long) nx * ny;
    for (int k = 3; k <= naxis; k++) {
      pixels *= Math.min(positive(h, "NAXIS" + k), fileBytes + 1);
      if (pixels > fileBytes) {
        break;
      }
    }
    if (pixels > fileBytes) {
      throw new InvalidInputException(
          file,
          "NAXISn",
          "file truncated: the axes announce more pixels than the file's "
              + fileBytes
              + " bytes can hold");
    }
    expectType(h, 1, "RA---SIN");
    expectType(h, 2, "DEC--SIN");
    double cdelt1 = h.number("CDELT1");
    double cdelt2 = h.number("CDELT2");
    if (!(cdelt2 > 0)) {
      throw new InvalidInputException(file, "CDELT2", "expected > 0 (north up), found " + cdelt2);
    }
    if (Math.abs(cdelt1 + cdelt2) > 1e-9 * cdelt2) {
      throw new InvalidInputException(
          file, "CDELT1", "expected -CDELT2 = " + -cdelt2 + " (square pixels, east left)");
    }
    expectPixel(h, "CRPIX1", nx / 2 + 1);
    expectPixel(h, "CRPIX2", ny / 2 + 1);
    for (String k : new String[] {"CROTA1", "CROTA2", "PC1_2", "PC2_1"}) {
      if (h.number(k, 0) != 0) {
        throw new InvalidInputException(file, k, "rotated pixel grids are not supported");
      }
    }
    double dec = h.number("CRVAL2");
    if (Math.abs(dec) > 90) {
      throw new InvalidInputException(file, "CRVAL2", "declination out of range: " + dec);
    }
    PhaseCentre centre = PhaseCentre.ofDegrees(h.number("CRVAL1"), dec);
    double cellRad = Math.toRadians(cdelt2);

    int nFreq = 1;
    int nStokes = 1;
    int freqAxis = -1;
    int stokesAxis = -1;
    for (int k = 3; k <= naxis; k++) {
      int n = positive(h, "NAXIS" + k);
      String type = h.string("CTYPE" + k).toUpperCase(Locale.ROOT);
      if (type.startsWith("FREQ") && freqAxis < 0) {
        freqAxis = k;
        nFreq = n;
      } else if (type.equals("STOKES") && stokesAxis < 0) {
        stokesAxis = k;
        nStokes = n;
      } else if (n != 1) {
        throw new InvalidInputException(
            file, "CTYPE" + k, "expected FREQ or STOKES for an axis of length " + n);
      }
    }
    double[] freq = new double[nFreq];
    double bandwidth = 0;
    if (freqAxis > 0) {
      double crval = h.number("CRVAL" + freqAxis);
      double cdelt = h.number("CDELT" + freqAxis);
      double crpix = h.number("CRPIX" + freqAxis);
      for (int f = 0; f < nFreq; f++) {
        freq[f] = crval + (f + 1 - crpix) * cdelt;
      }
      bandwidth = Math.abs(cdelt);
    }
    Stokes[] stokes = {Stokes.I};
    if (stokesAxis > 0) {
      stokes = new Stokes[nStokes];
      double crval = h.number("CRVAL" + stokesAxis);
      double cdelt = h.number("CDELT" + stokesAxis);
      double crpix = h.number("CRPIX" + stokesAxis);
      for (int s = 0; s < nStokes; s++) {
        double code = crval + (s + 1 - crpix) * cdelt;
        try {
          if (code != Math.rint(code)) {
            throw new IllegalArgumentException("not an integer");
          }
          stokes[s] = Stokes.fromCode((int) code);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(
              file, "CRVAL" + stokesAxis, "not a Stokes code: " + code + " (1..4, -1..-8)");
        }
      }
    }
    Beam beam = null;
    if (h.has("BMAJ") && h.has("BMIN")) {
      double bmaj = h.number("BMAJ");
      double bmin = h.number("BMIN");
      if (bmaj < 0 || bmin < 0) {
        throw new InvalidInputException(file, "BMAJ", "beam axes must be >= 0");
      }
      beam =
          new Beam(Math.toRadians(bmaj), Math.toRadians(bmin), Math.toRadians(h.number("BPA", 0)));
    }
    String unit = h.string("BUNIT", "");

    double[][] planes = readPixels(h, in, nx, ny, nFreq * nStokes);
    // Planes in the file run over axis 3 fastest; map them to ImageCube's stokes-major order.
    boolean freqFirst = freqAxis < 0 || stokesAxis < 0 || freqAxis < stokesAxis;
    List<Image> out = new ArrayList<>(nFreq * nStokes);
    for (int s = 0; s < nStokes; s++) {
      for (int f = 0; f < nFreq; f++) {
        int filePlane = freqFirst ? s * nFreq + f : f * nStokes + s;
        ImageGeometry g = new ImageGeometry(nx, ny, cellRad, centre, freq[f], bandwidth, stokes[s]);
        out.add(new Image(g, planes[filePlane], beam, unit));
      }
    }
    return new FitsImageData(
        new ImageCube(out, nFreq, nStokes),
        h.string("DATE-OBS", ""),
        h.string("RADESYS", "FK5"),
        h.string("OBJECT", ""),
        h.string("TELESCOP", ""));
  }

  private static double[][] readPixels(
      HeaderAccess h, FitsInputStream in, int nx, int ny, int nPlanes) throws IOException {
    int bitpix = h.integer("BITPIX");
    if (bitpix != 8 && bitpix != 16 && bitpix != 32 && bitpix != -32 && bitpix != -64) {
      throw new InvalidInputException(
          h.file(), "BITPIX", "expected 8, 16, 32, -32 or -64, found " + bitpix);
    }
    int bytes = Math.abs(bitpix) / 8;
    double bscale = h.number("BSCALE", 1.0);
    double bzero = h.number("BZERO", 0.0);
    boolean hasBlank = bitpix > 0 && h.has("BLANK");
    long blank = hasBlank ? (long) h.number("BLANK") : 0;
    long planeBytes = (long) nx * ny * bytes;
    if (planeBytes > Integer.MAX_VALUE) {
      throw new InvalidInputException(h.file(), "NAXIS1", "plane too large: " + planeBytes);
    }
    byte[] buf = new byte[(int) planeBytes];
    ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
    double[][] planes = new double[nPlanes][nx * ny];
    for (int p = 0; p < nPlanes; p++) {
      try {
        in.readFully(buf, 0, buf.length);
      } catch (EOFException e) {
        throw new InvalidInputException(
            h.file(), "data", "file truncated in image plane " + (p + 1) + " of " + nPlanes, e);
      }
      double[] px = planes[p];
      for (int i = 0; i < px.length; i++) {
        long raw;
        switch (bitpix) {
          case -32 -> {
            px[i] = bscale * bb.getFloat(4 * i) + bzero;
            continue;
          }
          case -64 -> {
            px[i] = bscale * bb.getDouble(8 * i) + bzero;
            continue;
          }
          case 8 -> raw = bb.get(i) & 0xff;
          case 16 -> raw = bb.getShort(2 * i);
          default -> raw = bb.getInt(4 * i);
        }
        px[i] = hasBlank && raw == blank ? Double.NaN : bscale * raw + bzero;
      }
    }
    return planes;
  }

  private static int positive(HeaderAccess h, String key) {
    int n = h.integer(key);
    if (n < 1) {
      throw new InvalidInputException(h.file(), key, "expected >= 1, found " + n);
    }
    return n;
  }

  private static void expectType(HeaderAccess h, int k, String expected) {
    String t = h.string("CTYPE" + k);
    if (!t.equalsIgnoreCase(expected)) {
      throw new InvalidInputException(
          h.file(), "CTYPE" + k, "expected '" + expected + "' (SIN projection), found '" + t + "'");
    }
  }

  private static void expectPixel(HeaderAccess h, String key, int expected) {
    double v = h.number(key);
    if (Math.abs(v - expected) > 1e-9) {
      throw new InvalidInputException(
          h.file(),
          key,
          "expected "
              + expected
              + " (reference pixel N/2 + 1 at the phase centre, the WSClean convention), found "
              + v);
    }
  }
}
