/**
 * Gridding and degridding of visibilities: the exponential-of-semicircle kernel ({@link
 * org.radiospark.kernels.gridding.EsKernel}), its measured accuracy table ({@link
 * org.radiospark.kernels.gridding.KernelTable}) and the wide-field w-gridder ({@link
 * org.radiospark.kernels.gridding.WGridder}), an adjoint pair {@code ms2dirty} / {@code dirty2ms}
 * after ducc0's wgridder (Arras et al. 2021; Ye et al. 2022).
 */
package org.radiospark.kernels.gridding;
