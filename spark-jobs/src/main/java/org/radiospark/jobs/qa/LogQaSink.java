package org.radiospark.jobs.qa;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --qa log:}: each message as one INFO line of JSON on the logger {@code radiospark.qa}. */
public final class LogQaSink implements QaSink {
  private static final Logger LOG = LoggerFactory.getLogger("radiospark.qa");

  @Override
  public void publish(QaMessage message) {
    LOG.info("{}", message.toJson());
  }

  @Override
  public void close() {
    // nothing buffered
  }
}
