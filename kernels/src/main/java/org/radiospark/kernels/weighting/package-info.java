/**
 * Imaging weights: natural, uniform and Briggs robust weighting on the image's uv grid, WSClean's
 * conventions ({@link org.radiospark.kernels.weighting.ImagingWeights}).
 */
package org.radiospark.kernels.weighting;
