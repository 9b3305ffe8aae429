package org.radiospark.jobs.beamform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.kernels.beamform.BeamWeights;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.beamform.TiedArray;
import org.radiospark.kernels.beamform.VcsBeamformer;
import org.radiospark.kernels.io.vcs.VcsFormat;
import scala.Tuple2;

/**
 * Tied-array beams of many pointings from MWA VCS voltages on Spark: the MWA beamforming pipeline
 * (make_beam, then down-sampling and the merging of channels) as one job.
 *
 * <p>Stage 1 (narrow): one task per (coarse channel, batch of pointings). The task reads its
 * channel's seconds once, in order, and forms, detects and down-samples every beam of the batch
 * from each second ({@link VcsBeamformer}); the first batch also forms the incoherent sum. Raw
 * voltages never leave the task that read them. Stage 2: the detected data, keyed by pointing, are
 * re-keyed once (the job's only shuffle) so that each pointing's coarse channels meet in one task,
 * which merges them into one file per pointing ({@link BeamOutputs}) and returns the paths written.
 *
 * <p>Performance note: a stage-1 task costs O(batch x tiles x fine channels x 10,000 x seconds)
 * complex multiply-adds per polarisation and holds {@code batch x stokes x fine channels x seconds
 * x 10,000 / downsample} floats; the shuffle moves that much per task (after down-sampling, 1/4 of
 * the detected rate with {@code --downsample 4}; Spark compresses it with its codec, zstd when the
 * command sets it). Pointings per task trade the number of reads of the raw data (channels x
 * batches) against the memory of a task.
 */
public final class BeamformJob {
  private BeamformJob() {}

  /**
   * Runs the job and writes one file set per pointing (and {@code PREFIX_incoherent}).
   *
   * @return per output, {@code {name, path, path...}}, in pointing order (incoherent last)
   */
  public static List<String[]> run(JavaSparkContext jsc, BeamformPlan plan, BeamOutputs outputs) {
    List<int[]> tasks = new ArrayList<>();
    for (int c = 0; c < plan.coarseChannels().length; c++) {
      for (int b = 0; b < plan.nBatches(); b++) {
        tasks.add(new int[] {c, b});
      }
    }
    int nKeys = plan.pointings().size() + (plan.incoherent() ? 1 : 0);
    int nParts = Math.max(1, Math.min(nKeys, jsc.defaultParallelism()));
    JavaPairRDD<Integer, Tuple2<Integer, float[][]>> detected =
        jsc.parallelize(tasks, tasks.size())
            .flatMapToPair(t -> formTask(plan, t[0], t[1]).iterator());
    JavaRDD<String[]> merged =
        detected
            .groupByKey(new HashPartitioner(nParts))
            .map(kv -> outputs.write(plan, kv._1(), kv._2()));
    // the beams are formed in the first stage; merging and writing follow in the second
    List<String[]> written =
        new ArrayList<>(
            Progress.start("beamform")
                .tasks(
                    "beamforming",
                    "coarse channel x pointing batch",
                    detected.rdd(),
                    merged::collect));
    written.sort(java.util.Comparator.comparingInt(w -> Integer.parseInt(w[0])));
    List<String[]> out = new ArrayList<>();
    for (String[] w : written) {
      out.add(java.util.Arrays.copyOfRange(w, 1, w.length));
    }
    return out;
  }

  /**
   * One stage-1 task: every beam of batch {@code batch} (and the incoherent sum for batch 0) from
   * coarse channel {@code ci}.
   *
   * @return {@code (pointing index, (ci, data[stokes x fine + slot][t]))}; the incoherent sum has
   *     key {@code pointings.size()}
   */
  static List<Tuple2<Integer, Tuple2<Integer, float[][]>>> formTask(
      BeamformPlan plan, int ci, int batch) throws IOException {
    int p0 = batch * plan.batchSize();
    int p1 = Math.min(plan.pointings().size(), p0 + plan.batchSize());
    int nb = p1 - p0;
    int nf = plan.fineChannels();
    VcsFormat format = new VcsFormat(nf);
    int ns = plan.params().nStokes();
    int perSec = plan.samplesPerSecond();
    int nOut = plan.seconds() * perSec;
    float[][][][] beams = new float[nb][ns][nf][nOut];
    float[][] inc = plan.incoherent() && batch == 0 ? new float[nf][nOut] : null;
    TiedArray array = plan.array();
    int[] tiles = array.activeTiles();
    int coarse = plan.coarseChannels()[ci];
    int[] sec = {0};
    VcsSources.forEachSecond(
        plan.sources()[ci],
        format,
        data -> {
          if (sec[0] >= plan.seconds()) {
            throw new IllegalStateException(
                "coarse channel " + coarse + " holds more than " + plan.seconds() + " seconds");
          }
          double t = plan.startUnixSec() + sec[0] + 0.5;
          float[][][] w = new float[nf][nb][];
          for (int b = 0; b < nb; b++) {
            Pointing p = plan.pointings().get(p0 + b);
            double[] dir = p.directionEnu(t, array.site());
            for (int s = 0; s < nf; s++) {
              w[s][b] = BeamWeights.compute(array, tiles, dir, format.slotFrequencyHz(coarse, s));
            }
          }
          VcsBeamformer.formSecond(
              data,
              array,
              tiles,
              w,
              plan.invJones() == null ? null : plan.invJones()[ci],
              plan.params(),
              beams,
              inc,
              sec[0] * perSec);
          sec[0]++;
        });
    if (sec[0] != plan.seconds()) {
      throw new IllegalStateException(
          "coarse channel " + coarse + ": " + sec[0] + " seconds, expected " + plan.seconds());
    }
    List<Tuple2<Integer, Tuple2<Integer, float[][]>>> out = new ArrayList<>(nb + 1);
    for (int b = 0; b < nb; b++) {
      float[][] flat = new float[ns * nf][];
      for (int s = 0; s < ns; s++) {
        for (int f = 0; f < nf; f++) {
          flat[s * nf + f] = beams[b][s][f];
        }
      }
      out.add(new Tuple2<>(p0 + b, new Tuple2<>(ci, flat)));
    }
    if (inc != null) {
      out.add(new Tuple2<>(plan.pointings().size(), new Tuple2<>(ci, inc)));
    }
    return out;
  }
}
