package org.leakcheck.internal.planted;

/**
 * The contract between what the library plants in the test JVM's heap and what the analyser reads
 * back from its dump: the planted classes' names and the names of the fields it reads. Kept here,
 * next to the classes, so that a renamed field is one change ({@code PlantedTests} checks that
 * every name is a field of its class).
 *
 * <p>Planted: a {@link TrackedReference} per tracked object (its serial, the copy of the library
 * that made it, the referent inherited from {@code java.lang.ref.Reference}), and a {@link
 * HeapMarker} per object or thread whose references a check must treat specially (its kind, the
 * check's request id, the library copy), and a {@link TrackedType} per type whose instances must be
 * gone (its query id, the library copy, the class as referent).
 */
public final class Planted {

  private Planted() {}

  /** {@link TrackedReference}'s class name, as the dump names its instances. */
  public static final String TRACKED_REFERENCE = TrackedReference.class.getName();

  /** {@link TrackedType}'s class name. */
  public static final String TRACKED_TYPE = TrackedType.class.getName();

  /** {@link TrackedType}'s query id, unique within one copy of the library. */
  public static final String QUERY = "query";

  /** {@link HeapMarker}'s class name. */
  public static final String HEAP_MARKER = HeapMarker.class.getName();

  /** {@code java.lang.ref.Reference.referent}: the tracked or marked object. */
  public static final String REFERENT = "referent";

  /** {@link TrackedReference}'s serial, unique within one copy of the library. */
  public static final String SERIAL = "serial";

  /** The {@link LibraryCopy#ID} field of both planted classes. */
  public static final String LIBRARY_COPY = "libraryCopy";

  /** {@link HeapMarker}'s kind ({@link HeapMarker#EXCLUDED_OBJECT}, …). */
  public static final String KIND = "kind";

  /** {@link HeapMarker}'s request id: which check's marker it is. */
  public static final String REQUEST = "request";
}
