/**
 * The data model shared by every kernel: visibilities as structures of primitive arrays, images
 * with their WCS, gain tables, sky components, antenna configurations and phase centres.
 *
 * <p>Conventions used throughout RadioSpark:
 *
 * <ul>
 *   <li>Angles in radians, frequencies in hertz, distances in metres, times as MJD seconds (UTC),
 *       the MeasurementSet convention: {@code mjdSec = (JD - 2400000.5) * 86400}.
 *   <li>Complex numbers are interleaved in float or double arrays: {@code a[2k]} real, {@code
 *       a[2k+1]} imaginary.
 *   <li>Direction cosines: {@code l} points east (increasing RA), {@code m} north; {@code n =
 *       sqrt(1 - l^2 - m^2)}.
 *   <li>Measurement equation: {@code V(u,v,w) = sum I(l,m)/n exp(-2 pi i (u l + v m + w (n-1)))},
 *       uvw in wavelengths; the dirty image is its adjoint. The baseline of row (p, q) is {@code
 *       pos_q - pos_p} (antenna2 minus antenna1) projected on the phase centre's (u, v, w) frame.
 *       UVFITS files store the opposite sign; the UVFITS reader and writer convert (measured on
 *       real MWA data, see {@code io.UvfitsReader}).
 * </ul>
 */
package org.radiospark.kernels.model;
