/**
 * Simulation of interferometric observations with real layouts: {@link
 * org.radiospark.kernels.simulation.Simulator}, random source populations and the JSON truth file.
 */
package org.radiospark.kernels.simulation;
