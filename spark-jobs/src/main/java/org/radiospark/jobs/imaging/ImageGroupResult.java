package org.radiospark.jobs.imaging;

import org.radiospark.kernels.model.Image;

/**
 * What one imaging task sends back to the driver for its channel group: the five WSClean products
 * and the numbers the run summary needs. Registered with Kryo (plain fields, no constructor logic).
 */
public final class ImageGroupResult {
  int group;
  Image dirty;
  Image psf;
  Image model;
  Image residual;
  Image restored;
  double sumWeights;
  long iterations;
  int majorCycles;
  String stopReason;
  double finalThresholdJy;
  double seconds;

  ImageGroupResult() {}

  /** Drops the images once written, keeping the CLEAN figures for the run summary. */
  void dropImages() {
    dirty = null;
    psf = null;
    model = null;
    residual = null;
    restored = null;
  }
}
