package org.radiospark.kernels.io.mwa;

/**
 * One integration in a gpubox file.
 *
 * @param hdu 0-based index of the visibility HDU
 * @param weightsHdu 0-based index of its weights HDU (MWAX), or -1
 * @param unixTimeMs start of the integration, Unix milliseconds ({@code TIME * 1000 + MILLITIM})
 * @param nFine fine channels in the HDU
 */
public record GpuboxTimestep(int hdu, int weightsHdu, long unixTimeMs, int nFine) {}
