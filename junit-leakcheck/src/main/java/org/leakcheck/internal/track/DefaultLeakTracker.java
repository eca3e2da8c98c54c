package org.leakcheck.internal.track;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.leakcheck.internal.planted.TrackedReference;
import org.leakcheck.internal.planted.TrackedType;

/**
 * The tracker of one test (or of one stand-alone check). Thread-safe: a test may track from any of
 * its threads. Holds only phantom references and descriptions, never the tracked objects.
 */
public final class DefaultLeakTracker {

  private static final AtomicLong SERIALS = new AtomicLong();

  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private final ConcurrentLinkedQueue<TrackedObject> tracked = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<TrackedInstances> types = new ConcurrentLinkedQueue<>();
  private final TrackerScope scope;

  /** The test this tracker belonged to once that test has ended; then it refuses new objects. */
  private volatile String endedTest;

  /**
   * A tracker whose objects are checked in {@code scope}.
   *
   * @param scope settings and exclusions for checks of this tracker's objects
   */
  public DefaultLeakTracker(TrackerScope scope) {
    this.scope = scope;
  }

  /** Settings and exclusions for checks of this tracker's objects. */
  public TrackerScope scope() {
    return scope;
  }

  /** {@code LeakTracker.track(object)}. */
  public <T> T track(T object) {
    register(object, null);
    return object;
  }

  /** {@code LeakTracker.track(object, label)}. */
  public <T> T track(T object, String label) {
    Objects.requireNonNull(label, "label must not be null; use track(object) for no label");
    register(object, label);
    return object;
  }

  private void register(Object object, String label) {
    CallSite site = CallSite.ofCaller();
    if (endedTest != null) {
      throw ended(site);
    }
    if (object == null) {
      throw new IllegalArgumentException(
          "track(null) at "
              + site
              + ": there is no object to track"
              + (label == null ? "" : " for label \"" + label + "\"")
              + "; pass the object that should become garbage");
    }
    for (Object instance : scope.testInstances()) {
      if (instance == object) {
        throw new IllegalArgumentException(
            "cannot track the test instance "
                + object.getClass().getName()
                + (label == null ? "" : " \"" + label + "\"")
                + " at "
                + site
                + ": the test instance is held by JUnit for the test's duration; track what it"
                + " holds instead (a test instance still held after the test is reported as a"
                + " warning anyway)");
      }
    }
    Optional<String> why = Collectability.whyNeverCollectable(object);
    if (why.isPresent()) {
      throw new IllegalArgumentException(
          "cannot track "
              + object.getClass().getName()
              + (label == null ? "" : " \"" + label + "\"")
              + " at "
              + site
              + ": it can never be garbage-collected, because "
              + why.get());
    }
    TrackedReference reference = new TrackedReference(object, queue, SERIALS.incrementAndGet());
    TrackedObject entry =
        new TrackedObject(
            reference, label, object.getClass().getName(), System.identityHashCode(object), site);
    synchronized (this) { // against end(): an object is either refused or seen by the check
      if (endedTest != null) {
        throw ended(site);
      }
      tracked.add(entry);
    }
  }

  /** {@code LeakTracker.trackInstancesOf(type)}; tracking one type twice is tracking it once. */
  public void trackInstancesOf(Class<?> type) {
    CallSite site = CallSite.ofCaller();
    trackInstancesOf(type, site);
  }

  /**
   * As {@link #trackInstancesOf(Class)}, recording {@code site} as where it was asked (an
   * annotation's class).
   */
  public void trackInstancesOf(Class<?> type, CallSite site) {
    if (endedTest != null) {
      throw ended("trackInstancesOf(...)", site);
    }
    if (type == null) {
      throw new IllegalArgumentException(
          "trackInstancesOf(null) at "
              + site
              + ": pass the class whose instances must all be gone after the test");
    }
    Optional<String> why = InstanceTypes.whyNeverGone(type);
    if (why.isPresent()) {
      throw new IllegalArgumentException(
          "cannot track instances of "
              + type.getTypeName()
              + " at "
              + site
              + ": they can never all be garbage-collected, because "
              + why.get());
    }
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    TrackedInstances entry =
        new TrackedInstances(new TrackedType(element, SERIALS.incrementAndGet()), type, site);
    synchronized (this) {
      if (endedTest != null) {
        throw ended("trackInstancesOf(...)", site);
      }
      for (TrackedInstances t : types) {
        if (t.sameType(entry)) {
          return;
        }
      }
      types.add(entry);
    }
  }

  private IllegalStateException ended(CallSite site) {
    return ended("track(...)", site);
  }

  private IllegalStateException ended(String call, CallSite site) {
    return new IllegalStateException(
        call
            + " at "
            + site
            + ": this LeakTracker belonged to the test '"
            + endedTest
            + "', which has ended and was checked; what it tracks now would never be checked."
            + " Take a LeakTracker parameter in the test that creates the object (or use"
            + " LeakChecks.newTracker() outside a test)");
  }

  /**
   * {@code [3 tracked]}, {@code [3 tracked, instances of com.example.Connection]}, {@code [3
   * tracked; ended with its test 'T > t()']}.
   */
  public String describe() {
    String ended = endedTest;
    List<String> typeNames = new ArrayList<>();
    types.forEach(t -> typeNames.add(t.typeName()));
    return "["
        + tracked.size()
        + " tracked"
        + (typeNames.isEmpty() ? "" : ", instances of " + String.join(", ", typeNames))
        + (ended == null ? "" : "; ended with its test '" + ended + "'")
        + "]";
  }

  /** Whether nothing was tracked, no object and no type. */
  public boolean isEmpty() {
    return tracked.isEmpty() && types.isEmpty();
  }

  /** Everything tracked so far, in tracking order. */
  public List<TrackedObject> all() {
    return new ArrayList<>(tracked);
  }

  /**
   * Marks the test of this tracker as ended: from now on {@code track} throws an {@link
   * IllegalStateException} naming {@code test}. What was tracked until now stays for the check.
   */
  public synchronized void end(String test) {
    endedTest = test;
  }

  /**
   * Takes everything tracked so far out of the tracker, in tracking order: a check owns what it
   * took, and objects tracked meanwhile stay for the next check.
   */
  public List<TrackedObject> drain() {
    List<TrackedObject> result = new ArrayList<>();
    for (TrackedObject t; (t = tracked.poll()) != null; ) {
      result.add(t);
    }
    drainQueue();
    return result;
  }

  /**
   * Takes the tracked types out of the tracker, in tracking order, as {@link #drain()} does the
   * tracked objects.
   */
  public List<TrackedInstances> drainTypes() {
    List<TrackedInstances> result = new ArrayList<>();
    for (TrackedInstances t; (t = types.poll()) != null; ) {
      result.add(t);
    }
    return result;
  }

  private void drainQueue() {
    while (queue.poll() != null) {
      // Enqueued references are already cleared; polling only keeps the queue short.
    }
  }
}
