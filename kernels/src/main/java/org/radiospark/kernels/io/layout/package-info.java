/**
 * Readers of real antenna layouts (SKA ECEF .cfg, SKA1-LOW local CSV, MWA CSV and metafits) into
 * {@link org.radiospark.kernels.model.AntennaConfiguration}: see {@link
 * org.radiospark.kernels.io.layout.LayoutReader}.
 */
package org.radiospark.kernels.io.layout;
