package org.radiospark.kernels.skymodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radiospark.kernels.model.InvalidInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an mwa_hyperdrive YAML source list (hyperdrive book, "Source list formats: hyperdrive").
 *
 * <p>Layout: a map from source name to a list of components; each component has {@code ra} and
 * {@code dec} (J2000 degrees), {@code comp_type} ({@code point}, or {@code gaussian: {maj, min,
 * pa}} with FWHM axes in arcseconds and the position angle in degrees) and {@code flux_type}, one
 * of {@code power_law: {si, fd: {freq, i, q, u, v}}}, {@code curved_power_law: {si, q, fd: ...}} or
 * {@code list: [{freq, i, q, u, v}, ...]} (frequencies in Hz, fluxes in Jy; q, u, v default to 0).
 * A list is sorted by frequency when read. Shapelet components are rejected (no predictor for them
 * here). Parsed with SnakeYAML's safe constructor (no arbitrary types). Cost O(file size).
 */
public final class HyperdriveSourceListReader {
  private static final double ARCSEC = Math.PI / (180 * 3600);

  private HyperdriveSourceListReader() {}

  /**
   * Reads every component of every source, in file order.
   *
   * @throws InvalidInputException naming the file, the source and field of the first bad value
   */
  public static List<CatalogueComponent> read(Path file) throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(name, null, "no such file");
    }
    Object root;
    try (InputStream in = Files.newInputStream(file)) {
      LoaderOptions opts = new LoaderOptions();
      opts.setAllowDuplicateKeys(false);
      opts.setCodePointLimit(Integer.MAX_VALUE);
      root = new Yaml(new SafeConstructor(opts)).load(in);
    } catch (YAMLException e) {
      throw new InvalidInputException(name, null, "not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> sources)) {
      throw new InvalidInputException(
          name, null, "expected a map from source names to component lists");
    }
    List<CatalogueComponent> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : sources.entrySet()) {
      String src = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof List<?> comps) || comps.isEmpty()) {
        throw new InvalidInputException(name, src, "expected a non-empty list of components");
      }
      for (int k = 0; k < comps.size(); k++) {
        out.add(component(name, src + "[" + k + "]", src, comps.get(k)));
      }
    }
    return out;
  }

  private static CatalogueComponent component(String file, String where, String src, Object o) {
    Map<?, ?> m = map(file, where, o);
    double ra = number(file, where + ".ra", m.get("ra"));
    double dec = number(file, where + ".dec", m.get("dec"));
    if (Math.abs(dec) > 90) {
      throw new InvalidInputException(file, where + ".dec", "expected -90..90 degrees: " + dec);
    }
    Object type = m.get("comp_type");
    double maj = 0;
    double min = 0;
    double pa = 0;
    if ("point".equals(type)) {
      // nothing more
    } else if (type instanceof Map<?, ?> t && t.containsKey("gaussian")) {
      Map<?, ?> g = map(file, where + ".comp_type.gaussian", t.get("gaussian"));
      maj = number(file, where + ".gaussian.maj", g.get("maj")) * ARCSEC;
      min = number(file, where + ".gaussian.min", g.get("min")) * ARCSEC;
      pa = Math.toRadians(number(file, where + ".gaussian.pa", g.get("pa")));
      if (!(maj >= 0) || !(min >= 0)) {
        throw new InvalidInputException(file, where + ".gaussian", "axes must be >= 0");
      }
    } else if (type instanceof Map<?, ?> t && t.containsKey("shapelet")) {
      throw new InvalidInputException(
          file, where + ".comp_type", "shapelet components are not supported");
    } else {
      throw new InvalidInputException(
          file, where + ".comp_type", "expected point or gaussian, got " + type);
    }
    SpectralModel spectrum = spectrum(file, where + ".flux_type", m.get("flux_type"));
    try {
      return new CatalogueComponent(
          src, Math.toRadians(ra), Math.toRadians(dec), maj, min, pa, spectrum);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file, where, e.getMessage(), e);
    }
  }

  private static SpectralModel spectrum(String file, String where, Object o) {
    Map<?, ?> m = map(file, where, o);
    try {
      if (m.containsKey("power_law")) {
        Map<?, ?> p = map(file, where + ".power_law", m.get("power_law"));
        return new SpectralModel.PowerLaw(
            fluxDensity(file, where + ".power_law.fd", p.get("fd")),
            number(file, where + ".power_law.si", p.get("si")));
      }
      if (m.containsKey("curved_power_law")) {
        Map<?, ?> p = map(file, where + ".curved_power_law", m.get("curved_power_law"));
        return new SpectralModel.CurvedPowerLaw(
            fluxDensity(file, where + ".curved_power_law.fd", p.get("fd")),
            number(file, where + ".curved_power_law.si", p.get("si")),
            number(file, where + ".curved_power_law.q", p.get("q")));
      }
      if (m.containsKey("list")) {
        if (!(m.get("list") instanceof List<?> l) || l.isEmpty()) {
          throw new InvalidInputException(file, where + ".list", "expected a non-empty list");
        }
        List<FluxDensity> fds = new ArrayList<>();
        for (int k = 0; k < l.size(); k++) {
          fds.add(fluxDensity(file, where + ".list[" + k + "]", l.get(k)));
        }
        fds.sort((a, b) -> Double.compare(a.freqHz(), b.freqHz()));
        return new SpectralModel.FluxList(fds);
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file, where, e.getMessage(), e);
    }
    throw new InvalidInputException(
        file, where, "expected power_law, curved_power_law or list, got " + m.keySet());
  }

  private static FluxDensity fluxDensity(String file, String where, Object o) {
    Map<?, ?> m = map(file, where, o);
    double f = number(file, where + ".freq", m.get("freq"));
    if (!(f > 0)) {
      throw new InvalidInputException(file, where + ".freq", "expected a positive frequency (Hz)");
    }
    return new FluxDensity(
        f,
        number(file, where + ".i", m.get("i")),
        optional(file, where + ".q", m.get("q")),
        optional(file, where + ".u", m.get("u")),
        optional(file, where + ".v", m.get("v")));
  }

  private static Map<?, ?> map(String file, String where, Object o) {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw new InvalidInputException(file, where, "expected a mapping, got " + o);
  }

  private static double optional(String file, String where, Object o) {
    return o == null ? 0 : number(file, where, o);
  }

  private static double number(String file, String where, Object o) {
    if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    throw new InvalidInputException(
        file, where, o == null ? "missing" : "expected a finite number, got " + o);
  }
}
