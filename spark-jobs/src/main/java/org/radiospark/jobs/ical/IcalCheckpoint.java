package org.radiospark.jobs.ical;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.partitioners.VisKey;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The driver's state after a completed major loop, kept in {@code PREFIX-checkpoint/} so that
 * {@code ical --resume} restarts from the last completed loop instead of the first (issue 8).
 *
 * <p>Everything a loop reads from the loops before it is here: the CLEAN model, every block's
 * gains, the PSF and dirty image of loop 0, the components cleaned so far, the auto-mask phase and
 * the last residual rms, in full double precision, so that a resumed run continues bit for bit as
 * the uninterrupted one would have. The arrays go into {@code state-NNNN.kryo} (Spark's Kryo with
 * RadioSpark's registrator; readable by the same RadioSpark version), the loop statistics and a
 * fingerprint of the options into {@code state.json}, which is written last and atomically: it
 * names the one complete state file, so a crash while writing leaves the previous checkpoint
 * intact. The visibilities themselves are not checkpointed: they are re-read from the input. Size:
 * three double images (model, PSF, dirty) and the gains; removed when the run's outputs are
 * committed.
 */
public final class IcalCheckpoint {
  static final String FORMAT = "radiospark-ical-checkpoint/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The driver state; plain fields for Kryo (registered in RadioSpark's registrator). */
  public static final class State {
    /** The loop to run next. */
    int nextLoop;

    long cleaned;
    boolean maskPhase;
    double residualRmsJy;
    double[] model;
    double[] psf;
    double[] dirty;
    VisKey[] gainKeys;
    GainTable[] gains;

    /** Loop statistics (kept in the JSON, not in the Kryo file). */
    transient List<IcalJob.LoopStats> stats = new ArrayList<>();

    /** For Kryo. */
    public State() {}

    Map<VisKey, GainTable> gainMap() {
      Map<VisKey, GainTable> m = new HashMap<>();
      for (int i = 0; i < gainKeys.length; i++) {
        m.put(gainKeys[i], gains[i]);
      }
      return m;
    }
  }

  private final Path dir;
  private final String fingerprint;
  private final SerializerInstance kryo;

  IcalCheckpoint(IcalOptions opt, SparkConf conf) {
    this.dir = directory(opt.prefix());
    this.fingerprint = fingerprint(opt);
    this.kryo = new KryoSerializer(conf).newInstance();
  }

  /** {@code PREFIX-checkpoint}. */
  static Path directory(String prefix) {
    return Path.of(prefix + "-checkpoint");
  }

  /**
   * What must not change between a run and its resumption: every option except the number of major
   * loops (a finished run may be resumed with more), {@code --overwrite} and {@code --resume}, and
   * the input file's size and modification time.
   */
  static String fingerprint(IcalOptions opt) {
    String options =
        opt.toString()
            .replaceAll("nmajor=\\d+, ", "")
            .replaceAll(", resume=(true|false)", "")
            .replaceAll(", overwrite=(true|false)", "");
    try {
      Path in = Path.of(opt.input());
      return options + " size=" + Files.size(in) + " mtime=" + Files.getLastModifiedTime(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the state (atomically: the previous checkpoint stays valid until this one is). */
  void save(State s) {
    try {
      Files.createDirectories(dir);
      String name = String.format(java.util.Locale.ROOT, "state-%04d.kryo", s.nextLoop);
      ByteBuffer buf = kryo.serialize(s, tag());
      byte[] bytes = new byte[buf.remaining()];
      buf.get(bytes);
      AtomicFiles.write(dir.resolve(name), true, out -> out.write(bytes));

      ObjectNode root = JSON.createObjectNode();
      root.put("format", FORMAT);
      root.put("nextLoop", s.nextLoop);
      root.put("stateFile", name);
      root.put("fingerprint", fingerprint);
      root.set("loops", JSON.valueToTree(s.stats));
      // written last: it names the one complete state file
      AtomicFiles.write(
          dir.resolve("state.json"), true, out -> out.write(JSON.writeValueAsBytes(root)));
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String f = p.getFileName().toString();
          if (f.startsWith("state-") && f.endsWith(".kryo") && !f.equals(name)) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("ical: cannot write the checkpoint in " + dir, e);
    }
  }

  /**
   * Removes the checkpoint once the outputs are committed: a finished run needs none, and resuming
   * it recomputes the same outputs from the start.
   */
  void delete() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("ical: cannot remove the checkpoint " + dir, e);
    }
  }

  /**
   * The last checkpoint, or null when there is none.
   *
   * @throws BadOptionException when it was made with other options or another input
   */
  State load() {
    Path json = dir.resolve("state.json");
    if (!Files.exists(json)) {
      return null;
    }
    try {
      var root = JSON.readTree(json.toFile());
      if (!FORMAT.equals(root.path("format").asText())) {
        throw new BadOptionException(json + ": format is not " + FORMAT);
      }
      if (!fingerprint.equals(root.path("fingerprint").asText())) {
        throw new BadOptionException(
            "--resume: "
                + json
                + " was made with other options or another input; run without --resume (and"
                + " with --overwrite) to start again. Checkpoint: "
                + root.path("fingerprint").asText()
                + "; now: "
                + fingerprint);
      }
      byte[] bytes = Files.readAllBytes(dir.resolve(root.path("stateFile").asText()));
      State s = kryo.deserialize(ByteBuffer.wrap(bytes), tag());
      s.stats = new ArrayList<>();
      for (var node : root.path("loops")) {
        s.stats.add(JSON.treeToValue(node, IcalJob.LoopStats.class));
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("ical: cannot read the checkpoint " + json, e);
    }
  }

  private static ClassTag<State> tag() {
    return ClassTag$.MODULE$.apply(State.class);
  }
}
