package org.radiospark.kernels.beamform;

import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.io.vcs.VcsSecond;

/**
 * Beams of many pointings from one second of one coarse channel of legacy VCS voltages: unpack each
 * summed tile's voltages, calibrate ({@link CalibrationJones}), form, detect and average ({@link
 * TiedArrayBeamformer}), and optionally the incoherent sum.
 *
 * <p>Output layout: {@code beams[b][stokes][slot][outOffset + t / downsample]} and {@code
 * incoherent[slot][outOffset + t / downsample]}, {@code slot} the fine-channel slot of the file.
 * Complexity O(slots x (beams + 1) x tiles x 10,000).
 */
public final class VcsBeamformer {
  private VcsBeamformer() {}

  /**
   * Forms the beams of one second.
   *
   * @param data the second's voltages
   * @param array the array (for the VCS input positions)
   * @param tiles the tiles summed
   * @param weights {@code [slot][beam][4 tiles.length]} ({@link BeamWeights#compute})
   * @param invJones {@code [slot][j][8]} inverse gains, or null for none ({@link
   *     CalibrationJones#forChannel})
   * @param params detection
   * @param beams output, or null to form no coherent beam
   * @param incoherent output of the incoherent sum, or null
   * @param outOffset first output sample of this second
   */
  public static void formSecond(
      VcsSecond data,
      TiedArray array,
      int[] tiles,
      float[][][] weights,
      double[][][] invJones,
      BeamformParams params,
      float[][][][] beams,
      float[][] incoherent,
      int outOffset) {
    int nT = VcsFormat.SAMPLES_PER_SECOND;
    int n = tiles.length;
    float[][] re = new float[2 * n][nT];
    float[][] im = new float[2 * n][nT];
    int nBeams = beams == null ? 0 : beams.length;
    float[][][] out = new float[nBeams][][];
    for (int slot = 0; slot < data.format().fineChannels(); slot++) {
      for (int j = 0; j < n; j++) {
        int a = tiles[j];
        data.unpack(slot, array.vcsIndex()[a][0], re[2 * j], im[2 * j]);
        data.unpack(slot, array.vcsIndex()[a][1], re[2 * j + 1], im[2 * j + 1]);
        if (invJones != null) {
          CalibrationJones.apply(
              invJones[slot][j], re[2 * j], im[2 * j], re[2 * j + 1], im[2 * j + 1]);
        }
      }
      if (nBeams > 0) {
        for (int b = 0; b < nBeams; b++) {
          out[b] = new float[beams[b].length][];
          for (int s = 0; s < beams[b].length; s++) {
            out[b][s] = beams[b][s][slot];
          }
        }
        TiedArrayBeamformer.form(re, im, weights[slot], params, out, outOffset);
      }
      if (incoherent != null) {
        TiedArrayBeamformer.incoherent(re, im, params.downsample(), incoherent[slot], outOffset);
      }
    }
  }
}
