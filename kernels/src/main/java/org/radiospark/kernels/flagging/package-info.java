/**
 * RFI flagging of visibilities, the GLEAM-X pipeline's "flag" step: AOFlagger-style detection on
 * the time x frequency plane of every baseline and polarisation (SumThreshold with iterated
 * thresholds and a Gaussian background fit, Offringa et al. 2010; the scale-invariant rank
 * operator, Offringa et al. 2012), autoflagging of a bad-antenna list, and whole-baseline outliers
 * against baselines of similar uv distance (uvflag).
 *
 * <p>Entry point: {@link org.radiospark.kernels.flagging.VisibilityFlagger#flag} with {@link
 * org.radiospark.kernels.flagging.FlagParameters}; it returns a new block and {@link
 * org.radiospark.kernels.flagging.FlagStatistics}. The building blocks ({@link
 * org.radiospark.kernels.flagging.SumThreshold}, {@link
 * org.radiospark.kernels.flagging.ScaleInvariantRank}, {@link
 * org.radiospark.kernels.flagging.MaskedGaussianSmoother}, {@link
 * org.radiospark.kernels.flagging.RmsOutliers}) work on single sequences or planes laid out {@code
 * [t * nChan + f]}.
 */
package org.radiospark.kernels.flagging;
