package org.radiospark.jobs.ical;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.partitioners.FrequencyPartitioner;
import org.radiospark.partitioners.VisKey;
import scala.Tuple2;

/**
 * Cuts a data set into the blocks ICAL keys by {@code (beam 0, loop 0, frequency block, time slot,
 * facet -1, pol -1)}: contiguous channel groups (the same split as {@link FrequencyPartitioner})
 * times solution intervals (rows whose integration centre falls in {@code [t0 + k solint, t0 + (k +
 * 1) solint)}, {@code t0} the start of the first integration). Each block is one gain solution
 * cell.
 */
public final class IcalBlocks {
  private IcalBlocks() {}

  /** The blocks and the number of time slots. */
  public record Split(List<Tuple2<VisKey, VisibilityBlock>> blocks, int timeSlots) {}

  /**
   * @param solintSec solution interval; 0 or less (or longer than the data) for one slot
   */
  public static Split split(VisibilityBlock all, int freqBlocks, double solintSec) {
    int[] slot = slotOfRows(all.timeMjdSec(), all.integrationSec(), solintSec);
    int slots = 1;
    for (int s : slot) {
      slots = Math.max(slots, s + 1);
    }
    List<Tuple2<VisKey, VisibilityBlock>> out = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      int[] rows = rowsOf(slot, s);
      if (rows.length == 0) {
        continue;
      }
      VisibilityBlock inSlot = slots == 1 ? all : all.selectRows(rows);
      for (int f = 0; f < freqBlocks; f++) {
        int c0 = FrequencyPartitioner.firstChannel(f, all.nChan(), freqBlocks);
        int c1 = FrequencyPartitioner.firstChannel(f + 1, all.nChan(), freqBlocks);
        VisibilityBlock b = freqBlocks == 1 ? inSlot : inSlot.selectChannels(c0, c1);
        out.add(new Tuple2<>(new VisKey(0, 0, f, s, -1, -1), b));
      }
    }
    return new Split(out, slots);
  }

  /**
   * The solution interval of each row: {@code floor((t - t0) / solint)}, {@code t0} the start of
   * the first integration; all 0 when {@code solintSec <= 0}.
   */
  static int[] slotOfRows(double[] t, double[] integrationSec, double solintSec) {
    int n = t.length;
    double t0 = Double.POSITIVE_INFINITY;
    for (int r = 0; r < n; r++) {
      t0 = Math.min(t0, t[r] - 0.5 * integrationSec[r]);
    }
    int[] slot = new int[n];
    if (solintSec > 0) {
      for (int r = 0; r < n; r++) {
        slot[r] = (int) Math.floor((t[r] - t0) / solintSec);
      }
    }
    return slot;
  }

  private static int[] rowsOf(int[] slot, int s) {
    int count = 0;
    for (int x : slot) {
      count += x == s ? 1 : 0;
    }
    int[] rows = new int[count];
    int k = 0;
    for (int r = 0; r < slot.length; r++) {
      if (slot[r] == s) {
        rows[k++] = r;
      }
    }
    return rows;
  }

  /**
   * The same split as {@link #split} made on the driver from a plan (row times and channels only):
   * the keys in the same order, the time range of each slot and the mean frequency of each
   * frequency block (what the merged gain table needs). The blocks themselves are cut where a
   * frequency block is read ({@link #cut}).
   *
   * @param keys one per (non-empty time slot, frequency block), slot-major as {@link #split}
   * @param timeSlots number of time slots (empty ones included)
   * @param freqBlocks number of frequency blocks
   * @param solintSec the solution interval the slots were cut with
   * @param slotStartMjdSec earliest integration start of each slot (+inf when empty)
   * @param slotEndMjdSec latest integration end of each slot (-inf when empty)
   * @param blockFreqHz mean channel frequency of each frequency block
   */
  public record Layout(
      List<VisKey> keys,
      int timeSlots,
      int freqBlocks,
      double solintSec,
      double[] slotStartMjdSec,
      double[] slotEndMjdSec,
      double[] blockFreqHz) {}

  /** The layout of {@link #split} for a planned input. O(rows + channels). */
  public static Layout layout(UvfitsPlan plan, int freqBlocks, double solintSec) {
    double[] t = plan.timeMjdSec();
    double[] dt = plan.integrationSec();
    int[] slot = slotOfRows(t, dt, solintSec);
    int slots = 1;
    for (int s : slot) {
      slots = Math.max(slots, s + 1);
    }
    double[] start = new double[slots];
    double[] end = new double[slots];
    java.util.Arrays.fill(start, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(end, Double.NEGATIVE_INFINITY);
    int[] rowsPerSlot = new int[slots];
    for (int r = 0; r < t.length; r++) {
      int s = slot[r];
      rowsPerSlot[s]++;
      start[s] = Math.min(start[s], t[r] - 0.5 * dt[r]);
      end[s] = Math.max(end[s], t[r] + 0.5 * dt[r]);
    }
    double[] freq = new double[freqBlocks];
    for (int f = 0; f < freqBlocks; f++) {
      int c0 = FrequencyPartitioner.firstChannel(f, plan.nChan(), freqBlocks);
      int c1 = FrequencyPartitioner.firstChannel(f + 1, plan.nChan(), freqBlocks);
      double sum = 0;
      for (int c = c0; c < c1; c++) {
        sum += plan.freqHz()[c];
      }
      freq[f] = sum / (c1 - c0);
    }
    List<VisKey> keys = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      for (int f = 0; rowsPerSlot[s] > 0 && f < freqBlocks; f++) {
        keys.add(new VisKey(0, 0, f, s, -1, -1));
      }
    }
    return new Layout(keys, slots, freqBlocks, solintSec, start, end, freq);
  }

  /**
   * Cuts one frequency block (all rows, the block's channels) into its solution-interval blocks,
   * keyed as {@link #split} keys them: the blocks {@code split} gives for frequency block {@code f}
   * (rows selected from the same times, so the same rows).
   */
  public static List<Tuple2<VisKey, VisibilityBlock>> cut(
      int f, VisibilityBlock freqBlock, double solintSec) {
    int[] slot = slotOfRows(freqBlock.timeMjdSec(), freqBlock.integrationSec(), solintSec);
    int slots = 1;
    for (int s : slot) {
      slots = Math.max(slots, s + 1);
    }
    List<Tuple2<VisKey, VisibilityBlock>> out = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      int[] rows = rowsOf(slot, s);
      if (rows.length > 0) {
        VisKey key = new VisKey(0, 0, f, s, -1, -1);
        out.add(new Tuple2<>(key, slots == 1 ? freqBlock : freqBlock.selectRows(rows)));
      }
    }
    return out;
  }
}
