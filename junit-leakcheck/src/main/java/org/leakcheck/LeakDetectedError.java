package org.leakcheck;

import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Thrown when tracked objects are still strongly reachable after the test (or at a stand-alone
 * check). One error reports every leaked object of the test; {@link #leakedObjects()} gives them as
 * data, each with its retaining path when it could be computed, and {@link #getMessage()} the
 * rendered report.
 */
public class LeakDetectedError extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  /** Not serialised: the rendered message carries the same facts. */
  private final transient List<LeakedObject> leakedObjects;

  /** How many objects the test tracked, leaked or not. */
  private final int trackedCount;

  /**
   * Creates the error.
   *
   * @param message the rendered report
   * @param leakedObjects the leaked objects, at least one
   * @param trackedCount how many objects the test tracked in all
   */
  public LeakDetectedError(String message, List<LeakedObject> leakedObjects, int trackedCount) {
    super(message);
    if (leakedObjects.isEmpty()) {
      throw new IllegalArgumentException("a LeakDetectedError needs at least one leaked object");
    }
    this.leakedObjects = List.copyOf(leakedObjects);
    this.trackedCount = trackedCount;
  }

  /** {@return the leaked objects, in tracking order (empty after deserialisation)} */
  public List<LeakedObject> leakedObjects() {
    return leakedObjects == null ? List.of() : leakedObjects;
  }

  /** {@return how many objects the test tracked, leaked or not} */
  public int trackedCount() {
    return trackedCount;
  }
}
