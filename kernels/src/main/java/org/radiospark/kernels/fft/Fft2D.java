package org.radiospark.kernels.fft;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * Unnormalised 2-D complex FFT of an {@code ny x nx} array, in place, as row passes then column
 * passes of JTransforms 1-D transforms, parallelised over rows and column blocks with the caller's
 * thread count.
 *
 * <p>Layout: {@code a[2*(y*nx + x)] = Re}, {@code a[2*(y*nx + x) + 1] = Im}, x fastest. {@link
 * #forward} computes {@code A[ky,kx] = sum a[y,x] exp(-2 pi i (kx x / nx + ky y / ny))}, {@link
 * #backward} the same with {@code +2 pi i} and no {@code 1/(nx ny)} factor, so {@code backward} is
 * the exact adjoint of {@code forward}.
 *
 * <p>Cost {@code O(nx ny log(nx ny))}; sizes with factors 2, 3 and 5 only are fast (see {@link
 * #goodSize}); powers of two fastest ({@link #relativeCost}); other sizes fall back to Bluestein's
 * algorithm inside JTransforms.
 *
 * <p>Plans are immutable once built and cached per size in a thread-safe map ({@link #of}).
 * JTransforms keeps its own thread count in a global static; the first use of this class sets it to
 * 1 so that a Spark task never spawns hidden threads, and parallelism comes only from the {@code
 * nThreads} argument.
 */
public final class Fft2D {
  private static final ConcurrentMap<Long, Fft2D> CACHE = new ConcurrentHashMap<>();

  static {
    ConcurrencyUtils.setNumberOfThreads(1);
  }

  /** Columns copied together in the column pass: one cache line of each row per gather. */
  private static final int COLUMN_BLOCK = 8;

  private final int ny;
  private final int nx;
  private volatile DoubleFFT_1D rowD;
  private volatile DoubleFFT_1D colD;
  private volatile FloatFFT_1D rowF;
  private volatile FloatFFT_1D colF;

  private Fft2D(int ny, int nx) {
    this.ny = ny;
    this.nx = nx;
  }

  /**
   * The cached plan for an {@code ny x nx} transform.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public static Fft2D of(int ny, int nx) {
    if (ny <= 0 || nx <= 0) {
      throw new IllegalArgumentException("FFT size must be positive: " + ny + " x " + nx);
    }
    return CACHE.computeIfAbsent(((long) ny << 32) | nx, k -> new Fft2D(ny, nx));
  }

  /** Number of rows (slow axis). */
  public int ny() {
    return ny;
  }

  /** Number of columns (fast axis). */
  public int nx() {
    return nx;
  }

  /**
   * Smallest {@code m >= n} whose only prime factors are 2, 3 and 5 (JTransforms' fast radices).
   */
  public static int goodSize(int n) {
    if (n <= 1) {
      return 1;
    }
    int best = Integer.MAX_VALUE;
    for (long f2 = 1; f2 < 2L * n; f2 *= 2) {
      for (long f3 = f2; f3 < 2L * n; f3 *= 3) {
        for (long f5 = f3; f5 < 2L * n; f5 *= 5) {
          if (f5 >= n && f5 < best) {
            best = (int) f5;
          }
        }
      }
    }
    return best;
  }

  /** Smallest even {@code m >= n} with factors 2, 3 and 5 only. */
  public static int goodEvenSize(int n) {
    int m = goodSize(Math.max(n, 2));
    while (m % 2 != 0) {
      m = goodSize(m + 1);
    }
    return m;
  }

  /**
   * Relative time per point and per log2 of a JTransforms 1-D complex transform of length {@code n}
   * (1 for a power of two): JTransforms uses its split-radix code for powers of two, a mixed-radix
   * code for {@code 2^a 3^b 5^c} and Bluestein's algorithm (three power-of-two transforms of length
   * at least {@code 2 n}) otherwise. Measured on the gridding path (float, one thread, half-column
   * and real-row 2-D passes, grids 1350-2048): powers of two 0.39 ns per point-log2, {@code 2^a 3}
   * (one radix-3 pass) about 1.35 times that, other 5-smooth sizes 1.3-1.7 times (1500: 1.55). Used
   * by the gridders' cost models to prefer fast grid sizes; O(log n).
   *
   * @param n transform length, at least 1
   * @return 1 for powers of two, 1.35 for {@code 2^a 3}, 1.5 for other 5-smooth lengths, 6
   *     otherwise
   */
  public static double relativeCost(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("FFT length must be positive: " + n);
    }
    int m = n;
    while (m % 2 == 0) {
      m /= 2;
    }
    if (m == 1) {
      return 1.0;
    }
    if (m == 3) {
      return 1.35;
    }
    while (m % 3 == 0) {
      m /= 3;
    }
    while (m % 5 == 0) {
      m /= 5;
    }
    return m == 1 ? 1.5 : 6.0;
  }

  /**
   * The even lengths in {@code [min, max]} with factors 2, 3 and 5 only, ascending; empty when
   * there are none. O(log^3 max).
   */
  public static int[] goodEvenSizes(int min, int max) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (long f2 = 2; f2 <= max; f2 *= 2) {
      for (long f3 = f2; f3 <= max; f3 *= 3) {
        for (long f5 = f3; f5 <= max; f5 *= 5) {
          if (f5 >= min) {
            out.add((int) f5);
          }
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** In-place forward transform (exponent -i) of a double array of length {@code 2 nx ny}. */
  public void forward(double[] a, int nThreads) {
    transform(a, nThreads, true);
  }

  /** In-place backward transform (exponent +i, unnormalised) of a double array. */
  public void backward(double[] a, int nThreads) {
    transform(a, nThreads, false);
  }

  /**
   * In-place inverse of {@link #forward(double[], int)}: the backward transform scaled by {@code 1
   * / (nx ny)}, so that {@code inverse(forward(a)) == a} to round-off (convolutions).
   */
  public void inverse(double[] a, int nThreads) {
    transform(a, nThreads, false);
    double scale = 1.0 / ((double) nx * ny);
    for (int i = 0; i < a.length; i++) {
      a[i] *= scale;
    }
  }

  /** In-place forward transform (exponent -i) of a float array of length {@code 2 nx ny}. */
  public void forward(float[] a, int nThreads) {
    transform(a, nThreads, true);
  }

  /** In-place backward transform (exponent +i, unnormalised) of a float array. */
  public void backward(float[] a, int nThreads) {
    transform(a, nThreads, false);
  }

  /**
   * Forward transform of an array whose only non-zero rows are the {@code nRows} rows starting at
   * {@code firstRow} (cyclically): skips the row transforms of the zero rows. Same result as {@link
   * #forward(double[], int)}.
   */
  public void forwardSparseRows(double[] a, int nThreads, int firstRow, int nRows) {
    forwardSparseRows(a, nThreads, firstRow, nRows, 0, nx);
  }

  /**
   * As {@link #forwardSparseRows(double[], int, int, int)}, computing only the {@code nCols} output
   * columns starting at {@code firstCol} (cyclically); other columns keep intermediate values.
   */
  public void forwardSparseRows(
      double[] a, int nThreads, int firstRow, int nRows, int firstCol, int nCols) {
    check(a.length);
    rowPass(a, nThreads, true, firstRow, nRows);
    columnPass(a, nThreads, true, firstCol, nCols);
  }

  /**
   * Backward transform computing only the {@code nRows} output rows starting at {@code firstRow}
   * (cyclically); the other rows are left with intermediate values. Columns are transformed first.
   */
  public void backwardSomeRows(double[] a, int nThreads, int firstRow, int nRows) {
    backwardSomeRows(a, nThreads, firstRow, nRows, 0, nx);
  }

  /**
   * As {@link #backwardSomeRows(double[], int, int, int)} for an input whose only non-zero columns
   * are the {@code nCols} columns starting at {@code firstCol} (cyclically).
   */
  public void backwardSomeRows(
      double[] a, int nThreads, int firstRow, int nRows, int firstCol, int nCols) {
    check(a.length);
    columnPass(a, nThreads, false, firstCol, nCols);
    rowPass(a, nThreads, false, firstRow, nRows);
  }

  /** Float version of {@link #forwardSparseRows(double[], int, int, int)}. */
  public void forwardSparseRows(float[] a, int nThreads, int firstRow, int nRows) {
    forwardSparseRows(a, nThreads, firstRow, nRows, 0, nx);
  }

  /**
   * As {@link #forwardSparseRows(float[], int, int, int)}, computing only the {@code nCols} output
   * columns starting at {@code firstCol} (cyclically); other columns keep intermediate values.
   */
  public void forwardSparseRows(
      float[] a, int nThreads, int firstRow, int nRows, int firstCol, int nCols) {
    check(a.length);
    rowPass(a, nThreads, true, firstRow, nRows);
    columnPass(a, nThreads, true, firstCol, nCols);
  }

  /** Float version of {@link #backwardSomeRows(double[], int, int, int)}. */
  public void backwardSomeRows(float[] a, int nThreads, int firstRow, int nRows) {
    backwardSomeRows(a, nThreads, firstRow, nRows, 0, nx);
  }

  /**
   * As {@link #backwardSomeRows(float[], int, int, int)} for an input whose only non-zero columns
   * are the {@code nCols} columns starting at {@code firstCol} (cyclically).
   */
  public void backwardSomeRows(
      float[] a, int nThreads, int firstRow, int nRows, int firstCol, int nCols) {
    check(a.length);
    columnPass(a, nThreads, false, firstCol, nCols);
    rowPass(a, nThreads, false, firstRow, nRows);
  }

  /**
   * {@link #forwardSparseRows(float[], int, int, int, int, int)} for an input whose imaginary parts
   * are zero (a real image placed in the grid): same result, with the row pass transforming two
   * real rows per complex FFT (the rows as real and imaginary parts, separated afterwards by the
   * Hermitian symmetry of each real row's transform; Press et al., Numerical Recipes, 12.3), and
   * the column pass only over the wanted columns {@code kx <= nx/2} and the mirrors of the others,
   * which are then filled as {@code A(kx, ky) = conj A(-kx, -ky)}. Both passes cost about half.
   * Columns outside the wanted range keep intermediate values.
   *
   * @param a {@code a[2 (y nx + x)]} real values, {@code a[2 (y nx + x) + 1]} must be 0 in the
   *     {@code nRows} rows from {@code firstRow}; other rows must be zero
   */
  public void forwardRealRows(
      float[] a, int nThreads, int firstRow, int nRows, int firstCol, int nCols) {
    check(a.length);
    realRowPass(a, nThreads, firstRow, nRows);
    // The transform of a real array is Hermitian, A(-kx, -ky) = conj A(kx, ky): transform only the
    // wanted columns kx <= nx/2 and those whose mirror is wanted, then copy the mirrored ones.
    boolean[] wanted = columnMask(firstCol, nCols);
    boolean[] half = halfMask(wanted);
    columnPass(a, nThreads, true, maskBlocks(half));
    int[] mirrored = mirroredColumns(wanted, half);
    if (mirrored.length > 0) {
      int rowsPerTask = Math.max(1, ny / (8 * nThreads));
      ParallelFor.run(
          nThreads,
          (ny + rowsPerTask - 1) / rowsPerTask,
          t -> {
            int end = Math.min(ny, (t + 1) * rowsPerTask);
            for (int y = t * rowsPerTask; y < end; y++) {
              int dst = 2 * y * nx;
              int src = 2 * ((ny - y) % ny) * nx;
              for (int c : mirrored) {
                int m = nx - c;
                a[dst + 2 * c] = a[src + 2 * m];
                a[dst + 2 * c + 1] = -a[src + 2 * m + 1];
              }
            }
          });
    }
  }

  /**
   * {@link #backwardSomeRows(float[], int, int, int, int, int)} when only the real parts of the
   * output rows are wanted: the 2-D Hermitian part {@code h(k) = (a(k) + conj a(-k)) / 2}, whose
   * transform is the real part of a's, is formed on the columns {@code kx <= nx/2} (those wanted or
   * mirroring wanted ones), only those columns are transformed (the others are conjugates), and the
   * rows, Hermitian, are transformed two at a time as real and imaginary part of one complex FFT.
   * Both passes cost about half.
   *
   * @param a input grid; on return the {@code nRows} rows from {@code firstRow} hold the real parts
   *     of the backward transform in the even slots and 0 in the odd slots; other rows hold
   *     intermediate values
   */
  public void backwardSomeRowsRealPart(
      float[] a, int nThreads, int firstRow, int nRows, int firstCol, int nCols) {
    check(a.length);
    // Re(F a) = F h with h(k) = (a(k) + conj a(-k)) / 2 (2-D negation), which is Hermitian, and so
    // is its column transform along x: only the columns kx <= nx/2 are transformed, the row pass
    // reads the others as conjugates.
    boolean[] half = halfMask(columnMask(firstCol, nCols));
    int[] cols = indices(half);
    int rowsPerTask = Math.max(1, ny / (8 * nThreads));
    ParallelFor.run(
        nThreads,
        (ny + rowsPerTask - 1) / rowsPerTask,
        t -> {
          int end = Math.min(ny, (t + 1) * rowsPerTask);
          for (int y = t * rowsPerTask; y < end; y++) {
            hermitianPartRow(a, y, cols);
          }
        });
    columnPass(a, nThreads, false, maskBlocks(half));
    int nPairs = (nRows + 1) / 2;
    int pairsPerTask = Math.max(1, nPairs / (8 * nThreads));
    FloatFFT_1D row = rowF();
    ParallelFor.run(
        nThreads,
        (nPairs + pairsPerTask - 1) / pairsPerTask,
        t -> {
          float[] z = new float[2 * nx];
          int end = Math.min(nPairs, (t + 1) * pairsPerTask);
          for (int k = t * pairsPerTask; k < end; k++) {
            int ya = Math.floorMod(firstRow + 2 * k, ny);
            int yb = 2 * k + 1 < nRows ? Math.floorMod(firstRow + 2 * k + 1, ny) : -1;
            backwardHermitianPair(row, a, ya, yb, z);
          }
        });
  }

  /**
   * Row y of the Hermitian part, in place on the columns {@code cols} (all {@code <= nx/2}): h(kx,
   * y) = (a(kx, y) + conj a(-kx, -y)) / 2. Self-mirrored columns (0 and nx/2) pair row y with row
   * -y and are done by the smaller of the two, so concurrent rows never write the same value.
   */
  private void hermitianPartRow(float[] a, int y, int[] cols) {
    int ym = (ny - y) % ny;
    int oy = 2 * y * nx;
    int om = 2 * ym * nx;
    for (int c : cols) {
      int m = (nx - c) % nx;
      if (m == c) {
        if (y > ym) {
          continue;
        }
        float r1 = a[oy + 2 * c];
        float i1 = a[oy + 2 * c + 1];
        float r2 = a[om + 2 * c];
        float i2 = a[om + 2 * c + 1];
        a[oy + 2 * c] = 0.5f * (r1 + r2);
        a[oy + 2 * c + 1] = 0.5f * (i1 - i2);
        a[om + 2 * c] = 0.5f * (r2 + r1);
        a[om + 2 * c + 1] = 0.5f * (i2 - i1);
      } else {
        // Column m > nx/2 is never written here, so it still holds the input.
        a[oy + 2 * c] = 0.5f * (a[oy + 2 * c] + a[om + 2 * m]);
        a[oy + 2 * c + 1] = 0.5f * (a[oy + 2 * c + 1] - a[om + 2 * m + 1]);
      }
    }
  }

  /**
   * Real backward transforms of two rows whose values at {@code kx <= nx/2} are valid and which are
   * Hermitian (the others are their conjugates), as real and imaginary part of one complex FFT.
   */
  private void backwardHermitianPair(FloatFFT_1D row, float[] a, int ya, int yb, float[] z) {
    int oa = 2 * ya * nx;
    int ob = 2 * yb * nx;
    int h = nx / 2;
    for (int k = 0; k <= h; k++) {
      float ar = a[oa + 2 * k];
      float ai = a[oa + 2 * k + 1];
      float br = yb < 0 ? 0f : a[ob + 2 * k];
      float bi = yb < 0 ? 0f : a[ob + 2 * k + 1];
      z[2 * k] = ar - bi;
      z[2 * k + 1] = ai + br;
      int km = nx - k;
      if (k > 0 && km > h) {
        // conj A + i conj B at -k.
        z[2 * km] = ar + bi;
        z[2 * km + 1] = br - ai;
      }
    }
    row.complexInverse(z, false);
    for (int x = 0; x < nx; x++) {
      a[oa + 2 * x] = z[2 * x];
      a[oa + 2 * x + 1] = 0f;
      if (yb >= 0) {
        a[ob + 2 * x] = z[2 * x + 1];
        a[ob + 2 * x + 1] = 0f;
      }
    }
  }

  /** Columns of the cyclic range [first, first + n). */
  private boolean[] columnMask(int first, int n) {
    boolean[] m = new boolean[nx];
    int f = Math.floorMod(first, nx);
    for (int k = 0; k < Math.min(n, nx); k++) {
      m[(f + k) % nx] = true;
    }
    return m;
  }

  /** Columns c <= nx/2 that are wanted or whose mirror (-c mod nx) is wanted. */
  private boolean[] halfMask(boolean[] wanted) {
    boolean[] h = new boolean[nx];
    for (int c = 0; c <= nx / 2; c++) {
      h[c] = wanted[c] || wanted[(nx - c) % nx];
    }
    return h;
  }

  /** Wanted columns that are not in the half mask (their values are mirror conjugates). */
  private static int[] mirroredColumns(boolean[] wanted, boolean[] half) {
    int n = 0;
    for (int c = 0; c < wanted.length; c++) {
      if (wanted[c] && !half[c]) {
        n++;
      }
    }
    int[] out = new int[n];
    n = 0;
    for (int c = 0; c < wanted.length; c++) {
      if (wanted[c] && !half[c]) {
        out[n++] = c;
      }
    }
    return out;
  }

  private static int[] indices(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    int[] out = new int[n];
    n = 0;
    for (int c = 0; c < mask.length; c++) {
      if (mask[c]) {
        out[n++] = c;
      }
    }
    return out;
  }

  /** (start, count) pairs of at most COLUMN_BLOCK consecutive columns covering the mask. */
  private static int[] maskBlocks(boolean[] mask) {
    int[] b = new int[2 * mask.length];
    int n = 0;
    int c = 0;
    while (c < mask.length) {
      if (!mask[c]) {
        c++;
        continue;
      }
      int start = c;
      while (c < mask.length && mask[c] && c - start < COLUMN_BLOCK) {
        c++;
      }
      b[2 * n] = start;
      b[2 * n + 1] = c - start;
      n++;
    }
    return java.util.Arrays.copyOf(b, 2 * n);
  }

  /** Forward row pass over real rows, two rows per complex FFT (an odd last row alone). */
  private void realRowPass(float[] a, int nThreads, int firstRow, int nRows) {
    FloatFFT_1D row = rowF();
    int nPairs = (nRows + 1) / 2;
    int pairsPerTask = Math.max(1, nPairs / (8 * nThreads));
    int nTasks = (nPairs + pairsPerTask - 1) / pairsPerTask;
    ParallelFor.run(
        nThreads,
        nTasks,
        t -> {
          float[] z = new float[2 * nx];
          int end = Math.min(nPairs, (t + 1) * pairsPerTask);
          for (int k = t * pairsPerTask; k < end; k++) {
            int ya = Math.floorMod(firstRow + 2 * k, ny);
            int yb = 2 * k + 1 < nRows ? Math.floorMod(firstRow + 2 * k + 1, ny) : -1;
            forwardPair(row, a, ya, yb, z);
          }
        });
  }

  /** Forward transforms of real rows ya and yb (yb = -1: none) through one complex FFT. */
  private void forwardPair(FloatFFT_1D row, float[] a, int ya, int yb, float[] z) {
    int oa = 2 * ya * nx;
    int ob = 2 * yb * nx;
    for (int x = 0; x < nx; x++) {
      z[2 * x] = a[oa + 2 * x];
      z[2 * x + 1] = yb < 0 ? 0f : a[ob + 2 * x];
    }
    row.complexForward(z);
    // A(k) = (Z(k) + conj Z(-k)) / 2 and B(k) = (Z(k) - conj Z(-k)) / 2i.
    for (int k = 0; k < nx; k++) {
      int km = k == 0 ? 0 : nx - k;
      float zr = z[2 * k];
      float zi = z[2 * k + 1];
      float mr = z[2 * km];
      float mi = z[2 * km + 1];
      a[oa + 2 * k] = 0.5f * (zr + mr);
      a[oa + 2 * k + 1] = 0.5f * (zi - mi);
      if (yb >= 0) {
        a[ob + 2 * k] = 0.5f * (zi + mi);
        a[ob + 2 * k + 1] = 0.5f * (mr - zr);
      }
    }
  }

  /** (start, count) pairs of column blocks covering the cyclic range, split at the wrap. */
  private int[] columnBlocks(int firstCol, int nCols) {
    int first = Math.floorMod(firstCol, nx);
    int n = Math.min(nCols, nx);
    int len1 = Math.min(n, nx - first);
    int nb1 = (len1 + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    int len2 = n - len1;
    int nb2 = (len2 + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    int[] b = new int[2 * (nb1 + nb2)];
    for (int t = 0; t < nb1; t++) {
      b[2 * t] = first + t * COLUMN_BLOCK;
      b[2 * t + 1] = Math.min(COLUMN_BLOCK, first + len1 - b[2 * t]);
    }
    for (int t = 0; t < nb2; t++) {
      b[2 * (nb1 + t)] = t * COLUMN_BLOCK;
      b[2 * (nb1 + t) + 1] = Math.min(COLUMN_BLOCK, len2 - t * COLUMN_BLOCK);
    }
    return b;
  }

  private void check(int length) {
    if (length != 2L * nx * ny) {
      throw new IllegalArgumentException(
          "array length " + length + " does not match " + ny + " x " + nx + " complex values");
    }
  }

  private DoubleFFT_1D rowD() {
    DoubleFFT_1D p = rowD;
    if (p == null) {
      synchronized (this) {
        if (rowD == null) {
          rowD = new DoubleFFT_1D(nx);
        }
        p = rowD;
      }
    }
    return p;
  }

  private DoubleFFT_1D colD() {
    DoubleFFT_1D p = colD;
    if (p == null) {
      synchronized (this) {
        if (colD == null) {
          colD = nx == ny ? rowD() : new DoubleFFT_1D(ny);
        }
        p = colD;
      }
    }
    return p;
  }

  private FloatFFT_1D rowF() {
    FloatFFT_1D p = rowF;
    if (p == null) {
      synchronized (this) {
        if (rowF == null) {
          rowF = new FloatFFT_1D(nx);
        }
        p = rowF;
      }
    }
    return p;
  }

  private FloatFFT_1D colF() {
    FloatFFT_1D p = colF;
    if (p == null) {
      synchronized (this) {
        if (colF == null) {
          colF = nx == ny ? rowF() : new FloatFFT_1D(ny);
        }
        p = colF;
      }
    }
    return p;
  }

  private void transform(double[] a, int nThreads, boolean fwd) {
    check(a.length);
    rowPass(a, nThreads, fwd, 0, ny);
    columnPass(a, nThreads, fwd);
  }

  private void rowPass(double[] a, int nThreads, boolean fwd, int firstRow, int nRows) {
    DoubleFFT_1D row = rowD();
    int rowsPerTask = Math.max(1, nRows / (8 * nThreads));
    int nRowTasks = (nRows + rowsPerTask - 1) / rowsPerTask;
    ParallelFor.run(
        nThreads,
        nRowTasks,
        t -> {
          int end = Math.min(nRows, (t + 1) * rowsPerTask);
          for (int k = t * rowsPerTask; k < end; k++) {
            int y = Math.floorMod(firstRow + k, ny);
            if (fwd) {
              row.complexForward(a, 2 * y * nx);
            } else {
              row.complexInverse(a, 2 * y * nx, false);
            }
          }
        });
  }

  private void columnPass(double[] a, int nThreads, boolean fwd) {
    columnPass(a, nThreads, fwd, 0, nx);
  }

  private void columnPass(double[] a, int nThreads, boolean fwd, int firstCol, int nCols) {
    DoubleFFT_1D col = colD();
    int[] blocks = columnBlocks(firstCol, nCols);
    int nColTasks = blocks.length / 2;
    ParallelFor.run(
        nThreads,
        nColTasks,
        t -> {
          int x0 = blocks[2 * t];
          int nb = blocks[2 * t + 1];
          // Gather a block of columns into contiguous buffers so the 1-D FFT runs on unit stride.
          double[] buf = new double[2 * ny * nb];
          for (int y = 0; y < ny; y++) {
            int src = 2 * (y * nx + x0);
            for (int c = 0; c < nb; c++) {
              buf[2 * (c * ny + y)] = a[src + 2 * c];
              buf[2 * (c * ny + y) + 1] = a[src + 2 * c + 1];
            }
          }
          for (int c = 0; c < nb; c++) {
            if (fwd) {
              col.complexForward(buf, 2 * c * ny);
            } else {
              col.complexInverse(buf, 2 * c * ny, false);
            }
          }
          for (int y = 0; y < ny; y++) {
            int dst = 2 * (y * nx + x0);
            for (int c = 0; c < nb; c++) {
              a[dst + 2 * c] = buf[2 * (c * ny + y)];
              a[dst + 2 * c + 1] = buf[2 * (c * ny + y) + 1];
            }
          }
        });
  }

  private void transform(float[] a, int nThreads, boolean fwd) {
    check(a.length);
    rowPass(a, nThreads, fwd, 0, ny);
    columnPass(a, nThreads, fwd);
  }

  private void rowPass(float[] a, int nThreads, boolean fwd, int firstRow, int nRows) {
    FloatFFT_1D row = rowF();
    int rowsPerTask = Math.max(1, nRows / (8 * nThreads));
    int nRowTasks = (nRows + rowsPerTask - 1) / rowsPerTask;
    ParallelFor.run(
        nThreads,
        nRowTasks,
        t -> {
          int end = Math.min(nRows, (t + 1) * rowsPerTask);
          for (int k = t * rowsPerTask; k < end; k++) {
            int y = Math.floorMod(firstRow + k, ny);
            if (fwd) {
              row.complexForward(a, 2 * y * nx);
            } else {
              row.complexInverse(a, 2 * y * nx, false);
            }
          }
        });
  }

  private void columnPass(float[] a, int nThreads, boolean fwd) {
    columnPass(a, nThreads, fwd, 0, nx);
  }

  private void columnPass(float[] a, int nThreads, boolean fwd, int firstCol, int nCols) {
    columnPass(a, nThreads, fwd, columnBlocks(firstCol, nCols));
  }

  /** Column transforms of the (start, count) column blocks. */
  private void columnPass(float[] a, int nThreads, boolean fwd, int[] blocks) {
    FloatFFT_1D col = colF();
    int nColTasks = blocks.length / 2;
    ParallelFor.run(
        nThreads,
        nColTasks,
        t -> {
          int x0 = blocks[2 * t];
          int nb = blocks[2 * t + 1];
          float[] buf = new float[2 * ny * nb];
          for (int y = 0; y < ny; y++) {
            int src = 2 * (y * nx + x0);
            for (int c = 0; c < nb; c++) {
              buf[2 * (c * ny + y)] = a[src + 2 * c];
              buf[2 * (c * ny + y) + 1] = a[src + 2 * c + 1];
            }
          }
          for (int c = 0; c < nb; c++) {
            if (fwd) {
              col.complexForward(buf, 2 * c * ny);
            } else {
              col.complexInverse(buf, 2 * c * ny, false);
            }
          }
          for (int y = 0; y < ny; y++) {
            int dst = 2 * (y * nx + x0);
            for (int c = 0; c < nb; c++) {
              a[dst + 2 * c] = buf[2 * (c * ny + y)];
              a[dst + 2 * c + 1] = buf[2 * (c * ny + y) + 1];
            }
          }
        });
  }
}
