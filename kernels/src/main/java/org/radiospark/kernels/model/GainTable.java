package org.radiospark.kernels.model;

import java.util.Objects;

/**
 * Per-antenna 2x2 Jones matrices for a grid of solution intervals and channel blocks.
 *
 * <p>Layout: {@code jones[8 * cell + 2 * e + {0 re, 1 im}]} with {@code cell = (slot * nChanBlocks
 * + block) * nAnt + ant} and element {@code e} in row-major order J00, J01, J10, J11 (for linear
 * feeds J00 is X, J11 is Y). Diagonal solutions have J01 = J10 = 0; scalar (phase-only or
 * amplitude-and-phase) solutions also have J00 = J11. {@code flagged[cell]} marks solutions that
 * failed or had no data. Visibilities are corrupted as {@code V_pq = J_p M_pq J_q^H}.
 */
public final class GainTable {
  /** What the solver solved for. */
  public enum JonesType {
    /** One complex gain per antenna, phase only (|g| = 1). */
    PHASE,
    /** One complex gain per antenna and feed (diagonal Jones). */
    DIAGONAL,
    /** Full 2x2 Jones, including leakage. */
    FULL
  }

  private final JonesType type;
  private final int nAnt;
  private final int nSlots;
  private final int nChanBlocks;
  private final double[] slotStartMjdSec;
  private final double[] slotEndMjdSec;
  private final double[] blockFreqHz;
  private final double[] jones;
  private final boolean[] flagged;
  private final int refAnt;

  public GainTable(
      JonesType type,
      int nAnt,
      double[] slotStartMjdSec,
      double[] slotEndMjdSec,
      double[] blockFreqHz,
      double[] jones,
      boolean[] flagged,
      int refAnt) {
    this.type = Objects.requireNonNull(type, "type");
    this.nAnt = nAnt;
    this.nSlots = slotStartMjdSec.length;
    this.nChanBlocks = blockFreqHz.length;
    if (slotEndMjdSec.length != nSlots) {
      throw new IllegalArgumentException("slot start and end lengths differ");
    }
    int cells = nSlots * nChanBlocks * nAnt;
    if (jones.length != 8 * cells || flagged.length != cells) {
      throw new IllegalArgumentException(
          "jones/flagged lengths " + jones.length + "/" + flagged.length + " for " + cells);
    }
    if (refAnt < -1 || refAnt >= nAnt) {
      throw new IllegalArgumentException("reference antenna " + refAnt + " out of range");
    }
    this.slotStartMjdSec = slotStartMjdSec;
    this.slotEndMjdSec = slotEndMjdSec;
    this.blockFreqHz = blockFreqHz;
    this.jones = jones;
    this.flagged = flagged;
    this.refAnt = refAnt;
  }

  /** Identity gains (J = 1) for every cell. */
  public static GainTable identity(
      JonesType type,
      int nAnt,
      double[] slotStartMjdSec,
      double[] slotEndMjdSec,
      double[] blockFreqHz,
      int refAnt) {
    int cells = slotStartMjdSec.length * blockFreqHz.length * nAnt;
    double[] j = new double[8 * cells];
    for (int c = 0; c < cells; c++) {
      j[8 * c] = 1;
      j[8 * c + 6] = 1;
    }
    return new GainTable(
        type, nAnt, slotStartMjdSec, slotEndMjdSec, blockFreqHz, j, new boolean[cells], refAnt);
  }

  /** Offset of cell (slot, block, ant) into {@link #jones()} is 8 times this. */
  public int cell(int slot, int block, int ant) {
    return (slot * nChanBlocks + block) * nAnt + ant;
  }

  /** The solution slot containing {@code timeMjdSec}, or -1. */
  public int slotOf(double timeMjdSec) {
    for (int s = 0; s < nSlots; s++) {
      if (timeMjdSec >= slotStartMjdSec[s] && timeMjdSec < slotEndMjdSec[s]) {
        return s;
      }
    }
    return -1;
  }

  public JonesType type() {
    return type;
  }

  public int nAnt() {
    return nAnt;
  }

  public int nSlots() {
    return nSlots;
  }

  public int nChanBlocks() {
    return nChanBlocks;
  }

  public double[] slotStartMjdSec() {
    return slotStartMjdSec;
  }

  public double[] slotEndMjdSec() {
    return slotEndMjdSec;
  }

  public double[] blockFreqHz() {
    return blockFreqHz;
  }

  public double[] jones() {
    return jones;
  }

  public boolean[] flagged() {
    return flagged;
  }

  /** The reference antenna whose phase is zero, or -1 if none was set. */
  public int refAnt() {
    return refAnt;
  }
}
