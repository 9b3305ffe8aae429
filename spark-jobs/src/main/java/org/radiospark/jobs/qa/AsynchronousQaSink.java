package org.radiospark.jobs.qa;

/**
 * A sink whose {@link #publish} only queues the message (a Kafka producer): a delivery that fails
 * later is reported to the handler registered here, from another thread, so that a {@link
 * FallbackQaSink} can still keep the message.
 */
public interface AsynchronousQaSink extends QaSink {
  /**
   * Registers the handler of failed deliveries; called once, before the first {@link #publish}.
   * Every message passed to {@code publish} without an exception ends either delivered or reported
   * to the handler, at the latest when {@link #close} returns.
   */
  void onDeliveryFailure(DeliveryFailureHandler handler);

  /** Receives a message that could not be delivered. Must be thread-safe and not block long. */
  @FunctionalInterface
  interface DeliveryFailureHandler {
    void failed(QaMessage message, Exception cause);
  }
}
