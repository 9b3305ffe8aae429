package org.radiospark.jobs.spectral;

/**
 * The pixels of one spatial tile in one channel: Stokes I, Q, U, row-major within the tile ({@code
 * [y * width + x]}). The value that the one re-keying from channels to tiles moves; registered with
 * Kryo.
 */
public final class TileSlice {
  int channel;
  float[] i;
  float[] q;
  float[] u;

  TileSlice() {}
}
