/** Sky models and catalogues: reading and writing lists of {@code SkyComponent}. */
package org.radiospark.kernels.skymodel;
