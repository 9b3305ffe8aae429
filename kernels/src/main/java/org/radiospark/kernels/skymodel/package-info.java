/**
 * Sky models and catalogues: lists of {@code SkyComponent} as CSV ({@link
 * org.radiospark.kernels.skymodel.ComponentCsv}); the GLEAM VOTable ({@link
 * org.radiospark.kernels.skymodel.GleamVoTableReader}) and hyperdrive YAML source lists ({@link
 * org.radiospark.kernels.skymodel.HyperdriveSourceListReader}) as {@link
 * org.radiospark.kernels.skymodel.CatalogueComponent}s with hyperdrive's spectral models ({@link
 * org.radiospark.kernels.skymodel.SpectralModel}), and the choice of the components that calibrate
 * a field ({@link org.radiospark.kernels.skymodel.SkyModelSelection}).
 */
package org.radiospark.kernels.skymodel;
