package org.radiospark.kernels.skymodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.radiospark.kernels.model.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the GLEAM extragalactic catalogue (Hurley-Walker et al. 2017, MNRAS 464, 1146; VizieR
 * VIII/100/gleamegc) from a VOTable (IVOA VOTable 1.4) into sky-model components.
 *
 * <p>Columns used (VizieR names; the GLEAM names in parentheses): {@code GLEAM} (name), {@code
 * RAJ2000}, {@code DEJ2000} (degrees), {@code Fintwide} (int_flux_wide, Jy, from the 170-231 MHz
 * wide-band image, referred to 200 MHz), {@code alpha} (power-law index fitted to the sub-bands)
 * and the 20 sub-band integrated fluxes {@code FintNNN} (int_flux_NNN, Jy; NNN is the band centre
 * in MHz, 76 to 227). Spectral model of each row:
 *
 * <ol>
 *   <li>a power law {@code Fintwide (f / 200 MHz)^alpha} when both are present (the GLEAM catalogue
 *       gives alpha only where a power law fits the sub-bands);
 *   <li>otherwise the list of the sub-band fluxes that are present, evaluated by the hyperdrive
 *       list rule ({@link SpectralModel.FluxList});
 *   <li>otherwise {@code Fintwide} at 200 MHz with hyperdrive's default index -0.8.
 * </ol>
 *
 * A row with none of them is rejected. Every GLEAM component is a point: the catalogue's shapes are
 * the fitted (PSF-convolved) ones, and GLEAM-X calibrates with GLEAM as point sources.
 *
 * <p>Serialisations: {@code TABLEDATA} and base64 {@code BINARY} / {@code BINARY2} streams (numeric
 * and character columns of fixed size, variable-size arrays skipped; BINARY2's null bitmap turns
 * values into NaN). The XML is parsed with the JDK's DOM parser with DTDs and external entities
 * disabled. Cost O(file size).
 */
public final class GleamVoTableReader {
  /** Reference frequency of {@code Fintwide}, Hz. */
  public static final double WIDE_REFERENCE_HZ = 200e6;

  private static final Pattern SUB_BAND = Pattern.compile("Fint(\\d{3})");

  private GleamVoTableReader() {}

  /**
   * Reads every row of the first TABLE.
   *
   * @throws InvalidInputException naming the file, the column or row and what was expected
   */
  public static List<CatalogueComponent> read(Path file) throws IOException {
    Table t = readTable(file);
    String name = file.toString();
    int cName = t.require(name, "GLEAM");
    int cRa = t.require(name, "RAJ2000");
    int cDec = t.require(name, "DEJ2000");
    int cWide = t.column("Fintwide");
    int cAlpha = t.column("alpha");
    List<double[]> bands = new ArrayList<>(); // {column, freqHz}
    for (int c = 0; c < t.names.size(); c++) {
      Matcher m = SUB_BAND.matcher(t.names.get(c));
      if (m.matches()) {
        bands.add(new double[] {c, Integer.parseInt(m.group(1)) * 1e6});
      }
    }
    bands.sort((a, b) -> Double.compare(a[1], b[1]));
    if (cWide < 0 && bands.isEmpty()) {
      throw new InvalidInputException(
          name, "Fintwide/FintNNN", "expected the wide-band or sub-band integrated fluxes");
    }
    List<CatalogueComponent> out = new ArrayList<>();
    for (int r = 0; r < t.rows.size(); r++) {
      Object[] row = t.rows.get(r);
      String src = String.valueOf(row[cName]).trim();
      String where = "row " + (r + 1) + " (" + src + ")";
      double ra = t.number(row, cRa);
      double dec = t.number(row, cDec);
      if (!Double.isFinite(ra) || !(Math.abs(dec) <= 90)) {
        throw new InvalidInputException(
            name,
            "RAJ2000/DEJ2000",
            where + ": expected a position in degrees, got " + ra + ", " + dec);
      }
      double wide = cWide >= 0 ? t.number(row, cWide) : Double.NaN;
      double alpha = cAlpha >= 0 ? t.number(row, cAlpha) : Double.NaN;
      SpectralModel spectrum;
      List<FluxDensity> list = new ArrayList<>();
      for (double[] b : bands) {
        double s = t.number(row, (int) b[0]);
        if (Double.isFinite(s)) {
          list.add(FluxDensity.stokesI(b[1], s));
        }
      }
      if (Double.isFinite(wide) && Double.isFinite(alpha)) {
        spectrum = new SpectralModel.PowerLaw(FluxDensity.stokesI(WIDE_REFERENCE_HZ, wide), alpha);
      } else if (!list.isEmpty()) {
        spectrum = new SpectralModel.FluxList(list);
      } else if (Double.isFinite(wide)) {
        spectrum =
            new SpectralModel.PowerLaw(
                FluxDensity.stokesI(WIDE_REFERENCE_HZ, wide), SpectralModel.DEFAULT_SPECTRAL_INDEX);
      } else {
        throw new InvalidInputException(
            name, "Fintwide/FintNNN", where + ": no integrated flux density at all");
      }
      out.add(CatalogueComponent.point(src, Math.toRadians(ra), Math.toRadians(dec), spectrum));
    }
    return out;
  }

