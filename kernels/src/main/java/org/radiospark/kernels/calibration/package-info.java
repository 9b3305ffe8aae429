/**
 * Antenna-based gain calibration: StEFCal / antsol / MitchCal solvers for scalar, diagonal and full
 * 2x2 Jones gains (Salvini and Wijnholds 2014; Hamaker 2000 App. D), and application of a {@link
 * org.radiospark.kernels.model.GainTable} to visibilities (corrupt a model, correct data).
 *
 * <p>Entry points: {@link org.radiospark.kernels.calibration.StefcalSolver#solve} and {@link
 * org.radiospark.kernels.calibration.GainApplier}. Convention throughout: {@code V_pq = J_p M_pq
 * J_q^H}.
 */
package org.radiospark.kernels.calibration;
