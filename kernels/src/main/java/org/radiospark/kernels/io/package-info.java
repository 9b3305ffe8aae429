/**
 * File formats based on FITS, and quick-look PNG output.
 *
 * <ul>
 *   <li>{@link org.radiospark.kernels.io.UvfitsReader} / {@link
 *       org.radiospark.kernels.io.UvfitsWriter}: UVFITS random-groups visibilities with the AIPS AN
 *       (antenna) and FQ (frequency) tables, into and out of {@link
 *       org.radiospark.kernels.model.VisibilityBlock}.
 *   <li>{@link org.radiospark.kernels.io.UvfitsPlan} ({@link
 *       org.radiospark.kernels.io.UvfitsReader#plan}): a UVFITS file without its visibilities
 *       (header, tables, row times), from which channel blocks are read one at a time, seeking over
 *       the other channels of each group, so that no process needs the whole file in memory.
 *   <li>{@link org.radiospark.kernels.io.FitsImageWriter} / {@link
 *       org.radiospark.kernels.io.FitsImageReader}: images and cubes with a WSClean-style WCS (SIN
 *       projection, FREQ and STOKES axes, restoring beam).
 *   <li>{@link org.radiospark.kernels.io.PngQuickLook}: headless PNG previews with a colour bar.
 *   <li>{@link org.radiospark.kernels.io.AtomicFiles}: every writer here writes to a temporary file
 *       in the destination folder and renames it when complete, so a failed write never leaves a
 *       file that looks finished.
 * </ul>
 *
 * <p>Readers validate what they read and throw {@link
 * org.radiospark.kernels.model.InvalidInputException} naming the file, the field (FITS keyword,
 * random-group parameter, table column) and what was expected.
 */
package org.radiospark.kernels.io;
