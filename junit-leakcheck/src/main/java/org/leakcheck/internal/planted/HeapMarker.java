package org.leakcheck.internal.planted;

import java.lang.ref.WeakReference;

/**
 * Marks an object in the heap so that the analysis of a heap dump can find it: a test instance, the
 * exception the test threw, or the thread that runs the check.
 *
 * <p>Weak on purpose: a marker never keeps its object alive. The analysis reads the class name,
 * {@code kind}, {@code request} and {@code libraryCopy} fields back from the dump: keep them
 * stable. Request ids are numbered per copy of the library, so a marker applies to the analysis of
 * its request <em>and</em> its copy ({@link LibraryCopy#ID}) only.
 */
public final class HeapMarker extends WeakReference<Object> {

  /**
   * Paths through this object do not count: the test framework releases it after the test (a test
   * instance, the exception the test threw).
   */
  public static final int EXCLUDED_OBJECT = 1;

  /**
   * The referent is a {@link Thread} running a check: the locals of its stack frames are not GC
   * roots for the check (after the test only the framework's frames are on it). Its thread-locals
   * still count.
   */
  public static final int CHECKING_THREAD = 2;

  /**
   * The referent is a test instance of the test being checked: like {@link #EXCLUDED_OBJECT}, paths
   * through it do not count, but when a root that outlives the test reaches it (a listener
   * registered with {@code this}), the analysis reports the instance with its path.
   */
  public static final int TEST_INSTANCE = 3;

  private final int kind;
  private final long request;
  private final long libraryCopy;

  public HeapMarker(Object referent, int kind, long request) {
    super(referent);
    this.kind = kind;
    this.request = request;
    this.libraryCopy = LibraryCopy.ID;
  }

  public int kind() {
    return kind;
  }

  public long request() {
    return request;
  }

  /** The {@link LibraryCopy#ID} of the copy of the library that made this marker. */
  public long libraryCopy() {
    return libraryCopy;
  }
}
