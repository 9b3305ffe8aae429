package org.radiospark.kernels.io.mwa;

/**
 * One integration in a gpubox file, located by {@link GpuboxReader#scan} so that it can be read
 * without parsing the rest of the file again.
 *
 * @param hdu 0-based index of the visibility HDU
 * @param weightsHdu 0-based index of its weights HDU (MWAX), or -1
 * @param unixTimeMs start of the integration, Unix milliseconds ({@code TIME * 1000 + MILLITIM})
 * @param nFine fine channels in the HDU
 * @param dataOffset byte offset of the visibility data in the file
 * @param weightsOffset byte offset of the weights data (MWAX), or -1
 * @param bitpix {@code BITPIX} of the visibility data: 32 (int32) or -32 (float32)
 * @param bscale {@code BSCALE} of the visibility data (1 when absent)
 * @param bzero {@code BZERO} of the visibility data (0 when absent)
 */
public record GpuboxTimestep(
    int hdu,
    int weightsHdu,
    long unixTimeMs,
    int nFine,
    long dataOffset,
    long weightsOffset,
    int bitpix,
    double bscale,
    double bzero) {

  /** A copy with the weights HDU attached. */
  GpuboxTimestep withWeights(int hduIndex, long offset) {
    return new GpuboxTimestep(
        hdu, hduIndex, unixTimeMs, nFine, dataOffset, offset, bitpix, bscale, bzero);
  }
}
