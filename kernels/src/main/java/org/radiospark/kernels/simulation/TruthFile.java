package org.radiospark.kernels.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.SkyComponent;

/**
 * The truth of a simulation as JSON (Jackson): what a calibration or imaging run should recover.
 *
 * <pre>{@code
 * { "format": "radiospark-truth/1",
 *   "parameters": { ...SimulationParameters, phaseCentre in radians... },
 *   "antennas": ["name", ...],
 *   "components": [ { "raDeg", "decDeg", "stokesJy": [I, Q, U, V], "refFreqHz", "spectralIndex",
 *                     "majorArcsec", "minorArcsec", "paDeg" } ],
 *   "gains": { "type", "refAnt", "slotStartMjdSec": [...], "slotEndMjdSec": [...],
 *              "blockFreqHz": [...],
 *              "antennas": [ { "index", "name", "cells": [ { "slot", "block", "flagged",
 *                  "feeds": [ {"amplitude", "phaseRad"} x2 ], "jones": [8 doubles] } ] } ] } }
 * }</pre>
 *
 * <p>{@code jones} holds J00, J01, J10, J11 as (re, im) pairs, the {@link GainTable} layout, and is
 * what {@link #read} uses; {@code feeds} (amplitude and phase of J00 and J11) is for people and
 * plotting. Doubles are written in the shortest form that reads back exactly; angles in degrees
 * round-trip to within one ulp of the radian value. Files are written to a temporary name and
 * renamed, so a failed write never leaves a truncated file.
 */
public final class TruthFile {
  /** The format tag written and expected. */
  public static final String FORMAT = "radiospark-truth/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private TruthFile() {}

  /**
   * The content of a truth file.
   *
   * @param parameters the simulation parameters
   * @param antennaNames antenna names in index order
   * @param components the sky model
   * @param gains the true gains
   */
  public record Truth(
      SimulationParameters parameters,
      List<String> antennaNames,
      List<SkyComponent> components,
      GainTable gains) {}

