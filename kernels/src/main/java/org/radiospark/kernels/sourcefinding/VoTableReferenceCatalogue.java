package org.radiospark.kernels.sourcefinding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The minimal VOTable reader a cross-match needs: the first TABLE's {@code FIELD}s and its {@code
 * TABLEDATA} rows (VOTable 1.1-1.4; BINARY/FITS serialisations are refused with a clear message).
 * Positions from {@code RAJ2000}/{@code DEJ2000} (VizieR) or {@code ra}/{@code dec} (degrees); the
 * flux from a named column, or the integrated flux of the GLEAM sub-band nearest the image
 * frequency ({@code FintNNN} in VizieR's GLEAM EGC, {@code int_flux_NNN} in the GLEAM release
 * files, NNN the band centre in MHz), or else the wide-band {@code Fintwide}/{@code int_flux_wide}.
 * Rows whose position or flux is empty or NaN are skipped. O(rows x fields) on a DOM (GLEAM's
 * 300,000 rows need a few hundred MB; this is for field-sized extracts).
 *
 * @param sources the usable rows
 * @param description file name and flux column
 */
public record VoTableReferenceCatalogue(List<ReferenceSource> sources, String description)
    implements ReferenceCatalogue {

  private static final Pattern SUBBAND = Pattern.compile("(?i)(?:int_flux_|fint)(\\d{3})");

  /** Makes the list unmodifiable. */
  public VoTableReferenceCatalogue {
    sources = List.copyOf(sources);
  }

  /**
   * Reads the file.
   *
   * @param fluxColumn the flux column, or null to choose by frequency (see the class comment)
   * @param freqHz the image frequency, or 0 for the wide-band column
   * @throws InvalidInputException for malformed XML, missing columns or unparsable cells
   */
  public static VoTableReferenceCatalogue read(Path file, String fluxColumn, double freqHz)
      throws IOException {
    String name = file.toString();
    Document doc = parse(file);
    NodeList tables = doc.getElementsByTagNameNS("*", "TABLE");
    if (tables.getLength() == 0) {
      throw new InvalidInputException(name, "TABLE", "no TABLE element in the VOTable");
    }
    Element table = (Element) tables.item(0);
    List<String> fields = new ArrayList<>();
    for (Element f : children(table, "FIELD")) {
      fields.add(f.getAttribute("name"));
    }
    int ra = index(fields, "RAJ2000", "ra");
    int dec = index(fields, "DEJ2000", "dec");
    if (ra < 0 || dec < 0) {
      throw new InvalidInputException(
          name, "FIELD", "expected RAJ2000/DEJ2000 or ra/dec, found " + fields);
    }
    String fluxName = fluxColumn != null ? fluxColumn : chooseFlux(fields, freqHz);
    int flux = index(fields, fluxName);
    if (flux < 0) {
      throw new InvalidInputException(name, "FIELD " + fluxName, "flux column not in " + fields);
    }
    int id = index(fields, "GLEAM", "Name", "name", "src_name");
    NodeList datas = table.getElementsByTagNameNS("*", "TABLEDATA");
    if (datas.getLength() == 0) {
      throw new InvalidInputException(
          name, "DATA", "only TABLEDATA serialisation is read (convert BINARY with TOPCAT/STILTS)");
    }
    List<ReferenceSource> out = new ArrayList<>();
    int row = 0;
    for (Element tr : children((Element) datas.item(0), "TR")) {
      row++;
      List<Element> tds = children(tr, "TD");
      if (tds.size() != fields.size()) {
        throw new InvalidInputException(
            name, "TR " + row, "expected " + fields.size() + " TD cells, found " + tds.size());
      }
      double r = cell(tds, ra, name, row, fields);
      double d = cell(tds, dec, name, row, fields);
      double s = cell(tds, flux, name, row, fields);
      if (Double.isNaN(r) || Double.isNaN(d) || Double.isNaN(s)) {
        continue;
      }
      if (!(Math.abs(d) <= 90)) {
        throw new InvalidInputException(
            name, "TR " + row + ": " + fields.get(dec), "|dec| > 90: " + d);
      }
      out.add(new ReferenceSource(id >= 0 ? tds.get(id).getTextContent().trim() : "", r, d, s));
    }
    return new VoTableReferenceCatalogue(out, name + " (" + fluxName + ")");
  }

  /** The sub-band column nearest freqHz, or the wide-band one. */
  static String chooseFlux(List<String> fields, double freqHz) {
    String best = null;
    double bestD = Double.MAX_VALUE;
    if (freqHz > 0) {
      for (String f : fields) {
        Matcher m = SUBBAND.matcher(f);
        if (m.matches()) {
          double d = Math.abs(Integer.parseInt(m.group(1)) * 1e6 - freqHz);
          if (d < bestD) {
            bestD = d;
            best = f;
          }
        }
      }
    }
    if (best != null) {
      return best;
    }
    for (String f : fields) {
      if (f.equalsIgnoreCase("Fintwide") || f.equalsIgnoreCase("int_flux_wide")) {
        return f;
      }
    }
    return "Fintwide";
  }

  private static Document parse(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(in);
    } catch (SAXException e) {
      throw new InvalidInputException(
          file.toString(), "XML", "not well-formed: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML parser", e);
    }
  }

  private static List<Element> children(Element parent, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && local.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static int index(List<String> fields, String... names) {
    for (String n : names) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).equals(n)) {
          return i;
        }
      }
    }
    for (String n : names) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT))) {
          return i;
        }
      }
    }
    return -1;
  }

  private static double cell(List<Element> tds, int col, String file, int row, List<String> f) {
    String t = tds.get(col).getTextContent().trim();
    if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file, "TR " + row + ": " + f.get(col), "not a number: '" + t + "'");
    }
  }
}
