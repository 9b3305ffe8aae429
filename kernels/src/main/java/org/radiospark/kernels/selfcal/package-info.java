/**
 * The per-block and per-facet work of a self-calibration (ICAL) major loop, without Spark: {@link
 * org.radiospark.kernels.selfcal.SelfCalStep} predicts, solves, corrects, subtracts and grids one
 * visibility block; {@link org.radiospark.kernels.selfcal.FacetLayout} cuts images into facets;
 * {@link org.radiospark.kernels.selfcal.FacetDeconvolver} runs one minor cycle on one facet. The
 * {@code ical} job maps these over frequency and facet partitions.
 */
package org.radiospark.kernels.selfcal;
