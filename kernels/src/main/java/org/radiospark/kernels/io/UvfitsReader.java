package org.radiospark.kernels.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.FitsException;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Reads UVFITS files (FITS random groups, AIPS Memo 117 and the AIPS/Miriad/CASA/Cotter/pyuvdata
 * dialects) into a {@link VisibilityBlock} plus the AIPS AN table.
 *
 * <p>Conventions decoded:
 *
 * <ul>
 *   <li>Random parameters, each scaled as {@code PSCALn * raw + PZEROn}: {@code UU VV WW} in
 *       seconds (also {@code UU---SIN} etc.), converted to metres with {@code c = 299792458 m/s}
 *       and <b>negated</b>: the files (AIPS, Cotter, pyuvdata) store {@code pos1 - pos2}, while a
 *       {@link VisibilityBlock} holds {@code pos2 - pos1}, the sign under which the data obey the
 *       measurement equation of {@code model/package-info.java} (measured on the shared MWA files:
 *       {@code ComponentPredictorMwaTest}, and checked against WSClean's image of 1133866760);
 *       {@link UvfitsWriter} negates them back, so round trips are exact; {@code DATE} (and {@code
 *       _DATE}) as Julian date, summed over every occurrence (the integer JD normally sits in
 *       {@code PZERO} of the first); {@code BASELINE} = {@code 256 a1 + a2 + 0.01 (subarray - 1)},
 *       or {@code 2048 a1 + a2 + 65536} when an antenna number exceeds 255; {@code
 *       ANTENNA1/ANTENNA2} when there is no {@code BASELINE}; {@code INTTIM} in seconds when
 *       present (else the smallest spacing of distinct times, or 0).
 *   <li>Data axes {@code COMPLEX} (re, im, weight) x {@code STOKES} x {@code FREQ} x optional
 *       {@code IF} x {@code RA} x {@code DEC}, in any order after {@code NAXIS1 = 0}; several IFs
 *       are flattened into channels ({@code chan = if * nFreq + f}) with their offsets and channel
 *       widths from the {@code AIPS FQ} table. Without an FQ table the channel width is {@code
 *       |CDELT|} of {@code FREQ}.
 *   <li>Phase centre from the {@code RA}/{@code DEC} axis {@code CRVAL} (degrees), else {@code
 *       OBSRA/OBSDEC}.
 *   <li>Flags: weight {@code <= 0} (or NaN) flags a sample unless {@link
 *       UvfitsReadOptions#ignoreFlags()}; stored weights are {@code |w|}. Non-finite (NaN, Inf)
 *       visibilities are always flagged and stored as 0 with weight 0, so they cannot reach an
 *       image or a solver.
 *   <li>Antenna indices are 0-based rows of the AN table, matched through its {@code NOSTA} column.
 * </ul>
 *
 * <p>Only subarray 1 is supported (groups of other subarrays are rejected). Cost: one pass over the
 * groups, O(groups x channels x pols); memory is the output block plus one group. With a channel
 * selection ({@link UvfitsReadOptions#withChannels}) only the selected channels' bytes of each
 * group (and its random parameters) are read: a channel block of a large file is read by seeking
 * from group to group ({@link #SEEK_GAP_BYTES}), so a job can give each executor its own block
 * ({@link #plan} holds what the driver needs meanwhile).
 */
public final class UvfitsReader {
  /**
   * Skipped bytes between two needed ranges below which reading through is cheaper than seeking
   * (the operating system reads ahead in pages of this order anyway).
   */
  public static final int SEEK_GAP_BYTES = 64 * 1024;

  /** Read-ahead of the sequential mode: whole groups in batches of this many bytes. */
  private static final int READ_AHEAD_BYTES = 1 << 20;

  private UvfitsReader() {}

  /** Reads all channels, flags from the weights. */
  public static UvfitsData read(Path file) throws IOException {
    return read(file, UvfitsReadOptions.defaults());
  }

  /**
   * Reads a UVFITS file.
   *
   * @throws InvalidInputException if the file is not FITS, is truncated, lacks a required keyword,
   *     random parameter, axis or table, or holds values outside their definition
   * @throws IOException if the file cannot be read at all
   */
  public static UvfitsData read(Path file, UvfitsReadOptions options) throws IOException {
    return parse(file, options, Parse::run);
  }

  /**
   * Reads what a job needs before it distributes a file's channels: the header, the AIPS AN and FQ
   * tables and the random parameters of every group (times, integration times, antennas checked
   * against the AN table), but no visibility. Every check {@link #read} makes except those on
   * visibility values happens here, so bad input is reported before any block is read.
   *
   * <p>Memory: O(groups) for the per-row times (16 bytes per row) plus one group; the visibilities
   * are skipped (seeked over when a group is larger than the parameters by {@value #SEEK_GAP_BYTES}
   * bytes or more). Cost: one pass over the groups' parameters.
   *
   * @param options the flag policy and channel selection the blocks will be read with
   * @throws InvalidInputException as {@link #read}
   */
  public static UvfitsPlan plan(Path file, UvfitsReadOptions options) throws IOException {
    return parse(file, options, Parse::plan);
  }

  /**
   * True when some cross-correlation sample of the selected channels is unflagged with a positive
   * weight under {@code options}' flag policy (what imaging needs), found by streaming the groups
   * in file order and stopping at the first such sample: one group in memory, and for a usable file
   * usually only its first groups read. An all-flagged file is read to its end.
   *
   * @throws InvalidInputException as {@link #read}
   */
  public static boolean anyUnflaggedCrossCorrelation(Path file, UvfitsReadOptions options)
      throws IOException {
    return parse(file, options, Parse::anyUnflaggedCross);
  }

  /** One pass of {@link Parse} over a file. */
  @FunctionalInterface
  private interface Pass<T> {
    T over(Parse parse) throws IOException;
  }

  /** Opens {@code file} (a clear error if it is missing or not FITS) and runs {@code pass}. */
  private static <T> T parse(Path file, UvfitsReadOptions options, Pass<T> pass)
      throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          name, null, Files.exists(file) ? "not a regular file" : "no such file");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        BufferedInputStream buffered =
            new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        FitsInputStream in = new FitsInputStream(buffered)) {
      requireFitsSignature(buffered, name);
      return pass.over(new Parse(name, options, in, channel, Files.size(file)));
    }
  }

  /**
   * Checks the first card before nom-tam-fits parses anything, so a non-FITS file gets one clear
   * error instead of a parser's guesses.
   */
  static void requireFitsSignature(BufferedInputStream in, String file) throws IOException {
    byte[] first = new byte[9];
    in.mark(first.length);
    int n = in.readNBytes(first, 0, first.length);
    in.reset();
    String s = new String(first, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    if (!s.equals("SIMPLE  =")) {
      throw new InvalidInputException(
          file, "SIMPLE", "not a FITS file: it does not start with the card 'SIMPLE  ='");
    }
  }

  /** One reading of one file: the state shared by the steps of the parse. */
  private static final class Parse {
    private final String file;
    private final UvfitsReadOptions options;
    private FitsInputStream in;
    private final FileChannel channel;
    private final long fileBytes;
    private HeaderAccess h;
    private Axes axes;
    private Params params;
    private int bitpix;
    private int gcount;
    private long groupBytes;
    private long dataStart;
    private double bscale;
    private double bzero;
    private int first;
    private int nChan;

    Parse(
        String file,
        UvfitsReadOptions options,
        FitsInputStream in,
        FileChannel channel,
        long fileBytes) {
      this.file = file;
      this.options = options;
      this.in = in;
      this.channel = channel;
      this.fileBytes = fileBytes;
    }

    /** The primary header: axes, random parameters, sizes and the channel selection. */
    private void readLayout() {
      Header primary = readPrimaryHeader();
      h = new HeaderAccess(primary, file);
      if (!h.logical("SIMPLE", false)) {
        throw new InvalidInputException(file, "SIMPLE", "expected T (a FITS primary header)");
      }
      if (!h.logical("GROUPS", false)) {
        throw new InvalidInputException(
            file, "GROUPS", "expected T: a UVFITS file holds random groups");
      }
      int naxis = h.integer("NAXIS");
      if (naxis < 2 || naxis > 999) {
        throw new InvalidInputException(file, "NAXIS", "expected 2..999 axes, found " + naxis);
      }
      if (h.integer("NAXIS1") != 0) {
        throw new InvalidInputException(file, "NAXIS1", "expected 0 for random groups");
      }
      axes = readAxes(naxis);
      params = readParams();
      bitpix = FitsLayout.checkBitpix(h.integer("BITPIX"), file, "BITPIX");
      int bytes = Math.abs(bitpix) / 8;
      gcount = h.integer("GCOUNT");
      if (gcount < 0) {
        throw new InvalidInputException(file, "GCOUNT", "expected >= 0, found " + gcount);
      }
      bscale = h.number("BSCALE", 1.0);
      bzero = h.number("BZERO", 0.0);
      // The data start right after the header's 2880-byte blocks.
      dataStart = primary.getOriginalSize();

      int nChanFile = axes.nFreq * axes.nIf;
      first = options.firstChannel();
      nChan =
          options.channelCount() == UvfitsReadOptions.ALL_CHANNELS
              ? nChanFile - first
              : options.channelCount();
      if (first >= nChanFile || nChan <= 0 || first + nChan > nChanFile) {
        throw new InvalidInputException(
            file,
            "channel selection",
            "channels ["
                + first
                + ", "
                + (first + nChan)
                + ") requested but the file has "
                + nChanFile);
      }
      long groupElems = params.count + axes.elements;
      groupBytes = groupElems * bytes;
      // Allocations follow from header counts: bound them by what the file can hold, so a garbage
      // GCOUNT or NAXISn is reported instead of allocating gigabytes.
      if (groupBytes > fileBytes || (double) groupBytes * gcount > fileBytes) {
        throw new InvalidInputException(
            file,
            "GCOUNT",
            "file truncated: "
                + gcount
                + " random groups of "
                + groupBytes
                + " bytes announced, but the file has "
                + fileBytes
                + " bytes");
      }
    }

    UvfitsData run() throws IOException {
      readLayout();
      int nPol = axes.pols.length;
      long nSamples = (long) gcount * nChan * nPol;
      if (nSamples > Integer.MAX_VALUE / 2) {
        throw new InvalidInputException(
            file, "GCOUNT", "too many samples for one block: " + nSamples + "; select channels");
      }
      Rows rows = new Rows(gcount);
      float[] vis = new float[(int) (2 * nSamples)];
      float[] weight = new float[(int) nSamples];
      boolean[] flag = new boolean[(int) nSamples];
      readGroups(rows, vis, weight, flag);
      Tables tables = readTables();
      double[] freq = new double[nChan];
      double[] width = new double[nChan];
      for (int c = 0; c < nChan; c++) {
        int fc = first + c;
        int iff = fc / axes.nFreq;
        int f = fc % axes.nFreq;
        freq[c] = axes.freqAt(f) + (tables.ifFreq == null ? 0 : tables.ifFreq[iff]);
        width[c] =
            tables.chanWidth == null ? Math.abs(axes.freqDelta) : Math.abs(tables.chanWidth[iff]);
      }
      int[] a1 = new int[gcount];
      int[] a2 = new int[gcount];
      for (int g = 0; g < gcount; g++) {
        a1[g] = antennaIndex(tables.an, rows.st1[g], g, params);
        a2[g] = antennaIndex(tables.an, rows.st2[g], g, params);
      }
      fillIntegrationTimes(rows.inttim, rows.time);

      PhaseCentre centre = phaseCentre(axes);
      VisibilityBlock block =
          new VisibilityBlock(
              rows.u,
              rows.v,
              rows.w,
              a1,
              a2,
              rows.time,
              rows.inttim,
              freq,
              width,
              axes.pols,
              vis,
              weight,
              flag,
              centre);
      String telescope = h.string("TELESCOP", tables.an.arrayName());
      AntennaConfiguration ants = tables.an.toConfiguration(telescope);
      double equinox = h.number("EPOCH", h.number("EQUINOX", 2000.0));
      return new UvfitsData(
          block,
          ants,
          tables.an,
          h.string("OBJECT", ""),
          telescope,
          h.string("INSTRUME", ""),
          equinox,
          h.string("DATE-OBS", ""));
    }

    UvfitsPlan plan() throws IOException {
      readLayout();
      Rows rows = new Rows(gcount);
      readGroups(rows, null, null, null);
      Tables tables = readTables();
      double[] freq = new double[nChan];
      double[] width = new double[nChan];
      for (int c = 0; c < nChan; c++) {
        int fc = first + c;
        int iff = fc / axes.nFreq;
        freq[c] = axes.freqAt(fc % axes.nFreq) + (tables.ifFreq == null ? 0 : tables.ifFreq[iff]);
        width[c] =
            tables.chanWidth == null ? Math.abs(axes.freqDelta) : Math.abs(tables.chanWidth[iff]);
      }
      for (int g = 0; g < gcount; g++) {
        antennaIndex(tables.an, rows.st1[g], g, params);
        antennaIndex(tables.an, rows.st2[g], g, params);
      }
      fillIntegrationTimes(rows.inttim, rows.time);
      String telescope = h.string("TELESCOP", tables.an.arrayName());
      return new UvfitsPlan(
          file,
          options,
          rows.time,
          rows.inttim,
          freq,
          width,
          axes.pols.clone(),
          phaseCentre(axes),
          tables.an.toConfiguration(telescope),
          tables.an,
          h.string("OBJECT", ""),
          telescope,
          h.string("INSTRUME", ""),
          h.number("EPOCH", h.number("EQUINOX", 2000.0)),
          h.string("DATE-OBS", ""),
          groupBytes * gcount);
    }

    boolean anyUnflaggedCross() throws IOException {
      readLayout();
      Tables tables = readTables();
      Rows rows = new Rows(gcount);
      int perGroup = nChan * axes.pols.length;
      float[] vis = new float[2 * perGroup];
      float[] weight = new float[perGroup];
      boolean[] flag = new boolean[perGroup];
      boolean[] found = {false};
      readGroups(
          rows,
          vis,
          weight,
          flag,
          g -> {
            int a1 = antennaIndex(tables.an, rows.st1[g], g, params);
            int a2 = antennaIndex(tables.an, rows.st2[g], g, params);
            for (int i = 0; i < perGroup && a1 != a2; i++) {
              if (!flag[i] && weight[i] > 0) {
                found[0] = true;
                return false;
              }
            }
            return true;
          });
      return found[0];
    }

    /** Called after each group is decoded; returns false to stop reading. */
    private interface GroupVisitor {
      boolean visited(int group);
    }

    private void readGroups(Rows rows, float[] vis, float[] weight, boolean[] flag)
        throws IOException {
      readGroups(rows, vis, weight, flag, null);
    }

    /**
     * Reads the random parameters of every group into {@code rows} and, when {@code vis} is not
     * null, the selected channels' samples. Only the needed byte ranges of each group are read: the
     * parameters and the span of the selected channels; when the bytes between them and the next
     * group's are fewer than {@link #SEEK_GAP_BYTES}, whole groups are read through in batches
     * instead.
     */
    /**
     * As {@link #readGroups(Rows, float[], float[], boolean[])}; with a {@code visitor}, the
     * samples of each group are decoded to the start of the arrays (one group's worth) and the
     * visitor sees them before the next group.
     */
    private void readGroups(
        Rows rows, float[] vis, float[] weight, boolean[] flag, GroupVisitor visitor)
        throws IOException {
      if (groupBytes > Integer.MAX_VALUE) {
        throw new InvalidInputException(file, "NAXIS", "a group of " + groupBytes + " bytes");
      }
      int nPol = axes.pols.length;
      int bytes = Math.abs(bitpix) / 8;
      byte[] buf = new byte[(int) groupBytes];
      ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
      int paramBytes = params.count * bytes;
      long[] span = vis == null ? new long[] {0, 0} : selectedSpan();
      int spanFrom = (int) (params.count + span[0]) * bytes;
      int spanTo = (int) (params.count + span[1]) * bytes;
      long needed = paramBytes + (spanTo - spanFrom);
      boolean sequential = groupBytes - needed < SEEK_GAP_BYTES;
      GroupWindow window = new GroupWindow(sequential ? READ_AHEAD_BYTES : 0);
      double[] p = new double[params.count];
      boolean scaled = bitpix > 0 || bscale != 1.0 || bzero != 0.0;
      for (int g = 0; g < gcount; g++) {
        long at = dataStart + g * groupBytes;
        boolean complete =
            window.copy(at, buf, 0, paramBytes)
                && (vis == null || window.copy(at + spanFrom, buf, spanFrom, spanTo - spanFrom));
        if (!complete) {
          throw new InvalidInputException(
              file,
              "data",
              "file truncated in random group "
                  + (g + 1)
                  + " of "
                  + gcount
                  + " (expected "
                  + groupBytes * gcount
                  + " bytes of groups)");
        }
        for (int k = 0; k < params.count; k++) {
          p[k] = params.scale[k] * element(bb, bitpix, k) + params.zero[k];
        }
        // UVFITS stores pos1 - pos2; blocks hold pos2 - pos1 (see the class comment).
        rows.u[g] = -p[params.uu] * VisibilityBlock.C;
        rows.v[g] = -p[params.vv] * VisibilityBlock.C;
        rows.w[g] = -p[params.ww] * VisibilityBlock.C;
        decodeAntennas(params, p, g, rows.st1, rows.st2);
        // Sum the scaled fractional parts first, then add the (large) integer-day zero points, so
        // that the millisecond-level information of float32 parameters is not lost to rounding.
        double frac = 0;
        for (int k : params.dates) {
          frac += params.scale[k] * element(bb, bitpix, k);
        }
        rows.time[g] = (params.dateZero - 2_400_000.5) * 86_400.0 + frac * 86_400.0;
        rows.inttim[g] = params.inttim >= 0 ? p[params.inttim] : Double.NaN;
        if (vis == null) {
          continue;
        }
        int rowBase = visitor == null ? g : 0;
        for (int c = 0; c < nChan; c++) {
          int fc = first + c;
          int iff = fc / axes.nFreq;
          int f = fc % axes.nFreq;
          for (int q = 0; q < nPol; q++) {
            long off =
                params.count + iff * axes.strideIf + f * axes.strideFreq + q * axes.strideStokes;
            double re = element(bb, bitpix, off);
            double im = element(bb, bitpix, off + axes.strideComplex);
            double wt = axes.nComplex == 3 ? element(bb, bitpix, off + 2 * axes.strideComplex) : 1;
            if (scaled) {
              re = bscale * re + bzero;
              im = bscale * im + bzero;
              wt = axes.nComplex == 3 ? bscale * wt + bzero : 1;
            }
            int i = (rowBase * nChan + c) * nPol + q;
            vis[2 * i] = (float) re;
            vis[2 * i + 1] = (float) im;
            boolean finite = Double.isFinite(re) && Double.isFinite(im);
            if (!finite) {
              // NaN/Inf carry no information and poison any sum they enter (0 x NaN is NaN):
              // stored as a flagged zero of weight 0, whatever the flag policy.
              vis[2 * i] = 0f;
              vis[2 * i + 1] = 0f;
              weight[i] = 0f;
              flag[i] = true;
            } else if (Double.isNaN(wt)) {
              weight[i] = 0f;
              flag[i] = true;
            } else if (options.ignoreFlags()) {
              weight[i] = wt == 0 ? 1f : (float) Math.abs(wt);
              flag[i] = !finite;
            } else {
              weight[i] = (float) Math.abs(wt);
              flag[i] = !(wt > 0) || !finite;
            }
          }
        }
        if (visitor != null && !visitor.visited(g)) {
          return;
        }
      }
    }

    /**
     * Elements {@code [from, to)} of a group's data array (after the parameters) that hold the
     * selected channels: every complex part, polarisation and IF of them.
     */
    private long[] selectedSpan() {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      int nPol = axes.pols.length;
      // The extremes of a linear offset over a box of indices sit at its corners: the first and
      // last selected channel (and, across IFs, the IFs' first and last frequency).
      int[] corners = {first, first + nChan - 1};
      List<Integer> chans = new ArrayList<>();
      for (int c : corners) {
        chans.add(c);
      }
      int ifLo = first / axes.nFreq;
      int ifHi = (first + nChan - 1) / axes.nFreq;
      if (ifHi > ifLo) {
        chans.add(ifLo * axes.nFreq + axes.nFreq - 1);
        chans.add(ifHi * axes.nFreq);
        if (ifHi - ifLo > 1) {
          chans.add((ifLo + 1) * axes.nFreq);
          chans.add((ifHi - 1) * axes.nFreq + axes.nFreq - 1);
        }
      }
      for (int fc : chans) {
        int iff = fc / axes.nFreq;
        int f = fc % axes.nFreq;
        for (int q : new int[] {0, nPol - 1}) {
          for (int part = 0; part < axes.nComplex; part++) {
            long off =
                iff * axes.strideIf
                    + f * axes.strideFreq
                    + q * axes.strideStokes
                    + part * axes.strideComplex;
            lo = Math.min(lo, off);
            hi = Math.max(hi, off + 1);
          }
        }
      }
      return new long[] {lo, hi};
    }

    /**
     * Positional reads of the data: with a read-ahead, ranges are served from a buffer refilled
     * sequentially; without, each range is read where it lies (seeking over the rest).
     */
    private final class GroupWindow {
      private final ByteBuffer buffer;
      private long bufferStart = -1;

      GroupWindow(int readAhead) {
        buffer = readAhead > 0 ? ByteBuffer.allocate(readAhead) : null;
      }

      /** Copies bytes {@code [pos, pos + len)} of the file to {@code dst}; false at end of file. */
      boolean copy(long pos, byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
          return true;
        }
        if (buffer == null || len > buffer.capacity()) {
          return readAt(pos, ByteBuffer.wrap(dst, off, len));
        }
        if (bufferStart < 0 || pos < bufferStart || pos + len > bufferStart + buffer.limit()) {
          buffer.clear();
          bufferStart = pos;
          while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos + buffer.position());
            if (n < 0) {
              break;
            }
          }
          buffer.flip();
          if (buffer.limit() < len) {
            return false;
          }
        }
        System.arraycopy(buffer.array(), (int) (pos - bufferStart), dst, off, len);
        return true;
      }

      private boolean readAt(long pos, ByteBuffer dst) throws IOException {
        long at = pos;
        while (dst.hasRemaining()) {
          int n = channel.read(dst, at);
          if (n < 0) {
            return false;
          }
          at += n;
        }
        return true;
      }
    }

    private Header readPrimaryHeader() {
      Header header;
      try {
        header = Header.readHeader(in);
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException(
            file, "SIMPLE", "unreadable FITS header (truncated or corrupt): " + e.getMessage(), e);
      }
      if (header == null || !header.containsKey("SIMPLE")) {
        throw new InvalidInputException(file, "SIMPLE", "not a FITS file (no SIMPLE keyword)");
      }
      return header;
    }

    private Axes readAxes(int naxis) {
      Axes a = new Axes();
      long stride = 1;
      int complexAxis = -1;
      int stokesAxis = -1;
      int freqAxis = -1;
      for (int k = 2; k <= naxis; k++) {
        int n = h.integer("NAXIS" + k);
        if (n < 1) {
          throw new InvalidInputException(file, "NAXIS" + k, "expected >= 1, found " + n);
        }
        if (n > fileBytes) {
          throw new InvalidInputException(
              file, "NAXIS" + k, n + " exceeds the file size (" + fileBytes + " bytes)");
        }
        String type = h.string("CTYPE" + k).toUpperCase(java.util.Locale.ROOT);
        if (type.equals("COMPLEX")) {
          if (n != 3 && n != 2) {
            throw new InvalidInputException(
                file, "NAXIS" + k, "COMPLEX axis must have 3 (re, im, weight) or 2 values: " + n);
          }
          a.nComplex = n;
          a.strideComplex = stride;
          complexAxis = k;
        } else if (type.equals("STOKES")) {
          a.pols = new Stokes[n];
          double crval = h.number("CRVAL" + k);
          double cdelt = h.number("CDELT" + k, 1.0);
          double crpix = h.number("CRPIX" + k, 1.0);
          for (int i = 0; i < n; i++) {
            double code = crval + (i + 1 - crpix) * cdelt;
            long r = Math.round(code);
            if (Math.abs(code - r) > 1e-6) {
              throw new InvalidInputException(
                  file, "CRVAL" + k, "STOKES axis value " + code + " is not an integer code");
            }
            try {
              a.pols[i] = Stokes.fromCode((int) r);
            } catch (IllegalArgumentException e) {
              throw new InvalidInputException(
                  file, "CRVAL" + k, "unknown STOKES code " + r + " (expected 1..4 or -1..-8)");
            }
          }
          a.strideStokes = stride;
          stokesAxis = k;
        } else if (type.equals("FREQ")) {
          a.nFreq = n;
          a.freqRef = h.number("CRVAL" + k);
          a.freqDelta = h.number("CDELT" + k);
          a.freqPix = h.number("CRPIX" + k, 1.0);
          a.strideFreq = stride;
          freqAxis = k;
        } else if (type.equals("IF")) {
          a.nIf = n;
          a.strideIf = stride;
        } else if (type.startsWith("RA")) {
          a.ra = h.has("CRVAL" + k) ? h.number("CRVAL" + k) : Double.NaN;
          requireSingle(k, n, type);
        } else if (type.startsWith("DEC")) {
          a.dec = h.has("CRVAL" + k) ? h.number("CRVAL" + k) : Double.NaN;
          requireSingle(k, n, type);
        } else {
          requireSingle(k, n, type);
        }
        stride *= n;
        if (stride > fileBytes) {
          throw new InvalidInputException(
              file, "NAXIS" + k, "a group larger than the file (" + fileBytes + " bytes)");
        }
      }
      if (complexAxis < 0) {
        throw new InvalidInputException(file, "CTYPEn", "no COMPLEX axis among the data axes");
      }
      if (stokesAxis < 0) {
        throw new InvalidInputException(file, "CTYPEn", "no STOKES axis among the data axes");
      }
      if (freqAxis < 0) {
        throw new InvalidInputException(file, "CTYPEn", "no FREQ axis among the data axes");
      }
      a.elements = stride;
      return a;
    }

    private void requireSingle(int k, int n, String type) {
      if (n != 1) {
        throw new InvalidInputException(
            file, "NAXIS" + k, "axis " + type + " must have length 1, found " + n);
      }
    }

    private Params readParams() {
      Params p = new Params();
      p.count = h.integer("PCOUNT");
      if (p.count < 0 || p.count > fileBytes) {
        throw new InvalidInputException(
            file, "PCOUNT", "expected 0.." + fileBytes + " (the file size), found " + p.count);
      }
      p.scale = new double[p.count];
      p.zero = new double[p.count];
      List<Integer> dates = new ArrayList<>();
      for (int k = 0; k < p.count; k++) {
        String key = "PTYPE" + (k + 1);
        String type = h.string(key).toUpperCase(java.util.Locale.ROOT);
        p.scale[k] = h.number("PSCAL" + (k + 1), 1.0);
        p.zero[k] = h.number("PZERO" + (k + 1), 0.0);
        String base = type.contains("-") ? type.substring(0, type.indexOf('-')) : type;
        switch (base) {
          case "UU" -> p.uu = first(p.uu, k);
          case "VV" -> p.vv = first(p.vv, k);
          case "WW" -> p.ww = first(p.ww, k);
          case "DATE", "_DATE" -> dates.add(k);
          case "BASELINE" -> p.baseline = first(p.baseline, k);
          case "ANTENNA1" -> p.ant1 = first(p.ant1, k);
          case "ANTENNA2" -> p.ant2 = first(p.ant2, k);
          case "SUBARRAY" -> p.subarray = first(p.subarray, k);
          case "INTTIM" -> p.inttim = first(p.inttim, k);
          default -> {
            // Other parameters (LST, FREQSEL, ...) are not needed.
          }
        }
      }
      requireParam(p.uu, "UU");
      requireParam(p.vv, "VV");
      requireParam(p.ww, "WW");
      if (dates.isEmpty()) {
        throw new InvalidInputException(file, "PTYPEn", "random parameter DATE is missing");
      }
      if (p.baseline < 0 && (p.ant1 < 0 || p.ant2 < 0)) {
        throw new InvalidInputException(
            file, "PTYPEn", "neither a BASELINE nor ANTENNA1/ANTENNA2 random parameters");
      }
      p.dates = dates.stream().mapToInt(Integer::intValue).toArray();
      for (int k : p.dates) {
        p.dateZero += p.zero[k];
      }
      return p;
    }

    private void requireParam(int index, String name) {
      if (index < 0) {
        throw new InvalidInputException(
            file, "PTYPEn", "random parameter " + name + " (seconds) is missing");
      }
    }

    private static int first(int current, int k) {
      return current >= 0 ? current : k;
    }

    private void decodeAntennas(Params params, double[] p, int g, int[] st1, int[] st2) {
      int subarray = 1;
      if (params.baseline >= 0) {
        double bl = p[params.baseline];
        long whole = (long) Math.floor(bl);
        subarray = (int) Math.round((bl - whole) * 100) + 1;
        if (whole > 65536) {
          long x = whole - 65536;
          st1[g] = (int) (x / 2048);
          st2[g] = (int) (x % 2048);
        } else {
          st1[g] = (int) (whole / 256);
          st2[g] = (int) (whole % 256);
        }
      } else {
        st1[g] = (int) Math.round(p[params.ant1]);
        st2[g] = (int) Math.round(p[params.ant2]);
      }
      if (params.subarray >= 0) {
        subarray = (int) Math.round(p[params.subarray]);
      }
      if (subarray > 1) {
        throw new InvalidInputException(
            file,
            "SUBARRAY",
            "group " + (g + 1) + " is in subarray " + subarray + "; only subarray 1 is supported");
      }
    }

    private int antennaIndex(AipsAntennaTable an, int station, int g, Params params) {
      int idx = an.indexOfStation(station);
      if (idx < 0) {
        throw new InvalidInputException(
            file,
            params.baseline >= 0 ? "BASELINE" : "ANTENNA1/ANTENNA2",
            "group "
                + (g + 1)
                + " names antenna "
                + station
                + ", which is not in the AIPS AN table");
      }
      return idx;
    }

    private PhaseCentre phaseCentre(Axes axes) {
      double ra = Double.isNaN(axes.ra) ? h.number("OBSRA", Double.NaN) : axes.ra;
      double dec = Double.isNaN(axes.dec) ? h.number("OBSDEC", Double.NaN) : axes.dec;
      if (Double.isNaN(ra) || Double.isNaN(dec)) {
        throw new InvalidInputException(
            file, "CRVAL of RA/DEC", "no phase centre: no RA/DEC axis values and no OBSRA/OBSDEC");
      }
      if (Math.abs(dec) > 90) {
        throw new InvalidInputException(file, "DEC", "declination out of range: " + dec);
      }
      return PhaseCentre.ofDegrees(ra, dec);
    }

    /**
     * The AIPS tables after the groups (and their padding to 2880 bytes), read through a stream of
     * their own. A file that ends right after its groups, without padding, is still readable; the
     * AN table check reports what is missing.
     */
    private Tables readTables() throws IOException {
      long tablesStart = dataStart + FitsUtil.addPadding(groupBytes * gcount);
      in =
          new FitsInputStream(
              new BufferedInputStream(
                  Channels.newInputStream(channel.position(Math.min(tablesStart, fileBytes))),
                  1 << 16));
      Tables t = tablesStart > fileBytes ? new Tables() : readExtensions();
      if (t.an == null) {
        throw new InvalidInputException(file, "AIPS AN", "the antenna table is missing");
      }
      if (axes.nIf > 1 && t.ifFreq == null) {
        throw new InvalidInputException(
            file, "AIPS FQ", axes.nIf + " IFs but no frequency table giving their offsets");
      }
      return t;
    }

    private Tables readExtensions() {
      Tables t = new Tables();
      while (true) {
        Header x;
        try {
          x = Header.readHeader(in);
        } catch (EOFException e) {
          break;
        } catch (IOException | RuntimeException e) {
          throw new InvalidInputException(
              file, "XTENSION", "unreadable extension header: " + e.getMessage(), e);
        }
        if (x == null) {
          break;
        }
        HeaderAccess xa = new HeaderAccess(x, file);
        String ext = xa.string("EXTNAME", "");
        boolean bintable = xa.string("XTENSION", "").equals("BINTABLE");
        BinaryTable table;
        if (bintable && (ext.equals("AIPS AN") && t.an == null || ext.equals("AIPS FQ"))) {
          if (FitsLayout.dataBytes(x, file, ext) > fileBytes) {
            throw new InvalidInputException(
                file, ext + " NAXIS2", "a table larger than the file: truncated or corrupt");
          }
          try {
            table = new BinaryTable(x);
            table.read(in);
          } catch (RuntimeException e) {
            throw new InvalidInputException(
                file, ext, "unreadable or truncated table: " + e.getMessage(), e);
          }
          if (ext.equals("AIPS AN")) {
            t.an = antennaTable(xa, table);
          } else if (t.ifFreq == null) {
            frequencyTable(xa, table, t);
          }
        } else {
          skipExtension(xa, ext);
        }
      }
      return t;
    }

    private void skipExtension(HeaderAccess xa, String ext) {
      long size = FitsLayout.dataBytes(xa.header(), file, ext.isEmpty() ? "XTENSION" : ext);
      try {
        in.skipAllBytes(FitsUtil.addPadding(size));
      } catch (IOException e) {
        throw new InvalidInputException(file, ext.isEmpty() ? "XTENSION" : ext, "truncated", e);
      }
    }

    private AipsAntennaTable antennaTable(HeaderAccess xa, BinaryTable table) {
      int n = table.getNRows();
      int cName = column(xa, "ANNAME", true);
      int cXyz = column(xa, "STABXYZ", true);
      int cNosta = column(xa, "NOSTA", false);
      int cDiam = column(xa, "DIAMETER", false);
      String[] names = new String[n];
      int[] nosta = new int[n];
      double[] x = new double[n];
      double[] y = new double[n];
      double[] z = new double[n];
      double[] diam = new double[n];
      try {
        for (int r = 0; r < n; r++) {
          names[r] = asString(table.getElement(r, cName)).strip();
          double[] xyz = asDoubles(table.getElement(r, cXyz));
          if (xyz.length != 3) {
            throw new InvalidInputException(file, "STABXYZ", "expected 3 values per antenna");
          }
          x[r] = xyz[0];
          y[r] = xyz[1];
          z[r] = xyz[2];
          nosta[r] = cNosta < 0 ? r + 1 : (int) asDoubles(table.getElement(r, cNosta))[0];
          diam[r] = cDiam < 0 ? 0 : asDoubles(table.getElement(r, cDiam))[0];
          if (!Double.isFinite(x[r] + y[r] + z[r]) || !Double.isFinite(diam[r])) {
            throw new InvalidInputException(
                file, "STABXYZ", "non-finite position of antenna row " + (r + 1));
          }
        }
      } catch (FitsException e) {
        throw new InvalidInputException(file, "AIPS AN", "unreadable row: " + e.getMessage(), e);
      }
      return new AipsAntennaTable(
          names,
          nosta,
          x,
          y,
          z,
          diam,
          xa.number("ARRAYX"),
          xa.number("ARRAYY"),
          xa.number("ARRAYZ"),
          xa.string("FRAME", "ITRF"),
          xa.string("ARRNAM", ""));
    }

    private void frequencyTable(HeaderAccess xa, BinaryTable table, Tables t) {
      int cFreq = column(xa, "IF FREQ", true);
      int cWidth = column(xa, "CH WIDTH", false);
      if (table.getNRows() < 1) {
        throw new InvalidInputException(file, "AIPS FQ", "the frequency table has no rows");
      }
      try {
        // Row 1 is FREQID 1, the only frequency setup a single VisibilityBlock can hold.
        t.ifFreq = asDoubles(table.getElement(0, cFreq));
        t.chanWidth = cWidth < 0 ? null : asDoubles(table.getElement(0, cWidth));
      } catch (FitsException e) {
        throw new InvalidInputException(file, "AIPS FQ", "unreadable row: " + e.getMessage(), e);
      }
    }

    private int column(HeaderAccess xa, String name, boolean required) {
      int n = xa.integer("TFIELDS");
      for (int k = 1; k <= n; k++) {
        if (xa.string("TTYPE" + k, "").equalsIgnoreCase(name)) {
          return k - 1;
        }
      }
      if (required) {
        throw new InvalidInputException(
            file, name, "required column missing from table " + xa.string("EXTNAME", "?"));
      }
      return -1;
    }
  }

  private static String asString(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof String[] s && s.length > 0) {
      return s[0];
    }
    if (o instanceof char[] c) {
      return new String(c);
    }
    if (o instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.US_ASCII).replace('\0', ' ');
    }
    return String.valueOf(o);
  }

  private static double[] asDoubles(Object o) {
    if (o instanceof double[] d) {
      return d;
    }
    if (o instanceof float[] f) {
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
    if (o instanceof int[] a) {
      return Arrays.stream(a).asDoubleStream().toArray();
    }
    if (o instanceof long[] a) {
      return Arrays.stream(a).asDoubleStream().toArray();
    }
    if (o instanceof short[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (o instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    throw new IllegalStateException("unexpected column type " + o.getClass());
  }

  /** Element {@code k} of the current group, decoded by BITPIX (no scaling). */
  private static double element(ByteBuffer bb, int bitpix, long k) {
    int i = (int) k;
    return switch (bitpix) {
      case -32 -> bb.getFloat(4 * i);
      case -64 -> bb.getDouble(8 * i);
      case 8 -> bb.get(i) & 0xff;
      case 16 -> bb.getShort(2 * i);
      case 32 -> bb.getInt(4 * i);
      default -> bb.getLong(8 * i);
    };
  }

  /**
   * Missing INTTIM: the smallest spacing between distinct times is the integration time of a
   * regularly sampled file; a single time slot has no spacing and gets 0.
   */
  private static void fillIntegrationTimes(double[] inttim, double[] time) {
    if (inttim.length == 0 || !Double.isNaN(inttim[0])) {
      return;
    }
    double[] t = time.clone();
    Arrays.sort(t);
    double step = Double.POSITIVE_INFINITY;
    for (int i = 1; i < t.length; i++) {
      double d = t[i] - t[i - 1];
      // Times within a millisecond are the same slot written with float32 rounding.
      if (d > 1e-3 && d < step) {
        step = d;
      }
    }
    Arrays.fill(inttim, Double.isInfinite(step) ? 0 : step);
  }

  /** Layout of the data axes of one group. */
  private static final class Axes {
    int nComplex;
    long strideComplex;
    Stokes[] pols;
    long strideStokes;
    int nFreq;
    double freqRef;
    double freqDelta;
    double freqPix;
    long strideFreq;
    int nIf = 1;
    long strideIf;
    double ra = Double.NaN;
    double dec = Double.NaN;
    long elements;

    double freqAt(int f) {
      return freqRef + (f + 1 - freqPix) * freqDelta;
    }
  }

  /** Positions of the random parameters in a group (-1 when absent) and their scaling. */
  private static final class Params {
    int count;
    double[] scale;
    double[] zero;
    int uu = -1;
    int vv = -1;
    int ww = -1;
    int[] dates;
    double dateZero;
    int baseline = -1;
    int ant1 = -1;
    int ant2 = -1;
    int subarray = -1;
    int inttim = -1;
  }

  /** The random parameters decoded per group. */
  private static final class Rows {
    final double[] u;
    final double[] v;
    final double[] w;
    final int[] st1;
    final int[] st2;
    final double[] time;
    final double[] inttim;

    Rows(int n) {
      u = new double[n];
      v = new double[n];
      w = new double[n];
      st1 = new int[n];
      st2 = new int[n];
      time = new double[n];
      inttim = new double[n];
    }
  }

  /** The extension tables that matter. */
  private static final class Tables {
    AipsAntennaTable an;
    double[] ifFreq;
    double[] chanWidth;
  }
}