  /** The first TABLE of a VOTable: column names and rows of String, Double or Long values. */
  static Table readTable(Path file) throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(name, null, "no such file");
    }
    Document doc;
    try (InputStream in = Files.newInputStream(file)) {
      doc = parser().parse(in);
    } catch (SAXException e) {
      throw new InvalidInputException(name, null, "not well-formed XML: " + e.getMessage(), e);
    }
    Element table = first(doc.getDocumentElement(), "TABLE");
    if (!"VOTABLE".equals(local(doc.getDocumentElement())) || table == null) {
      throw new InvalidInputException(name, "TABLE", "expected a VOTABLE with a TABLE");
    }
    List<Field> fields = new ArrayList<>();
    for (Node n = table.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "FIELD".equals(local(e))) {
        fields.add(Field.of(name, e));
      }
    }
    if (fields.isEmpty()) {
      throw new InvalidInputException(name, "FIELD", "the table declares no columns");
    }
    Element data = first(table, "DATA");
    Table t = new Table(fields);
    if (data == null) {
      return t;
    }
    Element td = first(data, "TABLEDATA");
    if (td != null) {
      readTableData(name, td, t);
      return t;
    }
    for (String kind : new String[] {"BINARY", "BINARY2"}) {
      Element bin = first(data, kind);
      if (bin != null) {
        Element stream = first(bin, "STREAM");
        if (stream == null || !"base64".equalsIgnoreCase(stream.getAttribute("encoding"))) {
          throw new InvalidInputException(
              name, kind + "/STREAM", "expected an inline base64 stream (href not supported)");
        }
        byte[] bytes;
        try {
          bytes = Base64.getMimeDecoder().decode(stream.getTextContent().trim());
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(name, kind + "/STREAM", "bad base64: " + e.getMessage());
        }
        readBinary(name, ByteBuffer.wrap(bytes), t, kind.equals("BINARY2"));
        return t;
      }
    }
    throw new InvalidInputException(
        name, "DATA", "expected TABLEDATA, BINARY or BINARY2 (FITS serialisation not supported)");
  }

  private static void readTableData(String name, Element td, Table t) {
    int nCol = t.fields.size();
    int r = 0;
    for (Node n = td.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element tr) || !"TR".equals(local(tr))) {
        continue;
      }
      r++;
      Object[] row = new Object[nCol];
      int c = 0;
      for (Node m = tr.getFirstChild(); m != null; m = m.getNextSibling()) {
        if (m instanceof Element cell && "TD".equals(local(cell))) {
          if (c >= nCol) {
            throw new InvalidInputException(
                name, "TR", "row " + r + " has more than the " + nCol + " declared columns");
          }
          row[c] = t.fields.get(c).parse(name, r, cell.getTextContent());
          c++;
        }
      }
      if (c != nCol) {
        throw new InvalidInputException(
            name, "TR", "row " + r + " has " + c + " cells, expected " + nCol);
      }
      t.rows.add(row);
    }
  }

  private static void readBinary(String name, ByteBuffer buf, Table t, boolean nullMask) {
    int nCol = t.fields.size();
    int r = 0;
    while (buf.hasRemaining()) {
      r++;
      try {
        byte[] mask = new byte[nullMask ? (nCol + 7) / 8 : 0];
        buf.get(mask);
        Object[] row = new Object[nCol];
        for (int c = 0; c < nCol; c++) {
          Object v = t.fields.get(c).decode(buf);
          boolean isNull = nullMask && (mask[c / 8] & (0x80 >>> (c % 8))) != 0;
          row[c] = isNull ? (v instanceof String ? "" : (Object) Double.NaN) : v;
        }
        t.rows.add(row);
      } catch (java.nio.BufferUnderflowException e) {
        throw new InvalidInputException(name, "STREAM", "row " + r + " is truncated");
      }
    }
  }

  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      // Errors become the exception the caller turns into InvalidInputException; without a handler
      // the JDK also prints them to stderr.
      b.setErrorHandler(
          new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
    }
  }

  private static String local(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
  }

  /** The first descendant element with local name {@code tag}, depth first. */
  private static Element first(Element root, String tag) {
    NodeList all = root.getElementsByTagNameNS("*", tag);
    if (all.getLength() > 0) {
      return (Element) all.item(0);
    }
    all = root.getElementsByTagName(tag);
    return all.getLength() > 0 ? (Element) all.item(0) : null;
  }

  /** One FIELD: its name, datatype and fixed element count (-1 for variable size). */
  record Field(String name, String datatype, int count) {
    static Field of(String file, Element e) {
      String n = e.getAttribute("name");
      String type = e.getAttribute("datatype");
      String size = e.getAttribute("arraysize");
      if (n.isEmpty() || type.isEmpty()) {
        throw new InvalidInputException(file, "FIELD", "every FIELD needs a name and a datatype");
      }
      if (bytesOf(type) < 0) {
        throw new InvalidInputException(file, "FIELD " + n, "unknown datatype '" + type + "'");
      }
      int count = 1;
      if (!size.isEmpty()) {
        if (size.endsWith("*")) {
          count = -1;
        } else {
          try {
            count = 1;
            for (String d : size.split("x")) {
              count *= Integer.parseInt(d.trim());
            }
          } catch (NumberFormatException ex) {
            throw new InvalidInputException(file, "FIELD " + n, "bad arraysize '" + size + "'");
          }
        }
      }
      return new Field(n, type, count);
    }

    static int bytesOf(String type) {
      return switch (type) {
        case "boolean", "unsignedByte", "char" -> 1;
        case "short", "unicodeChar" -> 2;
        case "int", "float" -> 4;
        case "long", "double", "floatComplex" -> 8;
        case "doubleComplex" -> 16;
        case "bit" -> 0;
        default -> -1;
      };
    }

    boolean isText() {
      return datatype.equals("char") || datatype.equals("unicodeChar");
    }

    Object parse(String file, int row, String text) {
      String s = text.trim();
      if (isText()) {
        return s;
      }
      if (count != 1) {
        return s; // arrays are kept as text: no GLEAM column needs them
      }
      if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      if (datatype.equals("boolean")) {
        return s.equalsIgnoreCase("t") || s.equalsIgnoreCase("true") || s.equals("1") ? 1.0 : 0.0;
      }
      try {
        return Double.parseDouble(s.toLowerCase(Locale.ROOT).replace("+inf", "infinity"));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            file, name, "row " + row + ": expected a " + datatype + ", got '" + s + "'");
      }
    }

    Object decode(ByteBuffer buf) {
      int n = count >= 0 ? count : buf.getInt();
      if (datatype.equals("bit")) {
        buf.position(buf.position() + (n + 7) / 8);
        return Double.NaN;
      }
      if (isText()) {
        byte[] b = new byte[n * bytesOf(datatype)];
        buf.get(b);
        String s =
            new String(
                b, datatype.equals("char") ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
        int end = s.indexOf('\0');
        return (end >= 0 ? s.substring(0, end) : s).trim();
      }
      if (n != 1) {
        buf.position(buf.position() + n * bytesOf(datatype));
        return Double.NaN;
      }
      return switch (datatype) {
        case "boolean" -> {
          byte b = buf.get();
          yield b == 'T' || b == 't' || b == '1'
              ? 1.0
              : (b == 'F' || b == 'f' || b == '0' ? 0.0 : Double.NaN);
        }
        case "unsignedByte" -> (double) (buf.get() & 0xff);
        case "short" -> (double) buf.getShort();
        case "int" -> (double) buf.getInt();
        case "long" -> (double) buf.getLong();
        case "float" -> (double) buf.getFloat();
        case "double" -> buf.getDouble();
        default -> {
          buf.position(buf.position() + bytesOf(datatype));
          yield Double.NaN;
        }
      };
    }
  }

  /** Column names and rows of a table. */
  static final class Table {
    final List<Field> fields;
    final List<String> names = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();
    final List<Object[]> rows = new ArrayList<>();

    Table(List<Field> fields) {
      this.fields = fields;
      for (int c = 0; c < fields.size(); c++) {
        names.add(fields.get(c).name());
        index.putIfAbsent(fields.get(c).name(), c);
      }
    }

    int column(String n) {
      return index.getOrDefault(n, -1);
    }

    int require(String file, String n) {
      int c = column(n);
      if (c < 0) {
        throw new InvalidInputException(file, n, "column missing");
      }
      return c;
    }

    double number(Object[] row, int c) {
      return row[c] instanceof Double d ? d : Double.NaN;
    }
  }
}
