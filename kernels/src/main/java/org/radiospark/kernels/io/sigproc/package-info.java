/**
 * SIGPROC filterbank ({@code .fil}) and time series ({@code .tim}) files: a little-endian header of
 * length-prefixed keywords between {@code HEADER_START} and {@code HEADER_END}, then samples
 * time-major with channel fastest (SIGPROC user guide, Lorimer 2011). Readers and writers
 * round-trip every header keyword and every sample exactly.
 */
package org.radiospark.kernels.io.sigproc;
