package org.radiospark.kernels.pulsar;

/**
 * A pulse profile folded at one period.
 *
 * @param periodSec folding period, s
 * @param profile mean sample value in each phase bin (bin 0 starts at the first sample)
 * @param counts samples in each bin
 * @param reducedChiSquare {@code chi^2 / (nbins - 1)} against a flat profile (prepfold's "reduced
 *     chi-sqr"; about 1 for noise)
 * @param sigma equivalent Gaussian sigma of that chi-square (no trials correction)
 */
public record FoldedProfile(
    double periodSec, double[] profile, long[] counts, double reducedChiSquare, double sigma) {}
