package org.leakcheck.internal.heap;

import java.io.IOException;

/**
 * The file is not a heap dump this reader understands, or is truncated or corrupted, or too large
 * for its index. The message is one line meant for a person, e.g. {@code "the heap dump could not
 * be read: truncated at byte 1048576"}.
 */
public final class HprofFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  public HprofFormatException(String reason) {
    super("the heap dump could not be read: " + reason);
  }

  private HprofFormatException(String message, boolean whole) {
    super(message);
  }

  /** The dump has more objects than the reader's index can number. */
  static HprofFormatException tooManyObjects(int limit) {
    return new HprofFormatException(
        "the heap dump has more than "
            + limit
            + " objects; the analysis can index at most "
            + limit
            + " (it numbers objects with int indices)",
        true);
  }
}
