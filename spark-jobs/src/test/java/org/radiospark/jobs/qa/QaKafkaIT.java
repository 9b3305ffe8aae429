package org.radiospark.jobs.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.spectral.SpectralJob;
import org.radiospark.jobs.spectral.SpectralOptions;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.polarisation.stokes.PolarisationCleanMode;
import org.radiospark.kernels.simulation.FaradayThinSource;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.PolarisedSimulator;
import org.radiospark.kernels.simulation.SimulationParameters;

/**
 * Acceptance 3 of issue 5 through a real Kafka broker (KRaft, in this JVM on loopback, see {@link
 * KafkaBroker}): the spectral job on a small simulated observation (8 channels, 64^2 pixels)
 * publishes with {@code --qa kafka://127.0.0.1:PORT/qa}; {@code qa-aggregate} receives every
 * message (channels + 4 stages). A second run stops the broker after its third message: the run
 * finishes, fails over once to {@code PREFIX-qa-fallback.jsonl}, and the messages in Kafka (read
 * after a restart of the broker) and in the fallback file are, de-duplicated by id, all of them.
 */
class QaKafkaIT {
  private static final int NCHAN = 8;
  private static final int N = 64;
  private static final int STAGES = 4; // imaging, faraday, write, done
  private static final PhaseCentre CENTRE = PhaseCentre.ofDegrees(150, -30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Path input;
  private static double cellRad;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSessions.session("qa-kafka-it", "local[2]");
    // The broker's INFO lines would bury the test's own output.
    Configurator.setLevel("kafka", Level.WARN);
    Configurator.setLevel("org.apache.kafka", Level.WARN);
    Configurator.setLevel("state.change.logger", Level.WARN);
    // A single-node controller stopping logs its own pending events as errors: expected here.
    Configurator.setLevel("org.apache.kafka.controller", Level.FATAL);
    input = simulate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** 16 antennas within about 1 km of a site at -30.7 deg latitude. */
  private static AntennaConfiguration array() {
    GeodeticPosition site = GeodeticPosition.ofDegrees(21.44, -30.71, 1050);
    int n = 16;
    String[] names = new String[n];
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    double[] d = new double[n];
    java.util.Random rnd = new java.util.Random(11);
    double r = 6_371_000;
    for (int a = 0; a < n; a++) {
      double east = 1000 * (rnd.nextDouble() - 0.5);
      double north = 1000 * (rnd.nextDouble() - 0.5);
      double[] p =
          new GeodeticPosition(
                  site.lonRad() + east / (r * Math.cos(site.latRad())),
                  site.latRad() + north / r,
                  site.heightMetres())
              .toItrf();
      names[a] = "A" + a;
      x[a] = p[0];
      y[a] = p[1];
      z[a] = p[2];
      d[a] = 15;
    }
    return new AntennaConfiguration("TEST", names, x, y, z, d, new boolean[n]);
  }

  private static Path simulate() throws Exception {
    AntennaConfiguration ants = array();
    double lon = GeodeticPosition.fromItrf(ants.centroidMetres()).lonRad();
    double start =
        ObservationTiming.transitCentredStart(CENTRE.raRad(), lon, 61041 * 86400.0, 4, 900);
    SimulationParameters sp =
        SimulationParameters.builder(CENTRE, start)
            .times(4, 900)
            .channels(900e6, 10e6, NCHAN)
            .pols(SimulationParameters.LINEAR)
            .noiseSigmaJy(0.05)
            .seed(3)
            .nThreads(1)
            .build();
    // About four pixels across the main lobe of a 1 km array at 1 GHz.
    cellRad = 0.3 / 1000 / 4;
    List<FaradayThinSource> sky =
        List.of(
            new FaradayThinSource(CENTRE.raRad(), CENTRE.decRad(), 1.0, 900e6, 0, 0.2, 0.3, 30, 0));
    Path file = dir.resolve("sim.uvfits");
    var obs = PolarisedSimulator.simulate(ants, sky, sp);
    UvfitsWriter.write(file, UvfitsData.of(obs.visibilities(), ants, "QA", "sim"), true);
    return file;
  }

  private static SpectralOptions options(String prefix, String qa) {
    return new SpectralOptions(
            input.toString(),
            dir.resolve(prefix).toString(),
            N,
            N,
            cellRad,
            new SpectralOptions.Deconvolution(
                "briggs", 0, 100, 1, 1.0, 0.1, 0, 3, PolarisationCleanMode.JOINED_IQUV, 1e-4),
            SpectralOptions.Faraday.defaults(),
            new SpectralOptions.Execution(2, 64, qa, 0, 1),
            false)
        .validate();
  }

  /** Runs {@code qa-aggregate}; returns the exit status and the summary JSON. */
  private static JsonNode aggregate(String name, int expectedStatus, String... args)
      throws Exception {
    Path out = dir.resolve(name + ".json");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    String[] cmd = new String[args.length + 3];
    cmd[0] = "qa-aggregate";
    System.arraycopy(args, 0, cmd, 1, args.length);
    cmd[args.length + 1] = "-o";
    cmd[args.length + 2] = out.toString();
    int status = RadioSparkCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), cmd);
    System.out.print(o);
    System.out.print(e);
    assertEquals(expectedStatus, status, e.toString());
    return JSON.readTree(out.toFile());
  }

  private static JsonNode run(JsonNode summary, String runId) {
    for (JsonNode r : summary.get("runs")) {
      if (r.get("run").asText().equals(runId)) {
        return r;
      }
    }
    throw new AssertionError("run " + runId + " not in " + summary);
  }

  @Test
  void everyMessageReachesKafkaOrTheFallbackWhenTheBrokerStopsMidRun() throws Exception {
    int all = NCHAN + STAGES;
    try (KafkaBroker broker = new KafkaBroker(dir.resolve("kafka"))) {
      long t0 = System.nanoTime();
      broker.start();
      System.out.printf(
          "qa-kafka: KRaft broker on 127.0.0.1:%d up in %.1f s%n",
          broker.port(), (System.nanoTime() - t0) * 1e-9);
      String uri = broker.uri("qa");

      // Run 1: the broker stays up.
      Observed first = new Observed(m -> {});
      SpectralJob.run(options("up", uri), () -> spark, first);
      assertEquals(all, first.published.get(), "published channels + stages");
      assertTrue(!first.fallback.failedOver(), "no failure with the broker up");
      assertTrue(!Files.exists(QaSinks.fallbackFile(dir.resolve("up").toString())));
      JsonNode one =
          aggregate(
              "agg-up", 0, "--qa", uri, "--expect", Integer.toString(all), "--timeout-s", "20");
      assertEquals(all, run(one, first.run).get("messages").asInt(), "all messages in Kafka");
      assertEquals(all, one.get("unique").asInt());

      // Run 2: the broker is stopped once the first three messages of the run are acknowledged
      // (waiting for the acks makes the split between Kafka and the fallback reproducible).
      Observed[] hook = new Observed[1];
      Observed second =
          new Observed(
              n -> {
                if (n == 3) {
                  KafkaQaSink kafka = (KafkaQaSink) hook[0].fallback.primary();
                  long ts = System.nanoTime();
                  while (kafka.delivered() < 3 && System.nanoTime() - ts < 10_000_000_000L) {
                    pause();
                  }
                  System.out.printf(
                      "qa-kafka: %d message(s) acknowledged before the stop%n", kafka.delivered());
                  ts = System.nanoTime();
                  broker.stop();
                  System.out.printf(
                      "qa-kafka: broker stopped after message 3 (%.1f s)%n",
                      (System.nanoTime() - ts) * 1e-9);
                }
              });
      hook[0] = second;
      long t2 = System.nanoTime();
      SpectralJob.Result r = SpectralJob.run(options("down", uri), () -> spark, second);
      double runSeconds = (System.nanoTime() - t2) * 1e-9;
      assertEquals(NCHAN, r.nChannels(), "the run finished");
      assertEquals(all, second.published.get());
      assertTrue(second.fallback.failedOver(), "failed over to the fallback");
      Path fallback = QaSinks.fallbackFile(dir.resolve("down").toString());
      List<String> fallbackLines = Files.readAllLines(fallback);
      assertEquals(second.fallback.fallbackMessages(), fallbackLines.size());

      // Restart the broker on the same storage: what it acknowledged before stopping is there.
      broker.start();
      Set<String> inKafka = new HashSet<>();
      QaReader.readTopic(
          KafkaTopicUri.parse(uri),
          Duration.ofSeconds(20),
          null,
          v -> {
            JsonNode m = parse(v);
            if (m.get("run").asText().equals(second.run)) {
              inKafka.add(m.get("id").asText());
            }
          });
      Set<String> inFallback = new HashSet<>();
      for (String line : fallbackLines) {
        inFallback.add(parse(line).get("id").asText());
      }
      Set<String> union = new HashSet<>(inKafka);
      union.addAll(inFallback);
      Set<String> both = new HashSet<>(inKafka);
      both.retainAll(inFallback);
      System.out.printf(
          "qa-kafka: run with the broker stopped: %d published, %d in Kafka, %d in the fallback,"
              + " %d in both, %d distinct; run %.1f s%n",
          second.published.get(),
          inKafka.size(),
          inFallback.size(),
          both.size(),
          union.size(),
          runSeconds);
      assertEquals(all, union.size(), "none lost");
      assertEquals(fallbackLines.size(), inFallback.size(), "no message twice in the fallback");
      assertTrue(inKafka.size() >= 3, "the acknowledged messages are in Kafka");
      assertTrue(inFallback.size() >= all - 3, "everything after the stop went to the fallback");

      // The aggregator sees both runs whole, with Kafka and the fallback file together.
      JsonNode two =
          aggregate(
              "agg-down",
              0,
              "--qa",
              uri,
              "--fallback",
              fallback.toString(),
              "--expect",
              Integer.toString(2 * all),
              "--timeout-s",
              "20");
      assertEquals(all, run(two, first.run).get("messages").asInt());
      assertEquals(all, run(two, second.run).get("messages").asInt());
      assertEquals(2 * all, two.get("unique").asInt());
      assertEquals(both.size(), two.get("duplicates").asInt());
      JsonNode imaging = run(two, second.run).get("stages").get(0);
      assertEquals("imaging", imaging.get("stage").asText());
      assertEquals(NCHAN, imaging.get("channelMessages").asInt());
      assertEquals(NCHAN, imaging.get("channelMetrics").get("rmsI").get("n").asInt());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  /** Test hook around the job's sink: counts messages and calls {@code after} with the count. */
  private static final class Observed implements UnaryOperator<QaSink> {
    final AtomicInteger published = new AtomicInteger();
    final java.util.function.IntConsumer after;
    FallbackQaSink fallback;
    String run;

    Observed(java.util.function.IntConsumer after) {
      this.after = after;
    }

    @Override
    public QaSink apply(QaSink sink) {
      IdentifiedQaSink ids = (IdentifiedQaSink) sink;
      run = ids.run();
      fallback = (FallbackQaSink) ids.delegate();
      return new QaSink() {
        @Override
        public void publish(QaMessage message) {
          sink.publish(message);
          after.accept(published.incrementAndGet());
        }

        @Override
        public void close() {
          sink.close();
        }
      };
    }
  }
}
