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
 *   <li>Images (dirty, model, residual) follow WSClean's convention (ducc0 with {@code divide_by_n
 *       = false}): a pixel of a model image holds the flux S (Jy) of a point source at the pixel
 *       centre and predicts {@code V = S exp(-2 pi i (u l + v m + w (n-1)))}, with no 1/n, exactly
 *       as a point {@code SkyComponent} of S Jy does; the dirty image is the adjoint of that
 *       predict divided by the sum of imaging weights, so a point source of S Jy reads S Jy/beam
 *       anywhere in the image (the 1/n of the equation above is absorbed into the pixel values:
 *       pixel = I(l,m) dl dm / n, the flux within the pixel's solid angle dl dm / n).
 * </ul>
 */
package org.radiospark.kernels.model;
