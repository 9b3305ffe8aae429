package org.radiospark.kernels.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;

/**
 * Writes images as FITS with the WCS WSClean writes, so that DS9, CASA, astropy.wcs and the GLEAM-X
 * post-processing (BANE, Aegean) read positions, frequency, polarisation and beam from it.
 *
 * <p>Header (FITS WCS Papers I-III): {@code BITPIX -32}, {@code NAXIS 4} = (RA---SIN, DEC--SIN,
 * FREQ, STOKES); {@code CRPIX1 = nx/2 + 1}, {@code CRPIX2 = ny/2 + 1} (the 0-based pixel {@code
 * (nx/2, ny/2)} of {@link ImageGeometry} is the phase centre), {@code CDELT1 = -cell}, {@code
 * CDELT2 = +cell} in degrees (cell in direction-cosine units, as SIN defines), {@code CRVAL1/2} the
 * phase centre in degrees; {@code CRVAL3} the first frequency in Hz and {@code CDELT3} the
 * bandwidth of a single channel or the channel spacing of a cube; {@code CRVAL4/CDELT4} the AIPS
 * Stokes codes; {@code BMAJ/BMIN/BPA} in degrees when the image has a beam; {@code BUNIT}, {@code
 * BTYPE 'Intensity'}, {@code EQUINOX 2000}, {@code RADESYS}, {@code SPECSYS}, {@code DATE-OBS} when
 * known, {@code ORIGIN 'RadioSpark'}.
 *
 * <p>Pixels are written as float32 (NaN kept), in the FITS order {@code [stokes][freq][y][x]} with
 * x fastest, the order of {@link Image#pixels()}. The file is written atomically ({@link
 * AtomicFiles}). Cost O(pixels).
 */
public final class FitsImageWriter {
  private FitsImageWriter() {}

  /** Writes one image plane as a 4-axis FITS file with NAXIS3 = NAXIS4 = 1. */
  public static void write(Path file, Image image, FitsImageOptions options) throws IOException {
    writeCube(file, ImageCube.of(image), options);
  }

  /**
   * Writes a cube of channels and polarisations.
   *
   * @throws IllegalArgumentException if the channels are not evenly spaced or the Stokes codes not
   *     evenly stepped (one FITS axis each)
   * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwriting was not
   *     asked for
   */
  public static void writeCube(Path file, ImageCube cube, FitsImageOptions options)
      throws IOException {
    Header h = header(cube, options);
    Image first = cube.planes().get(0);
    int nPix = first.nx() * first.ny();
    AtomicFiles.write(
        file,
        options.overwrite(),
        os -> {
          FitsOutputStream out = new FitsOutputStream(os);
          h.write(out);
          ByteBuffer bb = ByteBuffer.allocate(4 * nPix).order(ByteOrder.BIG_ENDIAN);
          for (Image plane : cube.planes()) {
            bb.clear();
            for (double v : plane.pixels()) {
              bb.putFloat((float) v);
            }
            out.write(bb.array(), 0, bb.position());
          }
          FitsUtil.pad(out, 4L * nPix * cube.planes().size());
          out.flush();
        });
  }

  /**
   * Writes planes along a linear axis other than frequency (e.g. the Faraday depths of an FDF
   * cube): {@code NAXIS 3} = (RA---SIN, DEC--SIN, {@code axis.ctype()}), the celestial WCS, unit
   * and beam of the first plane, pixels in the order {@code [plane][y][x]}. DS9 and astropy read it
   * as a cube. Written atomically.
   *
   * @param planes planes of one pixel grid, in axis order
   * @throws IllegalArgumentException if the planes differ in size
   */
  public static void writeAxisCube(
      Path file, java.util.List<Image> planes, CubeAxis axis, FitsImageOptions options)
      throws IOException {
    if (planes.isEmpty()) {
      throw new IllegalArgumentException("no planes to write");
    }
    Image first = planes.get(0);
    for (Image p : planes) {
      if (p.nx() != first.nx() || p.ny() != first.ny()) {
        throw new IllegalArgumentException("planes differ in size");
      }
    }
    Header h = header(ImageCube.of(first), options);
    h.addValue("NAXIS", 3, "");
    h.addValue("NAXIS3", planes.size(), axis.ctype());
    for (String k : new String[] {"NAXIS4", "CTYPE4", "CRPIX4", "CRVAL4", "CDELT4", "CUNIT4"}) {
      h.deleteKey(k);
    }
    for (String k : new String[] {"CTYPE3", "CRPIX3", "CRVAL3", "CDELT3", "CUNIT3"}) {
      h.deleteKey(k);
    }
    h.deleteKey("SPECSYS");
    axis(h, 3, axis.ctype(), 1, axis.startValue(), axis.step(), axis.unit());
    h.addValue("RESTFREQ", first.geometry().freqHz(), "reference frequency of the planes, Hz");
    int nPix = first.nx() * first.ny();
    AtomicFiles.write(
        file,
        options.overwrite(),
        os -> {
          FitsOutputStream out = new FitsOutputStream(os);
          h.write(out);
          ByteBuffer bb = ByteBuffer.allocate(4 * nPix).order(ByteOrder.BIG_ENDIAN);
          for (Image plane : planes) {
            bb.clear();
            for (double v : plane.pixels()) {
              bb.putFloat((float) v);
            }
            out.write(bb.array(), 0, bb.position());
          }
          FitsUtil.pad(out, 4L * nPix * planes.size());
          out.flush();
        });
  }

