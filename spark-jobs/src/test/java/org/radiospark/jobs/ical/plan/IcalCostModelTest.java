package org.radiospark.jobs.ical.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.jobs.cli.PlanCommand;
import org.radiospark.kernels.gridding.KernelTable;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.partitioners.FrequencyPartitioner;

class IcalCostModelTest {
  static final IcalDimensions PAPER = IcalDimensions.builder(19_306, 8192, 4, 36).build();

  /** Bytes of the primitive arrays of a real block: the reference the model must reproduce. */
  static long arrayBytes(VisibilityBlock b) {
    return 8L * (b.uMetres().length + b.vMetres().length + b.wMetres().length)
        + 8L * (b.timeMjdSec().length + b.integrationSec().length)
        + 4L * (b.antenna1().length + b.antenna2().length)
        + 8L * (b.freqHz().length + b.chanWidthHz().length)
        + 4L * b.vis().length
        + 4L * b.weight().length
        + b.flag().length;
  }

  static VisibilityBlock block(int baselines, int nChan, int nPol) {
    Stokes[] pols =
        java.util.Arrays.copyOf(new Stokes[] {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY}, nPol);
    return VisibilityBlock.zeros(
        new double[baselines],
        new double[baselines],
        new double[baselines],
        new int[baselines],
        new int[baselines],
        new double[baselines],
        new double[baselines],
        new double[nChan],
        new double[nChan],
        pols,
        PhaseCentre.ofDegrees(0, -30));
  }

  @Test
  void visibilityBytesAreThoseOfRealBlocksSplitByTheFrequencyPartitioner() {
    int b = 10;
    int c = 11;
    int p = 3;
    int t = 4;
    int f = 3;
    IcalDimensions d = IcalDimensions.builder(b, c, p, t).freqPartitions(f).imageSize(64).build();
    long total = 0;
    long largestBlock = 0;
    for (int part = 0; part < f; part++) {
      int lo = FrequencyPartitioner.firstChannel(part, c, f);
      int hi = FrequencyPartitioner.firstChannel(part + 1, c, f);
      long bytes = arrayBytes(block(b, hi - lo, p));
      largestBlock = Math.max(largestBlock, bytes);
      total += t * bytes;
    }
    IcalCostEstimate.Derived x = IcalCostModel.estimate(d).derived();
    assertEquals(total, x.visibilityBytes());
    assertEquals(largestBlock, x.blockBytes());
    assertEquals(t * largestBlock, x.partitionBytes());
    assertEquals((long) b * t * c * p, x.samples());
    assertEquals(5, x.antennas());
  }

  @Test
  void antennasFromBaselines() {
    assertEquals(197, IcalCostModel.antennasFor(19_306));
    assertEquals(2, IcalCostModel.antennasFor(1));
    assertEquals(3, IcalCostModel.antennasFor(3));
    assertEquals(4, IcalCostModel.antennasFor(4));
    assertEquals(128, IcalCostModel.antennasFor(8128));
  }

  @Test
  void doublingTimesDoublesTheLoadButNotThePartitionersLoopShuffle() {
    IcalCostEstimate one = IcalCostModel.estimate(PAPER);
    IcalCostEstimate two = IcalCostModel.estimate(PAPER.withTimes(2 * PAPER.times()));
    StrategyCost p1 = one.strategy(Strategy.PARTITIONER);
    StrategyCost p2 = two.strategy(Strategy.PARTITIONER);
    assertEquals(
        2 * p1.stage("load+partitionBy").inputBytes(), p2.stage("load+partitionBy").inputBytes());
    assertEquals(
        2 * p1.stage("load+partitionBy").shuffleBytes(),
        p2.stage("load+partitionBy").shuffleBytes());
    assertEquals(p1.perLoop().shuffleBytes(), p2.perLoop().shuffleBytes());
    assertTrue(p1.perLoop().shuffleBytes() > 0);
    // the cogroup loop moves the visibilities, so it grows with them
    StrategyCost c1 = one.strategy(Strategy.COGROUP);
    StrategyCost c2 = two.strategy(Strategy.COGROUP);
    long addedVis = two.derived().visibilityBytes() - one.derived().visibilityBytes();
    assertTrue(c2.perLoop().shuffleBytes() - c1.perLoop().shuffleBytes() >= addedVis);
  }

  @Test
  void cogroupLoopShufflesAtLeastTheVisibilities() {
    for (IcalDimensions d :
        List.of(
            PAPER,
            PAPER.withFreqPartitions(1),
            PAPER.withFreqPartitions(8192),
            IcalDimensions.builder(21, 3, 1, 2).imageSize(32).facets(1, 1).build())) {
      IcalCostEstimate e = IcalCostModel.estimate(d);
      long vis = e.derived().visibilityBytes();
      assertTrue(e.strategy(Strategy.COGROUP).perLoop().shuffleBytes() >= vis, d.toString());
      // and the partitioner shuffles the visibilities exactly once, at load
      StrategyCost p = e.strategy(Strategy.PARTITIONER);
      assertEquals(vis, p.once().shuffleBytes());
      for (StageCost s : p.stages()) {
        if (s.perLoop() && !s.stage().equals("rekey_facets")) {
          assertEquals(0, s.shuffleBytes(), s.stage());
        }
      }
    }
  }

