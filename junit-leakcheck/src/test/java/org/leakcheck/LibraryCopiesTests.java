package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two copies of the library in one JVM (two class loaders, as Quarkus, isolated runners and plugins
 * load it) each number their tracked objects and marker requests from 1: the analysis of one copy
 * must not take the other copy's {@code TrackedReference}s or {@code HeapMarker}s for its own.
 *
 * <p>Both copies are fresh (loaded here from the library's classes directory, child-first), so both
 * start counting at 1 whatever ran before in this JVM. Each copy tracks an object under serial 1
 * and 2; one copy's object is held by a static, the other's is garbage; and while one copy checks,
 * the other holds a marker of request 1 on the holder — what a check of the other copy running at
 * the same moment does to the objects it excludes. Before each copy had an identity of its own, the
 * marker made the leak invisible: the check passed.
 */
class LibraryCopiesTests {

  static final List<Object> HELD_BY_A = new CopyOnWriteArrayList<>();
  static final List<Object> HELD_BY_B = new CopyOnWriteArrayList<>();

  @TempDir Path reports;

  /** One copy of the library, driven through its public stand-alone API by reflection. */
  private final class Copy {
    final ClassLoader loader;
    private final Class<?> leakChecks;
    private final Class<?> tracker;

    Copy(String name) throws ReflectiveOperationException {
      URL classes = LeakChecks.class.getProtectionDomain().getCodeSource().getLocation();
      loader = new ChildFirst(name, classes, LibraryCopiesTests.class.getClassLoader());
      leakChecks = Class.forName(LeakChecks.class.getName(), true, loader);
      tracker = Class.forName(LeakTracker.class.getName(), true, loader);
      assertThat(leakChecks).isNotSameAs(LeakChecks.class);
    }

    Object newTracker() throws ReflectiveOperationException {
      return leakChecks
          .getMethod("newTracker", Map.class)
          .invoke(
              null,
              Map.of(
                  LeakCheck.REPORTS_DIR_KEY,
                  reports.toString(),
                  LeakCheck.KEEP_DUMPS_KEY,
                  "never"));
    }

    Object track(Object leakTracker, Object object, String label)
        throws ReflectiveOperationException {
      return tracker
          .getMethod("track", Object.class, String.class)
          .invoke(leakTracker, object, label);
    }

    /** A marker of this copy that excludes {@code object} for the analysis of request 1. */
    Object excludeForRequestOne(Object object) throws ReflectiveOperationException {
      Class<?> marker = Class.forName("org.leakcheck.internal.planted.HeapMarker", true, loader);
      int excluded = marker.getField("EXCLUDED_OBJECT").getInt(null);
      return marker
          .getConstructor(Object.class, int.class, long.class)
          .newInstance(object, excluded, 1L);
    }

    /** The message of the copy's {@code LeakDetectedError}, or {@code null} if the check passed. */
    String check(Object leakTracker) throws ReflectiveOperationException {
      Method assertCollectable = leakChecks.getMethod("assertCollectable", tracker);
      try {
        assertCollectable.invoke(null, leakTracker);
        return null;
      } catch (InvocationTargetException e) {
        Throwable thrown = e.getCause();
        assertThat(thrown.getClass().getName()).isEqualTo(LeakDetectedError.class.getName());
        assertThat(thrown.getClass().getClassLoader()).isSameAs(loader);
        return thrown.getMessage();
      }
    }
  }

  @Test
  void eachCopyGetsItsOwnVerdictForTheSameSerial() throws Exception {
    Copy a = new Copy("copy A");
    Copy b = new Copy("copy B");

    // Serial 1 in both copies: A's object is held by a static, B's is garbage; B's marker of
    // request 1 (A's first check) excludes the list that holds A's object.
    Object trackerA = a.newTracker();
    Object trackerB = b.newTracker();
    HELD_BY_A.add(a.track(trackerA, new StringBuilder("A's"), "held by A"));
    b.track(trackerB, new StringBuilder("B's"), "garbage of B");
    Object markerOfB = b.excludeForRequestOne(HELD_BY_A);

    String messageOfA = a.check(trackerA);

    if (messageOfA == null) {
      fail("copy A's leak was not reported: copy B's objects were taken for copy A's");
    }
    assertThat(messageOfA)
        .contains("\"held by A\"", "static field " + LibraryCopiesTests.class.getName())
        .contains("HELD_BY_A")
        .doesNotContain("garbage of B");
    assertThat(b.check(trackerB)).as("B's object is garbage").isNull();

    // Serial 2 in both copies, the other way round: B's request 1 meets A's marker.
    Object secondOfA = a.newTracker();
    Object secondOfB = b.newTracker();
    a.track(secondOfA, new StringBuilder("A's"), "garbage of A");
    HELD_BY_B.add(b.track(secondOfB, new StringBuilder("B's"), "held by B"));
    Object markerOfA = a.excludeForRequestOne(HELD_BY_B);

    String messageOfB = b.check(secondOfB);

    if (messageOfB == null) {
      fail("copy B's leak was not reported: copy A's objects were taken for copy B's");
    }
    assertThat(messageOfB).contains("\"held by B\"", "HELD_BY_B").doesNotContain("garbage of A");
    assertThat(a.check(secondOfA)).as("A's object is garbage").isNull();

    java.lang.ref.Reference.reachabilityFence(markerOfA);
    java.lang.ref.Reference.reachabilityFence(markerOfB);
    HELD_BY_A.clear();
    HELD_BY_B.clear();
  }

  /**
   * Loads the library's own classes itself; everything else (opentest4j, JUnit) from its parent.
   */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(String name, URL classes, ClassLoader parent) {
      super(name, new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && name.startsWith("org.leakcheck.")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            // not one of the library's classes
          }
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
