package org.radiospark.jobs.qa;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to a primary sink until it fails, then warns once and sends that message and every
 * later one to the fallback, so no message is lost when, say, a broker goes away mid-run.
 */
public final class FallbackQaSink implements QaSink {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackQaSink.class);

  private final QaSink primary;
  private final QaSink fallback;
  private boolean failedOver;

  public FallbackQaSink(QaSink primary, QaSink fallback) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** Whether the primary failed and messages now go to the fallback. */
  public boolean failedOver() {
    return failedOver;
  }

  @Override
  public void publish(QaMessage message) {
    if (!failedOver) {
      try {
        primary.publish(message);
        return;
      } catch (RuntimeException e) {
        failedOver = true;
        LOG.warn(
            "QA sink failed ({}); sending QA messages to the fallback from now on", e.getMessage());
      }
    }
    fallback.publish(message);
  }

  @Override
  public void close() {
    try {
      primary.close();
    } catch (RuntimeException e) {
      LOG.warn("QA sink did not close cleanly: {}", e.getMessage());
    } finally {
      fallback.close();
    }
  }
}
