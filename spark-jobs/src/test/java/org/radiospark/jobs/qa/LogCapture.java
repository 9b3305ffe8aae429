package org.radiospark.jobs.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects the WARN (and worse) lines one class logs through log4j 2, for the test's duration. */
final class LogCapture implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Level level;
  private final AbstractAppender appender;

  LogCapture(Class<?> source) {
    logger = (Logger) LogManager.getLogger(source);
    level = logger.getLevel();
    appender =
        new AbstractAppender(
            "capture-" + source.getSimpleName(), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
              lines.add(event.getMessage().getFormattedMessage());
            }
          }
        };
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.WARN);
  }

  List<String> warnings() {
    return new ArrayList<>(lines);
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    logger.setLevel(level);
    appender.stop();
  }
}
