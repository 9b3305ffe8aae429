package org.radiospark.kernels.io;

import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;

/**
 * Image planes over a regular grid of frequencies and polarisations: the content of one FITS image
 * with NAXIS3 = FREQ and NAXIS4 = STOKES.
 *
 * <p>Layout: {@code planes.get(s * nFreq + f)} is polarisation {@code s}, channel {@code f} (the
 * FITS order, frequency faster). Every plane has the same pixel grid (size, cell, centre), unit and
 * beam; plane frequencies are {@code f0 + f * step} and Stokes codes {@code c0 + s * codeStep}.
 *
 * @param planes the planes, not copied
 * @param nFreq number of channels (NAXIS3)
 * @param nStokes number of polarisations (NAXIS4)
 */
public record ImageCube(List<Image> planes, int nFreq, int nStokes) {
  /** Checks the grid is regular, so it can be described by one FITS WCS. */
  public ImageCube {
    planes = List.copyOf(Objects.requireNonNull(planes, "planes"));
    if (nFreq < 1 || nStokes < 1 || planes.size() != nFreq * nStokes) {
      throw new IllegalArgumentException(
          planes.size() + " planes for " + nFreq + " channels x " + nStokes + " polarisations");
    }
    Image first = planes.get(0);
    ImageGeometry g0 = first.geometry();
    for (Image p : planes) {
      ImageGeometry g = p.geometry();
      if (g.nx() != g0.nx()
          || g.ny() != g0.ny()
          || g.cellRad() != g0.cellRad()
          || !g.centre().equals(g0.centre())) {
        throw new IllegalArgumentException("planes differ in pixel grid: " + g + " vs " + g0);
      }
      if (!p.unit().equals(first.unit()) || !Objects.equals(p.beam(), first.beam())) {
        throw new IllegalArgumentException("planes differ in unit or beam");
      }
    }
    for (int s = 0; s < nStokes; s++) {
      for (int f = 0; f < nFreq; f++) {
        ImageGeometry g = planes.get(s * nFreq + f).geometry();
        if (g.freqHz() != planes.get(f).geometry().freqHz()) {
          throw new IllegalArgumentException("channel " + f + " differs between polarisations");
        }
        if (g.stokes() != planes.get(s * nFreq).geometry().stokes()) {
          throw new IllegalArgumentException("polarisation " + s + " differs between channels");
        }
      }
    }
  }

  /** A cube of one plane. */
  public static ImageCube of(Image plane) {
    return new ImageCube(List.of(plane), 1, 1);
  }

  /** The plane of polarisation {@code s} and channel {@code f}. */
  public Image plane(int f, int s) {
    return planes.get(s * nFreq + f);
  }

  /** The beam shared by the planes, or null. */
  public Beam beam() {
    return planes.get(0).beam();
  }
}
