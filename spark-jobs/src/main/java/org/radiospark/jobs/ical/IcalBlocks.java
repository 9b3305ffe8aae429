package org.radiospark.jobs.ical;

import java.util.ArrayList;
import java.util.List;
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
    int n = all.nRows();
    double[] t = all.timeMjdSec();
    double t0 = Double.POSITIVE_INFINITY;
    for (int r = 0; r < n; r++) {
      t0 = Math.min(t0, t[r] - 0.5 * all.integrationSec()[r]);
    }
    int[] slot = new int[n];
    int slots = 1;
    if (solintSec > 0) {
      for (int r = 0; r < n; r++) {
        slot[r] = (int) Math.floor((t[r] - t0) / solintSec);
        slots = Math.max(slots, slot[r] + 1);
      }
    }
    List<Tuple2<VisKey, VisibilityBlock>> out = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      int count = 0;
      for (int r = 0; r < n; r++) {
        count += slot[r] == s ? 1 : 0;
      }
      if (count == 0) {
        continue;
      }
      int[] rows = new int[count];
      int k = 0;
      for (int r = 0; r < n; r++) {
        if (slot[r] == s) {
          rows[k++] = r;
        }
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
}
