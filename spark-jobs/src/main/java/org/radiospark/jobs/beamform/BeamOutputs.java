package org.radiospark.jobs.beamform;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.io.psrfits.Psrfits;
import org.radiospark.kernels.io.psrfits.PsrfitsSearch;
import org.radiospark.kernels.io.sigproc.Filterbank;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.io.sigproc.SigprocHeader;
import scala.Tuple2;

/**
 * Writes each pointing's merged channels: {@code PREFIX_NAME.fil} (SIGPROC, 32-bit floats, one IF
 * for Stokes I or four for IQUV, channels ascending, {@code foff > 0}) and/or {@code
 * PREFIX_NAME.fits} (PSRFITS search mode, Stokes I, 8 bits, one row per second). Files are written
 * atomically by the existing writers, so a failed task leaves no finished-looking file.
 *
 * @param prefix output path prefix
 * @param filterbank write {@code .fil}
 * @param psrfits write {@code .fits}
 * @param overwrite replace existing files
 */
public record BeamOutputs(String prefix, boolean filterbank, boolean psrfits, boolean overwrite)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Name of the incoherent sum's outputs. */
  public static final String INCOHERENT = "incoherent";

  /** The paths an output named {@code name} is written to. */
  public List<Path> paths(String name) {
    List<Path> out = new ArrayList<>();
    if (filterbank) {
      out.add(Path.of(prefix + "_" + name + ".fil"));
    }
    if (psrfits) {
      out.add(Path.of(prefix + "_" + name + ".fits"));
    }
    return out;
  }

  /** Output name of pointing {@code p}: its name with characters unsafe in file names replaced. */
  public static String safeName(Pointing p) {
    return p.name().replaceAll("[^A-Za-z0-9_.+:-]", "_");
  }

  /** Merges one key's channels and writes its files; returns {@code {key, paths...}}. */
  String[] write(BeamformPlan plan, int key, Iterable<Tuple2<Integer, float[][]>> parts)
      throws IOException {
    boolean inc = key == plan.pointings().size();
    int nf = plan.fineChannels();
    int nc = plan.coarseChannels().length;
    int ns = inc ? 1 : plan.params().nStokes();
    float[][][] spec = new float[ns][nc * nf][];
    for (Tuple2<Integer, float[][]> part : parts) {
      int ci = part._1();
      for (int s = 0; s < ns; s++) {
        for (int f = 0; f < nf; f++) {
          spec[s][ci * nf + f] = part._2()[s * nf + f];
        }
      }
    }
    for (float[][] s : spec) {
      for (int c = 0; c < s.length; c++) {
        if (s[c] == null) {
          throw new IllegalStateException("key " + key + ": channel " + c + " never arrived");
        }
      }
    }
    Pointing p = inc ? null : plan.pointings().get(key);
    String name = inc ? INCOHERENT : safeName(p);
    double[] freqsMHz = plan.frequenciesHz();
    for (int i = 0; i < freqsMHz.length; i++) {
      freqsMHz[i] *= 1e-6;
    }
    double mjd = plan.startUnixSec() / 86400.0 + 40587.0;
    List<String> out = new ArrayList<>();
    out.add(Integer.toString(key));
    for (Path path : paths(name)) {
      if (path.toString().endsWith(".fil")) {
        Sigproc.writeFilterbank(path, filterbank(plan, p, name, spec, freqsMHz, mjd), overwrite);
      } else {
        Psrfits.write(path, psrfits(plan, p, name, spec[0], freqsMHz, mjd), overwrite);
      }
      out.add(path.toString());
    }
    return out.toArray(new String[0]);
  }

  private static Filterbank filterbank(
      BeamformPlan plan, Pointing p, String name, float[][][] spec, double[] f, double mjd) {
    int nIf = spec.length;
    int nc = f.length;
    int nt = spec[0][0].length;
    SigprocHeader h =
        SigprocHeader.empty()
            .with("rawdatafile", "MWA VCS")
            .with("source_name", name)
            .with("machine_id", 0)
            .with("telescope_id", 0)
            .with("data_type", 1)
            .with("fch1", f[0])
            .with("foff", nc > 1 ? f[1] - f[0] : 1.28)
            .with("nchans", nc)
            .with("nbits", 32)
            .with("tstart", mjd)
            .with("tsamp", plan.tsampSec())
            .with("nifs", nIf);
    if (p != null) {
      h = h.with("src_raj", packedRa(p.raDeg())).with("src_dej", packedDec(p.decDeg()));
    }
    float[] data = new float[nt * nIf * nc];
    for (int i = 0; i < nIf; i++) {
      for (int c = 0; c < nc; c++) {
        float[] ch = spec[i][c];
        for (int t = 0; t < nt; t++) {
          data[(t * nIf + i) * nc + c] = ch[t];
        }
      }
    }
    return new Filterbank(h, data);
  }

  private static PsrfitsSearch psrfits(
      BeamformPlan plan, Pointing p, String name, float[][] stokesI, double[] f, double mjd) {
    int imjd = (int) Math.floor(mjd);
    double secs = (mjd - imjd) * 86400.0;
    int smjd = (int) Math.floor(secs);
    PsrfitsSearch.Primary pr =
        new PsrfitsSearch.Primary(
            "MWA",
            name,
            p == null ? "00:00:00.0000" : sexagesimal(p.raDeg() / 15.0, 4),
            p == null ? "00:00:00.000" : sexagesimal(p.decDeg(), 3),
            (f[0] + f[f.length - 1]) / 2,
            f.length > 1 ? (f[1] - f[0]) * f.length : 1.28,
            imjd,
            smjd,
            secs - smjd);
    return PsrfitsSearch.quantise(pr, stokesI, f, plan.tsampSec(), plan.samplesPerSecond(), 8);
  }

  /** SIGPROC's packed hhmmss.s. */
  static double packedRa(double raDeg) {
    double h = ((raDeg % 360) + 360) % 360 / 15.0;
    int hh = (int) h;
    int mm = (int) ((h - hh) * 60);
    double ss = ((h - hh) * 60 - mm) * 60;
    return hh * 10000 + mm * 100 + ss;
  }

  /** SIGPROC's packed ddmmss.s (sign of the declination). */
  static double packedDec(double decDeg) {
    double a = Math.abs(decDeg);
    int dd = (int) a;
    int mm = (int) ((a - dd) * 60);
    double ss = ((a - dd) * 60 - mm) * 60;
    return Math.copySign(dd * 10000 + mm * 100 + ss, decDeg);
  }

  /** {@code [-]dd:mm:ss.s...} with {@code decimals} decimals of seconds. */
  static String sexagesimal(double v, int decimals) {
    String sign = v < 0 ? "-" : "";
    double a = Math.abs(v);
    int d = (int) a;
    int m = (int) ((a - d) * 60);
    double s = ((a - d) * 60 - m) * 60;
    return String.format(
        Locale.ROOT, "%s%02d:%02d:%0" + (3 + decimals) + "." + decimals + "f", sign, d, m, s);
  }
}
