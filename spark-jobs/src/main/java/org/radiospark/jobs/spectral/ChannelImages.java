package org.radiospark.jobs.spectral;

/**
 * What one channel's imaging sends on: the restored I, Q, U, V images (float, {@code [s][y * nx +
 * x]}) and the numbers of its QA message. Travels from the imaging tasks to the tile re-keying and
 * to the driver; registered with Kryo (plain fields, no constructor logic).
 */
public final class ChannelImages {
  int channel;
  double freqHz;
  double bandwidthHz;
  float[][] restored;
  double beamMajorRad;
  double beamMinorRad;
  double beamPaRad;
  double[] min;
  double[] max;
  double[] residualRms;
  long iterations;
  int majorCycles;
  String stopReason;
  double seconds;

  ChannelImages() {}
}
