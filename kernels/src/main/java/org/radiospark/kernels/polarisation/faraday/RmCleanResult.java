package org.radiospark.kernels.polarisation.faraday;

/**
 * Output of {@link RmClean}, all on the FDF's axis.
 *
 * @param clean restored FDF: components convolved with a Gaussian of the RMSF FWHM plus residual
 * @param components clean components (complex), one accumulator per Faraday-depth sample
 * @param residual dirty FDF minus the components convolved with the RMSF
 * @param iterations number of components subtracted
 */
public record RmCleanResult(
    ComplexSpectrum clean, ComplexSpectrum components, ComplexSpectrum residual, int iterations) {}
