package org.leakcheck;

import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Thrown when tracked objects are still strongly reachable after the test (or at a stand-alone
 * check). One error reports every leaked object of the test; {@link #leakedObjects()} gives them as
 * data, each with its retaining path when it could be computed, and {@link #getMessage()} the
 * rendered report. The instances of types tracked with {@link LeakTracker#trackInstancesOf(Class)}
 * that survive are in {@link #leakedInstances()}.
 *
 * <p>It is also thrown, with {@code leakcheck.undecided=fail} (the default), when tracked objects
 * survived the forced collections but could not be decided leaked or not (the heap dump could not
 * be made or analysed): {@link #undecidedObjects()} lists them, apart from the leaks, and the
 * message says why. An error may hold both; when {@link #leakedObjects()} is empty, nothing was
 * found leaked.
 */
public final class LeakDetectedError extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  /** Not serialised: the rendered message carries the same facts. */
  private final transient List<LeakedObject> leakedObjects;

  /** Not serialised, as {@link #leakedObjects}. */
  private final transient List<LeakedObject> undecidedObjects;

  /** Not serialised, as {@link #leakedObjects}. */
  private final transient List<LeakedInstances> leakedInstances;

  /** Not serialised, as {@link #leakedObjects}. */
  private final transient List<LeakedInstances> undecidedInstances;

  /** How many objects the test tracked, leaked or not. */
  private final int trackedCount;

  /**
   * Creates the error for leaked and undecided objects and tracked types (the library builds
   * these).
   *
   * @param message the rendered report
   * @param leakedObjects the leaked objects, each {@linkplain LeakedObject#isDecided() decided}
   * @param undecidedObjects the objects that could not be decided, none decided
   * @param leakedInstances the tracked types with strongly reachable instances, each decided
   * @param undecidedInstances the tracked types that could not be decided, none decided
   * @param trackedCount how many objects the test tracked in all
   */
  LeakDetectedError(
      String message,
      List<LeakedObject> leakedObjects,
      List<LeakedObject> undecidedObjects,
      List<LeakedInstances> leakedInstances,
      List<LeakedInstances> undecidedInstances,
      int trackedCount) {
    super(message);
    if (leakedObjects.isEmpty()
        && undecidedObjects.isEmpty()
        && leakedInstances.isEmpty()
        && undecidedInstances.isEmpty()) {
      throw new IllegalArgumentException(
          "a LeakDetectedError needs at least one leaked or undecided object or type");
    }
    if (!leakedObjects.stream().allMatch(LeakedObject::isDecided)
        || undecidedObjects.stream().anyMatch(LeakedObject::isDecided)
        || !leakedInstances.stream().allMatch(LeakedInstances::isDecided)
        || undecidedInstances.stream().anyMatch(LeakedInstances::isDecided)) {
      throw new IllegalArgumentException(
          "leaked objects and types are decided and undecided ones are not");
    }
    this.leakedObjects = List.copyOf(leakedObjects);
    this.undecidedObjects = List.copyOf(undecidedObjects);
    this.leakedInstances = List.copyOf(leakedInstances);
    this.undecidedInstances = List.copyOf(undecidedInstances);
    this.trackedCount = trackedCount;
  }

  /**
   * {@return the leaked objects, in tracking order (empty after deserialisation, or when only
   * undecided objects were found)}
   */
  public List<LeakedObject> leakedObjects() {
    return leakedObjects == null ? List.of() : leakedObjects;
  }

  /**
   * {@return the objects that survived the forced collections but could not be decided leaked or
   * not, in tracking order (empty after deserialisation)}
   */
  public List<LeakedObject> undecidedObjects() {
    return undecidedObjects == null ? List.of() : undecidedObjects;
  }

  /**
   * {@return the types tracked with {@link LeakTracker#trackInstancesOf(Class)} that have strongly
   * reachable instances, in tracking order (empty after deserialisation)}
   */
  public List<LeakedInstances> leakedInstances() {
    return leakedInstances == null ? List.of() : leakedInstances;
  }

  /**
   * {@return the tracked types whose surviving instances could not be decided strongly reachable or
   * not (empty after deserialisation)}
   */
  public List<LeakedInstances> undecidedInstances() {
    return undecidedInstances == null ? List.of() : undecidedInstances;
  }

  /** {@return how many objects the test tracked, leaked or not} */
  public int trackedCount() {
    return trackedCount;
  }
}
