/**
 * Astronomical coordinates and time on IAU SOFA (jsofa): time scales, sidereal time, precession and
 * nutation, geodetic and ENU frames, uvw of baselines, direction cosines and the SIN projection.
 *
 * <p>Conventions: angles in radians, UTC instants in MJD seconds, ITRF positions in metres; the uvw
 * of baseline (p, q) is {@code proj(pos_p) - proj(pos_q)} (see {@link
 * org.radiospark.kernels.coords.UvwCalculator}).
 */
package org.radiospark.kernels.coords;
