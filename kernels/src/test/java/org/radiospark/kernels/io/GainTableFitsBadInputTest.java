package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.testing.ReaderContract;

/**
 * Issue 8 part 3: {@link GainTableFits#read} lets only {@link
 * org.radiospark.kernels.model.InvalidInputException} escape for damaged copies of a small gain
 * table (seeded truncations, bit flips, garbage header values and 32-bit fields).
 */
class GainTableFitsBadInputTest {
  @TempDir Path dir;

  @Test
  void seededMutationsOfASmallTable() throws IOException {
    GainTable t = GainTableFitsTest.randomTable(GainTable.JonesType.DIAGONAL, 3, 2, 2, 5);
    Path good = dir.resolve("good.fits");
    GainTableFits.write(t, GainTableFits.Metadata.none(), good);
    byte[] bytes = Files.readAllBytes(good);
    Path f = dir.resolve("bad.fits");
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(bytes, 13, 400)) {
      rejected += ReaderContract.check(f, b, GainTableFits::read) == null ? 0 : 1;
    }
    assertTrue(rejected > 100, "rejected " + rejected);
  }
}