  /** Writes the truth of {@code obs} to {@code file} (replacing it). */
  public static void write(Path file, SimulatedObservation obs) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.set("parameters", MAPPER.valueToTree(obs.parameters()));
    ArrayNode names = root.putArray("antennas");
    for (String n : obs.configuration().names()) {
      names.add(n);
    }
    ArrayNode comps = root.putArray("components");
    for (SkyComponent c : obs.components()) {
      ObjectNode o = comps.addObject();
      o.put("raDeg", Math.toDegrees(c.raRad()));
      o.put("decDeg", Math.toDegrees(c.decRad()));
      ArrayNode s = o.putArray("stokesJy");
      for (double f : c.fluxJy()) {
        s.add(f);
      }
      o.put("refFreqHz", c.refFreqHz());
      o.put("spectralIndex", c.spectralIndex());
      o.put("majorArcsec", Math.toDegrees(c.majorRad()) * 3600);
      o.put("minorArcsec", Math.toDegrees(c.minorRad()) * 3600);
      o.put("paDeg", Math.toDegrees(c.paRad()));
    }
    root.set("gains", gainsNode(obs.trueGains(), obs.configuration().names()));
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static ObjectNode gainsNode(GainTable g, String[] names) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", g.type().name());
    o.put("refAnt", g.refAnt());
    putArray(o, "slotStartMjdSec", g.slotStartMjdSec());
    putArray(o, "slotEndMjdSec", g.slotEndMjdSec());
    putArray(o, "blockFreqHz", g.blockFreqHz());
    ArrayNode ants = o.putArray("antennas");
    double[] j = g.jones();
    for (int a = 0; a < g.nAnt(); a++) {
      ObjectNode an = ants.addObject();
      an.put("index", a);
      an.put("name", a < names.length ? names[a] : "ANT" + a);
      ArrayNode cells = an.putArray("cells");
      for (int s = 0; s < g.nSlots(); s++) {
        for (int b = 0; b < g.nChanBlocks(); b++) {
          int cell = g.cell(s, b, a);
          ObjectNode c = cells.addObject();
          c.put("slot", s);
          c.put("block", b);
          c.put("flagged", g.flagged()[cell]);
          ArrayNode feeds = c.putArray("feeds");
          for (int e : new int[] {0, 3}) {
            ObjectNode f = feeds.addObject();
            double re = j[8 * cell + 2 * e];
            double im = j[8 * cell + 2 * e + 1];
            f.put("amplitude", Math.hypot(re, im));
            f.put("phaseRad", Math.atan2(im, re));
          }
          ArrayNode jn = c.putArray("jones");
          for (int k = 0; k < 8; k++) {
            jn.add(j[8 * cell + k]);
          }
        }
      }
    }
    return o;
  }

  private static void putArray(ObjectNode o, String name, double[] values) {
    ArrayNode a = o.putArray(name);
    for (double v : values) {
      a.add(v);
    }
  }

  /**
   * Reads a truth file.
   *
   * @throws InvalidInputException naming the file and the field when the content is not a truth
   *     file of this format
   */
  public static Truth read(Path file) throws IOException {
    String f = file.toString();
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(f, null, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(f, "format", "expected \"" + FORMAT + "\"");
    }
    SimulationParameters params;
    try {
      params = MAPPER.treeToValue(require(f, root, "parameters"), SimulationParameters.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(f, "parameters", "invalid: " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : require(f, root, "antennas")) {
      names.add(n.asText());
    }
    List<SkyComponent> comps = new ArrayList<>();
    JsonNode cs = require(f, root, "components");
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      String where = "components[" + i + "]";
      double[] s = doubles(f, c, "stokesJy", where);
      if (s.length != 4) {
        throw new InvalidInputException(f, where + ".stokesJy", "expected 4 values (I, Q, U, V)");
      }
      try {
        comps.add(
            new SkyComponent(
                Math.toRadians(number(f, c, "raDeg", where)),
                Math.toRadians(number(f, c, "decDeg", where)),
                s,
                number(f, c, "refFreqHz", where),
                number(f, c, "spectralIndex", where),
                Math.toRadians(number(f, c, "majorArcsec", where) / 3600),
                Math.toRadians(number(f, c, "minorArcsec", where) / 3600),
                Math.toRadians(number(f, c, "paDeg", where))));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(f, where, e.getMessage(), e);
      }
    }
    return new Truth(
        params, List.copyOf(names), List.copyOf(comps), readGains(f, require(f, root, "gains")));
  }

  private static GainTable readGains(String f, JsonNode g) {
    GainTable.JonesType type;
    try {
      type = GainTable.JonesType.valueOf(g.path("type").asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(f, "gains.type", "expected PHASE, DIAGONAL or FULL", e);
    }
    double[] starts = doubles(f, g, "slotStartMjdSec", "gains");
    double[] ends = doubles(f, g, "slotEndMjdSec", "gains");
    double[] blocks = doubles(f, g, "blockFreqHz", "gains");
    JsonNode ants = require(f, g, "antennas");
    int nAnt = ants.size();
    int cells = starts.length * blocks.length * nAnt;
    double[] jones = new double[8 * cells];
    boolean[] flagged = new boolean[cells];
    for (int a = 0; a < nAnt; a++) {
      JsonNode an = ants.get(a);
      String where = "gains.antennas[" + a + "]";
      int index = (int) number(f, an, "index", where);
      if (index < 0 || index >= nAnt) {
        throw new InvalidInputException(f, where + ".index", "expected 0.." + (nAnt - 1));
      }
      JsonNode cl = require(f, an, "cells");
      for (int k = 0; k < cl.size(); k++) {
        JsonNode c = cl.get(k);
        String cw = where + ".cells[" + k + "]";
        int slot = (int) number(f, c, "slot", cw);
        int block = (int) number(f, c, "block", cw);
        if (slot < 0 || slot >= starts.length || block < 0 || block >= blocks.length) {
          throw new InvalidInputException(f, cw, "slot or block out of range");
        }
        int cell = (slot * blocks.length + block) * nAnt + index;
        double[] j = doubles(f, c, "jones", cw);
        if (j.length != 8) {
          throw new InvalidInputException(f, cw + ".jones", "expected 8 numbers");
        }
        System.arraycopy(j, 0, jones, 8 * cell, 8);
        flagged[cell] = c.path("flagged").asBoolean(false);
      }
    }
    try {
      return new GainTable(
          type, nAnt, starts, ends, blocks, jones, flagged, (int) number(f, g, "refAnt", "gains"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(f, "gains", e.getMessage(), e);
    }
  }

  private static JsonNode require(String f, JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(f, name, "missing");
    }
    return v;
  }

  private static double number(String f, JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    if (v == null || !v.isNumber()) {
      throw new InvalidInputException(f, where + "." + name, "expected a number");
    }
    return v.asDouble();
  }

  private static double[] doubles(String f, JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    if (v == null || !v.isArray()) {
      throw new InvalidInputException(f, where + "." + name, "expected an array of numbers");
    }
    double[] r = new double[v.size()];
    for (int i = 0; i < r.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new InvalidInputException(f, where + "." + name + "[" + i + "]", "expected a number");
      }
      r[i] = v.get(i).asDouble();
    }
    return r;
  }
}
