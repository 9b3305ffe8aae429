package org.radiospark.kernels.pulsar;

/**
 * A single-pulse detection (or, after {@link SinglePulseSearch#cluster}, the brightest member of a
 * group of detections across widths and DMs).
 *
 * @param dm trial DM, pc cm^-3
 * @param timeSec arrival time at the top of the band of the boxcar's centre, s from the start
 * @param widthSec boxcar width, s
 * @param snr boxcar S/N: sum of the normalised samples / sqrt(width)
 * @param members detections merged into this one (1 before clustering)
 */
public record SinglePulseEvent(
    double dm, double timeSec, double widthSec, double snr, int members) {}
