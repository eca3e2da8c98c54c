package org.leakcheck.internal.heap;

import java.io.IOException;

/**
 * The file is not a heap dump this reader understands, or is truncated or corrupted. The message is
 * one line meant for a person, e.g. {@code "the heap dump could not be read: truncated at byte
 * 1048576"}.
 */
public final class HprofFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  public HprofFormatException(String reason) {
    super("the heap dump could not be read: " + reason);
  }
}
