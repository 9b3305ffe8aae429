package org.radiospark.jobs.spectral;

/**
 * The Faraday products of one spatial tile, each {@code [y * width + x]} within the tile (the FDF
 * amplitude {@code [(y * width + x) * nPhi + j]}): the twelve moment images in {@link
 * org.radiospark.kernels.polarisation.faraday.MomentImages} order, the eight peak maps in {@link
 * org.radiospark.kernels.polarisation.faraday.PeakMaps} order, {@code |F|}, and the Stokes I
 * averaged over channels with the RM-synthesis weights. Registered with Kryo.
 */
public final class TileResult {
  int tile;
  int x0;
  int y0;
  int width;
  int height;
  float[][] moments;
  float[][] peaks;
  float[] fdfAmplitude;
  float[] meanI;

  TileResult() {}
}