  @Test
  void partitionerLoopShuffleIsTheFacetImages() {
    IcalCostEstimate e = IcalCostModel.estimate(PAPER);
    IcalCostEstimate.Derived x = e.derived();
    long expected =
        (long) PAPER.freqPartitions() * PAPER.nFacets() * PAPER.pols() * x.facetImageBytes();
    assertEquals(expected, e.strategy(Strategy.PARTITIONER).perLoop().shuffleBytes());
    assertEquals(4096, x.facetNx());
    assertEquals(4096L * 4096 * 8, x.facetImageBytes());
    assertEquals(32, PAPER.freqPartitions());
  }

  @Test
  void griddingFlopsFollowTheKernelSupportAndFacets() {
    for (double eps : new double[] {1e-3, 1e-5, 1e-6}) {
      IcalDimensions d = IcalDimensions.builder(19_306, 64, 4, 2).epsilon(eps).build();
      IcalCostEstimate e = IcalCostModel.estimate(d);
      int w = e.derived().kernelSupport();
      double expected = 16.0 * w * w * e.derived().samples() * d.nFacets();
      for (Strategy s : Strategy.values()) {
        assertEquals(expected, e.strategy(s).stage("degrid").flops(), 1e-9 * expected);
      }
      // the chosen kernel really reaches epsilon (2-D budget eps / 2 per axis)
      boolean found = false;
      for (int i = 0; i < KernelTable.size(); i++) {
        KernelTable.Entry k = KernelTable.entry(i);
        if (k.support() == w && k.sigma() == e.derived().oversampling()) {
          assertTrue(k.error1d() <= eps / 2, "W=" + w + " error " + k.error1d());
          found = true;
        }
      }
      assertTrue(found);
      assertTrue(e.derived().gridNu() >= e.derived().oversampling() * e.derived().facetNx());
    }
    // where gridding dominates (the paper's data), a tighter epsilon needs a wider kernel
    int w3 = IcalCostModel.estimate(withEpsilon(1e-3)).derived().kernelSupport();
    int w6 = IcalCostModel.estimate(withEpsilon(1e-6)).derived().kernelSupport();
    assertTrue(w6 > w3, w3 + " " + w6);
  }

  private static IcalDimensions withEpsilon(double eps) {
    return IcalDimensions.builder(19_306, 8192, 4, 36).epsilon(eps).build();
  }

  @Test
  void totalsAddUpStagesAndLoops() {
    StrategyCost s = IcalCostModel.estimate(PAPER).strategy(Strategy.PARTITIONER);
    long loopTasks =
        s.stages().stream().filter(StageCost::perLoop).mapToLong(StageCost::tasks).sum();
    assertEquals(loopTasks, s.perLoop().tasks());
    assertEquals(s.once().shuffleBytes() + 9 * s.perLoop().shuffleBytes(), s.run().shuffleBytes());
    double flops =
        s.stages().stream().filter(StageCost::perLoop).mapToDouble(StageCost::flops).sum();
    assertEquals(flops, s.perLoop().flops(), 1e-12 * flops);
    assertEquals(PAPER.freqPartitions(), s.stage("degrid").tasks());
    assertEquals(PAPER.nFacets(), s.stage("deconvolve").tasks());
  }

  @Test
  void jsonRoundTripIsExact() throws Exception {
    ObjectMapper m = PlanCommand.jsonMapper();
    for (IcalDimensions d :
        List.of(
            PAPER,
            IcalDimensions.builder(3, 5, 2, 7).imageSize(100).facets(3, 1).epsilon(3e-4).build())) {
      IcalCostEstimate e = IcalCostModel.estimate(d);
      String json = m.writeValueAsString(e);
      assertEquals(e, m.readValue(json, IcalCostEstimate.class));
      assertTrue(json.contains("\"rekey_facets\""), json);
    }
  }

  @Test
  void badDimensionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> IcalDimensions.builder(0, 8, 4, 1).build());
    assertThrows(IllegalArgumentException.class, () -> IcalDimensions.builder(10, 8, 5, 1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> IcalDimensions.builder(10, 8, 4, 1).freqPartitions(9).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> IcalDimensions.builder(10, 8, 4, 1).imageSize(4).facets(8, 1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> IcalDimensions.builder(10, 8, 4, 1).epsilon(1e-9).build());
    // a run whose byte count does not fit a long is refused, not wrapped around
    IcalDimensions huge =
        IcalDimensions.builder(1L << 40, 1 << 28, 4, Integer.MAX_VALUE).freqPartitions(1).build();
    assertThrows(IllegalArgumentException.class, () -> IcalCostModel.estimate(huge));
  }
}
