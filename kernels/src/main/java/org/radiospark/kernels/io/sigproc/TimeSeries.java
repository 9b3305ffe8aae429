package org.radiospark.kernels.io.sigproc;

/**
 * A SIGPROC time series ({@code .tim}, {@code nchans = 1}, {@code data_type = 2}) in memory.
 *
 * @param header the header ({@code tsamp} s, {@code refdm} pc cm^-3, {@code fch1} MHz)
 * @param samples one value per sample, in time order
 */
public record TimeSeries(SigprocHeader header, float[] samples) {}
