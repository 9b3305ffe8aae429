package org.radiospark.kernels.io.mwa;

/** The generation of MWA correlator that wrote a gpubox file. */
public enum CorrelatorVersion {
  /**
   * The legacy correlator (to 2021): files {@code OBSID_DATE_gpuboxNN_BB.fits}, one image HDU per
   * integration of {@code nFine x (8256 x 4 x 2)} values (int32 with BSCALE, or float32), PFB input
   * order ({@link LegacyBaselineMap}); NN counts the coarse channels in legacy gpubox order.
   */
  LEGACY,
  /**
   * The MWAX correlator ({@code CORR_VER = 2}): files {@code OBSID_DATE_chCCC_BBB.fits} with CCC
   * the receiver channel; per integration an image HDU of {@code nBaselines x (nFine x 4 x 2)}
   * float32 in antenna order, followed by a weights HDU of {@code nBaselines x 4}.
   */
  MWAX
}
