package org.radiospark.jobs.pulsar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.pulsar.Band;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.DmPlan;
import org.radiospark.kernels.pulsar.DmRangeResult;
import org.radiospark.kernels.pulsar.FoldedProfile;
import org.radiospark.kernels.pulsar.SinglePulseEvent;

/** The driver-side pieces of the pulsar job, without Spark. */
class PulsarJobPartsTest {
  @Test
  void resultCodecRoundTripIsExact() {
    DmRangeResult r =
        new DmRangeResult(
            List.of(
                new Candidate(12.5, 4.000123456789, 16, 321.5, 78.9, 1),
                new Candidate(0.1, 1 / 3.0, 2, Math.PI, 2.000001, 7)),
            List.of(new SinglePulseEvent(474.0, 2.0301492, 0.0025329375, 13.48, 3)),
            17);
    DmRangeResult back = ResultCodec.decode(ResultCodec.encode(r));
    assertEquals(r, back);
    DmRangeResult merged = ResultCodec.merge(List.of(r, back));
    assertEquals(34, merged.numDms());
    assertEquals(4, merged.candidates().size());
    assertEquals(2, merged.events().size());
  }

  @Test
  void rangesCoverEveryTrialOnceAlignedToSubbandGroups() {
    Band band = new Band(1130, 1465, 336, 1, 1.26646875e-3);
    DmPlan plan = DmPlan.ddplan(band, 0, 1000, 32, 8);
    for (int per : new int[] {1, 7, 50, 100000}) {
      List<int[]> ranges = PulsarSearchJob.ranges(plan, per);
      int[] seen = new int[plan.numDms()];
      int offset = 0;
      int stage = -1;
      int next = 0;
      for (int[] r : ranges) {
        if (r[0] != stage) {
          if (stage >= 0) {
            offset += plan.stages().get(stage).numDms();
          }
          stage = r[0];
          next = 0;
        }
        assertEquals(next, r[1]);
        assertEquals(0, r[1] % plan.stages().get(stage).dmsPerCall());
        for (int i = r[1]; i < r[2]; i++) {
          seen[offset + i]++;
        }
        next = r[2];
      }
      for (int s : seen) {
        assertEquals(1, s);
      }
    }
  }

  @Test
  void profilePlotDrawsThePeakAtTheTop() throws Exception {
    double[] prof = new double[32];
    prof[10] = 5;
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ProfilePlot.write(png, prof);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertEquals(640, img.getWidth());
    // the highest drawn profile pixel of the first turn is near the top margin, at bin 10's x
    int topY = Integer.MAX_VALUE;
    int topX = -1;
    for (int x = 21; x < 320; x++) {
      for (int y = 21; y < 339; y++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == 0x1F4FB4 && y < topY) {
          topY = y;
          topX = x;
        }
      }
    }
    assertTrue(topY <= 27, "peak at y " + topY);
    double expectX = 22 + (640 - 40 - 4) * (10.5 / 64.0);
    assertEquals(expectX, topX, 3);
  }

  @Test
  void candidateCsvHasOneRowPerCandidateAndEmptyFoldColumnsWhenNotFolded() throws Exception {
    Candidate c = new Candidate(30, 4, 16, 300, 50, 9);
    FoldedProfile f = new FoldedProfile(0.25, new double[] {1, 2}, new long[] {1, 1}, 150.5, 95.4);
    ByteArrayOutputStream os = new ByteArrayOutputStream();
    SearchReport.writeCandidates(
        os,
        List.of(new SearchReport.FoldedCandidate(c, f), new SearchReport.FoldedCandidate(c, null)));
    String[] lines = os.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    assertArrayEquals(
        new String[] {
          "1",
          "0.2500000000",
          "4.00000000",
          "30.0000",
          "50.00",
          "16",
          "300.00",
          "9",
          "0.2500000000",
          "150.500",
          "95.40"
        },
        lines[1].split(","));
    assertEquals(11, lines[2].split(",", -1).length);
    assertTrue(lines[2].endsWith(",,"));
  }
}
