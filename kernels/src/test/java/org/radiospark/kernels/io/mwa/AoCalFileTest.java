package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;

class AoCalFileTest {
  @TempDir Path dir;

  private static AoCalSolutions random() {
    Random r = new Random(2);
    double[] j = new double[2 * 3 * 5 * 8];
    for (int i = 0; i < j.length; i++) {
      j[i] = r.nextGaussian();
    }
    AoCalSolutions s = new AoCalSolutions(2, 3, 5, 1196175296.0, 1196175416.0, j);
    java.util.Arrays.fill(j, s.index(1, 2, 4), s.index(1, 2, 4) + 8, Double.NaN);
    return s;
  }

  @Test
  void roundTripIsExactWithFlags() throws IOException {
    AoCalSolutions s = random();
    Path f = dir.resolve("sols.bin");
    AoCalFile.write(f, s, false);
    assertEquals(48 + s.jones().length * 8L, Files.size(f));
    AoCalSolutions back = AoCalFile.read(f);
    assertEquals(2, back.nIntervals());
    assertEquals(3, back.nAntennas());
    assertEquals(5, back.nChannels());
    assertEquals(1196175296.0, back.startTime());
    assertEquals(1196175416.0, back.endTime());
    assertArrayEquals(s.jones(), back.jones());
    assertTrue(back.flagged(1, 2, 4));
    assertFalse(back.flagged(0, 2, 4));
  }

  @Test
  void layoutIsTheDocumentedOne() throws IOException {
    AoCalSolutions s = random();
    Path f = dir.resolve("sols.bin");
    AoCalFile.write(f, s, false);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("MWAOCAL\0", new String(Files.readAllBytes(f), 0, 8, "US-ASCII"));
    assertEquals(0, b.getInt(8));
    assertEquals(0, b.getInt(12));
    assertEquals(2, b.getInt(16));
    assertEquals(3, b.getInt(20));
    assertEquals(5, b.getInt(24));
    assertEquals(4, b.getInt(28));
    // "double nChannel x 8: real of interval 0, antenna 1, channel 0, pol 0"
    assertEquals(s.jones()[s.index(0, 1, 0)], b.getDouble(48 + 8 * (5 * 8)));
    // double 2: real of interval 0, antenna 0, channel 0, pol 1
    assertEquals(s.matrix(0, 0, 0)[2], b.getDouble(48 + 8 * 2));
  }

  @Test
  void badFilesNameTheField() throws IOException {
    Path f = dir.resolve("bad.bin");
    Files.write(f, new byte[100]);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AoCalFile.read(f));
    assertEquals("intro", e.field());
    AoCalFile.write(f, random(), true);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 8));
    e = assertThrows(InvalidInputException.class, () -> AoCalFile.read(f));
    assertEquals("file size", e.field());
    assertEquals(f.toString(), e.file());
    all[28] = 2;
    Files.write(f, all);
    e = assertThrows(InvalidInputException.class, () -> AoCalFile.read(f));
    assertEquals("polarizationCount", e.field());
  }
}
