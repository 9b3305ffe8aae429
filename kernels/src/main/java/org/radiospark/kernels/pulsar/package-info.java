/**
 * Pulsar and fast-transient search kernels, following PRESTO's conventions (Ransom 2001; Ransom,
 * Eikenberry &amp; Middleditch 2002): RFI masking ({@link org.radiospark.kernels.pulsar.RfiMask},
 * as rfifind), DM planning ({@link org.radiospark.kernels.pulsar.DmPlan}, as DDplan), brute-force
 * and subband dedispersion ({@link org.radiospark.kernels.pulsar.Dedisperser}, as prepsubband), the
 * FFT periodicity search with red-noise normalisation and harmonic summing ({@link
 * org.radiospark.kernels.pulsar.PeriodSearch}, as accelsearch with zmax 0), candidate sifting
 * ({@link org.radiospark.kernels.pulsar.CandidateSifter}, as ACCEL_sift), folding with a reduced
 * chi-square ({@link org.radiospark.kernels.pulsar.Folder}, as prepfold) and the boxcar
 * single-pulse search ({@link org.radiospark.kernels.pulsar.SinglePulseSearch}, as
 * single_pulse_search.py).
 *
 * <p>Dispersion delays use {@code t = 4.148808e3 s x DM x f_MHz^-2} ({@link
 * org.radiospark.kernels.pulsar.Dispersion#K_DM_SEC}), not PRESTO's {@code 1/0.000241} (0.014%
 * larger). Delays are referenced to the highest channel frequency, so times of dedispersed series
 * are arrival times at the top of the band, as in PRESTO.
 */
package org.radiospark.kernels.pulsar;