  static Header header(ImageCube cube, FitsImageOptions o) throws IOException {
    Image first = cube.planes().get(0);
    ImageGeometry g = first.geometry();
    int nFreq = cube.nFreq();
    int nStokes = cube.nStokes();
    double freqStep = g.bandwidthHz();
    if (nFreq > 1) {
      double f0 = g.freqHz();
      freqStep = (cube.plane(nFreq - 1, 0).geometry().freqHz() - f0) / (nFreq - 1);
      for (int f = 0; f < nFreq; f++) {
        double fr = cube.plane(f, 0).geometry().freqHz();
        if (Math.abs(fr - (f0 + f * freqStep)) > 1e-9 * Math.abs(fr)) {
          throw new IllegalArgumentException("channels are not evenly spaced: plane " + f);
        }
      }
    }
    int code0 = g.stokes().code();
    int codeStep = nStokes > 1 ? cube.plane(0, 1).geometry().stokes().code() - code0 : 1;
    for (int s = 0; s < nStokes; s++) {
      if (cube.plane(0, s).geometry().stokes().code() != code0 + s * codeStep) {
        throw new IllegalArgumentException("Stokes codes are not evenly stepped: plane " + s);
      }
    }
    double cellDeg = Math.toDegrees(g.cellRad());
    Header h = new Header();
    h.addValue("SIMPLE", true, "conforms to FITS standard");
    h.addValue("BITPIX", -32, "IEEE float32");
    h.addValue("NAXIS", 4, "");
    h.addValue("NAXIS1", g.nx(), "RA");
    h.addValue("NAXIS2", g.ny(), "DEC");
    h.addValue("NAXIS3", nFreq, "FREQ");
    h.addValue("NAXIS4", nStokes, "STOKES");
    h.addValue("EXTEND", true, "");
    h.addValue("BSCALE", 1.0, "");
    h.addValue("BZERO", 0.0, "");
    h.addValue("BUNIT", first.unit(), "units of the pixel values");
    h.addValue("BTYPE", "Intensity", "");
    Beam b = cube.beam();
    if (b != null) {
      h.addValue("BMAJ", Math.toDegrees(b.majorRad()), "restoring beam FWHM major axis, deg");
      h.addValue("BMIN", Math.toDegrees(b.minorRad()), "restoring beam FWHM minor axis, deg");
      h.addValue("BPA", Math.toDegrees(b.paRad()), "restoring beam position angle, deg");
    }
    h.addValue("EQUINOX", 2000.0, "J2000");
    h.addValue("RADESYS", o.referenceFrame(), "");
    h.addValue("LONPOLE", 180.0, "");
    h.addValue("LATPOLE", g.centre().decDeg(), "");
    axis(h, 1, "RA---SIN", g.nx() / 2 + 1, g.centre().raDeg(), -cellDeg, "deg");
    axis(h, 2, "DEC--SIN", g.ny() / 2 + 1, g.centre().decDeg(), cellDeg, "deg");
    axis(h, 3, "FREQ", 1, g.freqHz(), freqStep, "Hz");
    axis(h, 4, "STOKES", 1, code0, codeStep, "");
    h.addValue("SPECSYS", o.spectralFrame(), "");
    if (!o.dateObs().isEmpty()) {
      h.addValue("DATE-OBS", o.dateObs(), "UTC");
    }
    if (!o.object().isEmpty()) {
      h.addValue("OBJECT", o.object(), "");
    }
    if (!o.telescope().isEmpty()) {
      h.addValue("TELESCOP", o.telescope(), "");
    }
    h.addValue("ORIGIN", "RadioSpark", "");
    return h;
  }

  private static void axis(
      Header h, int k, String type, double crpix, double crval, double cdelt, String unit)
      throws IOException {
    h.addValue("CTYPE" + k, type, "");
    h.addValue("CRPIX" + k, crpix, "");
    h.addValue("CRVAL" + k, crval, "");
    h.addValue("CDELT" + k, cdelt, "");
    if (!unit.isEmpty()) {
      h.addValue("CUNIT" + k, unit, "");
    }
  }
}
