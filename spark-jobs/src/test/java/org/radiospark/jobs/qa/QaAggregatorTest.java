package org.radiospark.jobs.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QaAggregatorTest {
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode channel(String run, long seq, int c, double rmsI, int iterations)
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rmsI", rmsI);
    m.put("iterations", iterations);
    m.put("stopReason", "THRESHOLD");
    return json.readTree(QaMessage.channel("spectral", "imaging", c, m).withId(run, seq).toJson());
  }

  private JsonNode stage(String run, long seq, String stage, double seconds) throws Exception {
    return json.readTree(
        QaMessage.stage("spectral", stage, Map.of("seconds", seconds)).withId(run, seq).toJson());
  }

  @Test
  void duplicatesByIdAreDroppedAndStatisticsAreExact() throws Exception {
    QaAggregator agg = new QaAggregator();
    double[] rms = {1.0, 1.2, 0.9, 1.1};
    int[] iters = {10, 20, 30, 40};
    // Published out of order, and channels 1 and 3 twice (in Kafka and in the fallback).
    int[] order = {2, 0, 1, 3, 1, 3};
    for (int c : order) {
      agg.add(channel("r", c, c, rms[c], iters[c]));
    }
    assertFalse(agg.add(channel("r", 1, 1, rms[1], iters[1])), "same id again");
    agg.add(stage("r", 4, "imaging", 2.5));
    assertEquals(8, agg.received());
    assertEquals(5, agg.unique());
    assertEquals(3, agg.duplicates());
    List<QaAggregator.RunSummary> runs = agg.summarise();
    assertEquals(1, runs.size());
    QaAggregator.StageSummary s = runs.get(0).stages().get(0);
    assertEquals("imaging", s.stage());
    assertEquals(4, s.channelMessages());
    assertEquals(1, s.stageMessages());
    QaAggregator.Stat r = s.channelMetrics().get("rmsI");
    assertEquals(4, r.n());
    assertEquals(0.9, r.min());
    assertEquals(1.2, r.max());
    assertEquals((1.0 + 1.2 + 0.9 + 1.1) / 4, r.mean(), 1e-15);
    assertEquals(25, s.channelMetrics().get("iterations").mean(), 1e-15);
    assertFalse(s.channelMetrics().containsKey("channel"), "the channel number is no metric");
    assertEquals(2.5, s.stageFields().get("seconds"));
    assertTrue(runs.get(0).alerts().isEmpty());
  }

  @Test
  void aPlantedRmsJumpRaisesOneAlertAndNoiseNone() throws Exception {
    Random rnd = new Random(4);
    QaAggregator agg = new QaAggregator();
    int n = 40;
    int jump = 23;
    for (int c = 0; c < n; c++) {
      // rms scattered by 10% (a channel's noise estimate), one channel 5x worse (RFI).
      double rms = 0.01 * (1 + 0.1 * rnd.nextGaussian()) * (c == jump ? 5 : 1);
      agg.add(channel("r", c, c, rms, 100));
    }
    List<QaAggregator.Alert> alerts = agg.summarise().get(0).alerts();
    assertEquals(1, alerts.size(), alerts.toString());
    assertEquals(jump, alerts.get(0).channel());
    assertEquals("rmsI", alerts.get(0).metric());
    assertTrue(alerts.get(0).ratio() > 3);
    assertTrue(agg.table().contains("ALERT imaging channel 23"), agg.table());
  }

  @Test
  void theRuleComparesWithTheMedianOfAllPreviousChannels() {
    QaAggregator agg = new QaAggregator(3);
    // Medians of the previous channels: -, 1, 1.5, 2, 4.25, 6.5, (NaN skipped), 8.25.
    double[] v = {1, 2, 10, 6.5, 20, 19, Double.NaN, 60};
    int[] ch = {0, 1, 2, 3, 4, 5, 6, 7};
    List<Integer> expected = new ArrayList<>();
    List<Double> prev = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        continue;
      }
      if (!prev.isEmpty()) {
        List<Double> s = new ArrayList<>(prev);
        s.sort(null);
        int m = s.size();
        double median = m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2;
        if (v[i] > 3 * median) {
          expected.add(ch[i]);
        }
      }
      prev.add(v[i]);
    }
    List<Integer> got = new ArrayList<>();
    for (QaAggregator.Alert a : agg.jumps("r", "imaging", "rmsI", ch, v)) {
      got.add(a.channel());
    }
    assertEquals(List.of(2, 3, 4, 7), expected, "the brute-force reference");
    assertEquals(expected, got);
  }

  @Test
  void runsAreKeptApartAndBadMessagesRefused() throws Exception {
    QaAggregator agg = new QaAggregator();
    agg.add(channel("a", 0, 0, 1, 1));
    agg.add(channel("b", 0, 0, 1, 1));
    agg.add(json.readTree("{\"pipeline\":\"spectral\",\"kind\":\"stage\",\"stage\":\"done\"}"));
    agg.add(json.readTree("{\"pipeline\":\"spectral\",\"kind\":\"stage\",\"stage\":\"done\"}"));
    assertEquals(3, agg.summarise().size());
    assertEquals(4, agg.unique(), "messages without an id are all kept");
    JsonNode j = agg.toJson(json);
    assertEquals(3, j.get("runs").size());
    assertThrows(IllegalArgumentException.class, () -> agg.add(json.readTree("[1]")));
    assertThrows(IllegalArgumentException.class, () -> new QaAggregator(1));
  }
}
