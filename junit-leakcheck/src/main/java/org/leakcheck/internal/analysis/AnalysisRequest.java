package org.leakcheck.internal.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.planted.LibraryCopy;

/**
 * What to look for in a heap dump: the tracked objects (serials of their {@code TrackedReference}s)
 * and tracked types ({@link TypeQuery}) in groups, each group with the {@link
 * org.leakcheck.internal.planted.HeapMarker}s that apply to it (their request ids); which copy of
 * the library made both (its {@link org.leakcheck.internal.planted.LibraryCopy#ID}: serials and
 * request ids of two copies in one JVM overlap); which classes belong to the test infrastructure
 * (name prefixes) and whether to compute retained sizes.
 *
 * <p>Tests that share one dump each form a group: a group's verdicts are computed with its own
 * markers only (one test's test instance is nothing special for another test's verdict). A request
 * built without groups has one group of all its serials and marker requests.
 */
public final class AnalysisRequest {

  /**
   * The test infrastructure's classes, excluded by default: the default of {@code
   * leakcheck.frameworkPackages}, kept in one place, {@link
   * Configuration#DEFAULT_FRAMEWORK_PACKAGES} (JUnit, the build tools' and IDEs' runners, Mockito,
   * Spring's TestContext framework).
   */
  public static final List<String> DEFAULT_EXCLUDED_CLASS_PREFIXES =
      Configuration.DEFAULT_FRAMEWORK_PACKAGES;

  /**
   * As {@link #libraryCopy()}: the instances of any copy of the library count. Only for a tool that
   * reads the dump of another JVM known to hold one copy (the benchmarks' probe); never the
   * library.
   */
  public static final long ANY_LIBRARY_COPY = 0;

  /**
   * Tracked serials and types whose verdicts are computed with the markers of {@code
   * markerRequests} only.
   *
   * @param markerRequests request ids of the markers that apply
   * @param serials serials of the tracked objects
   * @param types the types none of whose instances may be strongly reachable
   */
  public record Group(Set<Long> markerRequests, Set<Long> serials, List<TypeQuery> types) {
    public Group {
      markerRequests = Set.copyOf(markerRequests);
      serials = Set.copyOf(new LinkedHashSet<>(serials));
      types = List.copyOf(types);
    }

    /** A group of tracked objects only. */
    public Group(Set<Long> markerRequests, Set<Long> serials) {
      this(markerRequests, serials, List.of());
    }
  }

  private final Path dump;
  private final Set<Long> trackedSerials;
  private final Set<Long> markerRequests;
  private final long libraryCopy;
  private final List<String> excludedClassPrefixes;
  private final boolean retainedSizes;
  private final List<Group> groups;

  public AnalysisRequest(
      Path dump,
      Set<Long> trackedSerials,
      Set<Long> markerRequests,
      long libraryCopy,
      List<String> excludedClassPrefixes,
      boolean retainedSizes) {
    this(
        dump,
        List.of(new Group(markerRequests, trackedSerials)),
        libraryCopy,
        excludedClassPrefixes,
        retainedSizes);
  }

  /**
   * A request of several groups.
   *
   * @param groups the groups; their serials are the request's serials
   */
  public AnalysisRequest(
      Path dump,
      List<Group> groups,
      long libraryCopy,
      List<String> excludedClassPrefixes,
      boolean retainedSizes) {
    this.dump = Objects.requireNonNull(dump, "dump");
    this.libraryCopy = libraryCopy;
    this.groups = List.copyOf(groups);
    Set<Long> serials = new LinkedHashSet<>();
    Set<Long> markers = new LinkedHashSet<>();
    for (Group g : this.groups) {
      serials.addAll(g.serials());
      markers.addAll(g.markerRequests());
    }
    this.trackedSerials = Set.copyOf(serials);
    this.markerRequests = Set.copyOf(markers);
    this.excludedClassPrefixes = List.copyOf(excludedClassPrefixes);
    this.retainedSizes = retainedSizes;
  }

  public static Builder builder(Path dump) {
    return new Builder(dump);
  }

  public Path dump() {
    return dump;
  }

  public Set<Long> trackedSerials() {
    return trackedSerials;
  }

  public Set<Long> markerRequests() {
    return markerRequests;
  }

  /**
   * The {@link org.leakcheck.internal.planted.LibraryCopy#ID} whose tracked references and markers
   * are meant, or {@link #ANY_LIBRARY_COPY}.
   */
  public long libraryCopy() {
    return libraryCopy;
  }

  /** The groups whose verdicts are computed each with its own markers. */
  public List<Group> groups() {
    return groups;
  }

  public List<String> excludedClassPrefixes() {
    return excludedClassPrefixes;
  }

  public boolean retainedSizes() {
    return retainedSizes;
  }

  @Override
  public String toString() {
    return "AnalysisRequest["
        + dump
        + ", groups "
        + groups
        + ", library copy "
        + Long.toHexString(libraryCopy)
        + ", excluded "
        + excludedClassPrefixes
        + ", retained sizes "
        + retainedSizes
        + "]";
  }

  /**
   * Builds a request; by default no marker request, {@link #DEFAULT_EXCLUDED_CLASS_PREFIXES}
   * excluded, sizes on.
   */
  public static final class Builder {
    private final Path dump;
    private final Set<Long> trackedSerials = new LinkedHashSet<>();
    private final Set<Long> markerRequests = new LinkedHashSet<>();
    private long libraryCopy = LibraryCopy.ID;
    private List<String> excludedClassPrefixes = DEFAULT_EXCLUDED_CLASS_PREFIXES;
    private boolean retainedSizes = true;
    private final List<Group> groups = new ArrayList<>();

    private Builder(Path dump) {
      this.dump = dump;
    }

    public Builder track(long... serials) {
      for (long serial : serials) {
        trackedSerials.add(serial);
      }
      return this;
    }

    public Builder trackedSerials(Set<Long> serials) {
      trackedSerials.addAll(serials);
      return this;
    }

    public Builder markerRequest(long... requests) {
      for (long request : requests) {
        markerRequests.add(request);
      }
      return this;
    }

    public Builder markerRequests(Set<Long> requests) {
      markerRequests.addAll(requests);
      return this;
    }

    /** The copy of the library whose objects are meant, or {@link #ANY_LIBRARY_COPY}. */
    public Builder libraryCopy(long copy) {
      libraryCopy = copy;
      return this;
    }

    /**
     * Adds a group: {@code serials} judged with the markers of {@code markerRequest} only. A
     * builder given groups ignores {@link #track} and {@link #markerRequest}.
     */
    public Builder group(long markerRequest, Set<Long> serials) {
      return group(markerRequest, serials, List.of());
    }

    /** Adds a group of tracked objects and types, as {@link #group(long, Set)}. */
    public Builder group(long markerRequest, Set<Long> serials, List<TypeQuery> types) {
      groups.add(new Group(Set.of(markerRequest), serials, types));
      return this;
    }

    public Builder excludedClassPrefixes(List<String> prefixes) {
      excludedClassPrefixes = List.copyOf(prefixes);
      return this;
    }

    public Builder retainedSizes(boolean compute) {
      retainedSizes = compute;
      return this;
    }

    public AnalysisRequest build() {
      if (!groups.isEmpty()) {
        return new AnalysisRequest(dump, groups, libraryCopy, excludedClassPrefixes, retainedSizes);
      }
      return new AnalysisRequest(
          dump, trackedSerials, markerRequests, libraryCopy, excludedClassPrefixes, retainedSizes);
    }
  }
}
