package org.radiospark.jobs.pulsar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.radiospark.kernels.io.psrfits.Psrfits;
import org.radiospark.kernels.io.psrfits.PsrfitsSearch;
import org.radiospark.kernels.io.sigproc.Filterbank;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.io.sigproc.TimeSeries;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.pulsar.DynamicSpectrum;

/**
 * The data of a search: a dynamic spectrum (filterbank, PSRFITS) or an already dedispersed time
 * series (SIGPROC .tim) at a known DM.
 *
 * @param spectrum the dynamic spectrum, or null for a time series
 * @param series the time series, or null for a spectrum
 * @param tsampSec sampling time, s
 * @param seriesDm DM of the time series (its {@code refdm}), pc cm^-3
 * @param source source name from the header
 */
public record SearchInput(
    DynamicSpectrum spectrum, float[] series, double tsampSec, double seriesDm, String source) {

  /** Reads {@code .fil}, {@code .tim}, or PSRFITS {@code .fits}/{@code .sf} by extension. */
  public static SearchInput read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), "file", "does not exist or is not a file");
    }
    if (name.endsWith(".tim")) {
      TimeSeries ts = Sigproc.readTimeSeries(file);
      return new SearchInput(
          null,
          ts.samples(),
          ts.header().tsampSec(),
          ts.header().getDouble("refdm", 0),
          ts.header().getString("source_name", ""));
    }
    if (name.endsWith(".fil")) {
      Filterbank fb = Sigproc.readFilterbank(file);
      DynamicSpectrum s =
          new DynamicSpectrum(
              fb.channelMajor(), fb.header().channelFrequenciesMHz(), fb.header().tsampSec());
      return new SearchInput(s, null, s.tsampSec(), 0, fb.header().getString("source_name", ""));
    }
    if (name.endsWith(".fits") || name.endsWith(".sf")) {
      PsrfitsSearch p = Psrfits.read(file);
      DynamicSpectrum s =
          new DynamicSpectrum(p.totalIntensity(), p.channelFrequenciesMHz(), p.format().tbinSec());
      return new SearchInput(s, null, s.tsampSec(), 0, p.primary().sourceName());
    }
    throw new InvalidInputException(
        file.toString(), "file name", "expected a .fil, .tim, .fits or .sf file");
  }

  /** True for an already dedispersed time series. */
  public boolean isTimeSeries() {
    return spectrum == null;
  }

  /** Observation length, s. */
  public double durationSec() {
    return (isTimeSeries() ? series.length : spectrum.nSamples()) * tsampSec;
  }
}
