package org.radiospark.kernels.skymodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class GleamVoTableReaderTest {
  @TempDir Path dir;

  @Test
  void sharedGleamRowsByHand() throws Exception {
    List<CatalogueComponent> c =
        SkyModelReader.read(SharedData.require("catalogs/gleam_50srcs.vot"));
    assertEquals(50, c.size());
    CatalogueComponent first = c.get(0);
    // Row 1: J235139-894114, RA 357.914368, Dec -89.687309, Fintwide 0.248581, alpha -0.370882.
    assertEquals("J235139-894114", first.sourceName());
    assertEquals(Math.toRadians(357.914368), first.raRad(), 0);
    assertEquals(Math.toRadians(-89.687309), first.decRad(), 0);
    assertTrue(first.isPoint());
    assertEquals(0.248581, first.spectrum().stokesIAt(200e6), 1e-15);
    assertEquals(0.248581 * Math.pow(0.5, -0.370882), first.spectrum().stokesIAt(100e6), 1e-15);
    assertEquals(0, first.spectrum().at(150e6).q());
  }

  @Test
  void binary2StreamReadsLikeTableData() throws Exception {
    String[] names = {"J000001-000001", "J000002-000002"};
    double[][] v = {
      {10.5, -20.25, 1.5, -0.75, 3.0, 0.5f}, {11.0, -21.0, Double.NaN, Double.NaN, 2.0, 0.25f}
    };
    Path text = dir.resolve("t.vot");
    Path bin = dir.resolve("b.vot");
    Files.writeString(text, votable(tableData(names, v)));
    Files.writeString(bin, votable(binary2(names, v)));
    List<CatalogueComponent> a = GleamVoTableReader.read(text);
    List<CatalogueComponent> b = GleamVoTableReader.read(bin);
    assertEquals(a, b);
    // BINARY (no null mask): NaN values travel as IEEE NaN.
    Path bin1 = dir.resolve("b1.vot");
    Files.writeString(bin1, votable(binary(names, v)));
    assertEquals(a, GleamVoTableReader.read(bin1));
    assertEquals(1.5 * Math.pow(0.5, -0.75), a.get(0).spectrum().stokesIAt(100e6), 1e-15);
    // No alpha: the sub-band list (76 MHz 2.0 Jy, 227 MHz 0.25 Jy) with hyperdrive's rule.
    assertInstanceOf(SpectralModel.FluxList.class, a.get(1).spectrum());
    double alpha = Math.log(0.25 / 2.0) / Math.log(227.0 / 76.0);
    assertEquals(2.0 * Math.pow(150.0 / 76, alpha), a.get(1).spectrum().stokesIAt(150e6), 1e-12);
  }

  @Test
  void missingColumnsAndBadXmlAreBadInput() throws Exception {
    Path f = dir.resolve("x.vot");
    Files.writeString(f, "<VOTABLE><RESOURCE><TABLE><FIELD name='GLEAM' datatype='char'/>");
    assertThrows(InvalidInputException.class, () -> GleamVoTableReader.read(f));
    Path g = dir.resolve("y.vot");
    Files.writeString(
        g,
        "<VOTABLE><RESOURCE><TABLE><FIELD name='GLEAM' datatype='char' arraysize='*'/>"
            + "<FIELD name='RAJ2000' datatype='double'/><DATA><TABLEDATA/></DATA>"
            + "</TABLE></RESOURCE></VOTABLE>");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> GleamVoTableReader.read(g));
    assertTrue(e.getMessage().contains("DEJ2000"), e.getMessage());
  }

  private static final String FIELDS =
      "<FIELD name='GLEAM' datatype='char' arraysize='14'/>"
          + "<FIELD name='RAJ2000' datatype='double' unit='deg'/>"
          + "<FIELD name='DEJ2000' datatype='double' unit='deg'/>"
          + "<FIELD name='Fintwide' datatype='double' unit='Jy'/>"
          + "<FIELD name='alpha' datatype='double'/>"
          + "<FIELD name='Fint076' datatype='double' unit='Jy'/>"
          + "<FIELD name='Fint227' datatype='float' unit='Jy'/>";

  private static String votable(String data) {
    return "<?xml version='1.0'?><VOTABLE version='1.4' xmlns='http://www.ivoa.net/xml/VOTable/v1.4'>"
        + "<RESOURCE><TABLE>"
        + FIELDS
        + "<DATA>"
        + data
        + "</DATA></TABLE></RESOURCE></VOTABLE>";
  }

  private static String tableData(String[] names, double[][] v) {
    StringBuilder b = new StringBuilder("<TABLEDATA>");
    for (int r = 0; r < names.length; r++) {
      b.append("<TR><TD>").append(names[r]).append("</TD>");
      for (double x : v[r]) {
        b.append("<TD>").append(Double.isNaN(x) ? "" : Double.toString(x)).append("</TD>");
      }
      b.append("</TR>");
    }
    return b.append("</TABLEDATA>").toString();
  }

  private static String binary(String[] names, double[][] v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < names.length; r++) {
      ByteBuffer row = ByteBuffer.allocate(14 + 5 * 8 + 4);
      row.put(names[r].getBytes(StandardCharsets.US_ASCII));
      for (int c = 0; c < 5; c++) {
        row.putDouble(v[r][c]);
      }
      row.putFloat((float) v[r][5]);
      out.writeBytes(row.array());
    }
    return "<BINARY><STREAM encoding='base64'>"
        + Base64.getMimeEncoder().encodeToString(out.toByteArray())
        + "</STREAM></BINARY>";
  }

  private static String binary2(String[] names, double[][] v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < names.length; r++) {
      ByteBuffer row = ByteBuffer.allocate(1 + 14 + 5 * 8 + 4);
      int mask = 0;
      for (int c = 0; c < v[r].length; c++) {
        if (Double.isNaN(v[r][c])) {
          mask |= 0x80 >>> (c + 1);
        }
      }
      row.put((byte) mask);
      row.put(names[r].getBytes(StandardCharsets.US_ASCII));
      for (int c = 0; c < 5; c++) {
        row.putDouble(Double.isNaN(v[r][c]) ? 0 : v[r][c]); // null flag, not the value, decides
      }
      row.putFloat((float) v[r][5]);
      out.writeBytes(row.array());
    }
    return "<BINARY2><STREAM encoding='base64'>"
        + Base64.getMimeEncoder().encodeToString(out.toByteArray())
        + "</STREAM></BINARY2>";
  }
}
