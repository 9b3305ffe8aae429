package org.radiospark.kernels.skymodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;

/**
 * Which components of a sky model calibrate a field: those within {@code radiusRad} of the field
 * centre whose Stokes I at {@code freqHz} is at least {@code minFluxJy}, the brightest {@code
 * maxComponents} of them (GLEAM-X autocal: GLEAM sources within 30 degrees, brightest 200).
 *
 * <p>Distances are great-circle angles (haversine form, accurate at small separations). Sources
 * with several components are not kept together: each component is judged on its own, as
 * hyperdrive's {@code --num-sources} veto does per component after grouping; here a component of a
 * bright source that is itself faint can drop out. Cost O(n log n).
 *
 * @param centre field centre (J2000)
 * @param radiusRad largest distance from the centre, radians, in (0, pi]
 * @param minFluxJy smallest Stokes I flux density at {@code freqHz}, Jy (may be 0 or negative to
 *     keep everything)
 * @param freqHz frequency at which the flux cut and the brightness ranking apply, Hz
 * @param maxComponents keep at most this many (the brightest), at least 1
 */
public record SkyModelSelection(
    PhaseCentre centre, double radiusRad, double minFluxJy, double freqHz, int maxComponents) {

  /** Validates every field. */
  public SkyModelSelection {
    String src = "sky-model selection";
    if (centre == null) {
      throw new InvalidInputException(src, "centre", "expected a field centre, got null");
    }
    if (!(radiusRad > 0) || radiusRad > Math.PI) {
      throw new InvalidInputException(
          src, "radius", "expected (0, 180] degrees, got " + Math.toDegrees(radiusRad));
    }
    if (Double.isNaN(minFluxJy)) {
      throw new InvalidInputException(src, "flux cut", "expected a number of Jy, got NaN");
    }
    if (!(freqHz > 0) || Double.isInfinite(freqHz)) {
      throw new InvalidInputException(src, "freqHz", "expected a positive frequency: " + freqHz);
    }
    if (maxComponents < 1) {
      throw new InvalidInputException(
          src, "maxComponents", "expected at least 1, got " + maxComponents);
    }
  }

  /** The selected components, brightest first at {@link #freqHz()}. */
  public List<CatalogueComponent> apply(List<CatalogueComponent> model) {
    record Ranked(CatalogueComponent c, double flux) {}
    List<Ranked> kept = new ArrayList<>();
    for (CatalogueComponent c : model) {
      if (separationRad(centre.raRad(), centre.decRad(), c.raRad(), c.decRad()) > radiusRad) {
        continue;
      }
      double s = c.spectrum().stokesIAt(freqHz);
      if (s >= minFluxJy) {
        kept.add(new Ranked(c, s));
      }
    }
    kept.sort(Comparator.comparingDouble((Ranked r) -> -r.flux()));
    List<CatalogueComponent> out = new ArrayList<>();
    for (int k = 0; k < Math.min(maxComponents, kept.size()); k++) {
      out.add(kept.get(k).c());
    }
    return out;
  }

  /** Great-circle distance between two directions, radians (haversine formula). */
  public static double separationRad(double ra1, double dec1, double ra2, double dec2) {
    double sd = Math.sin(0.5 * (dec2 - dec1));
    double sr = Math.sin(0.5 * (ra2 - ra1));
    double h = sd * sd + Math.cos(dec1) * Math.cos(dec2) * sr * sr;
    return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
