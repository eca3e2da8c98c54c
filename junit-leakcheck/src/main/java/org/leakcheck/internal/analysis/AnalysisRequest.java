package org.leakcheck.internal.analysis;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.track.LibraryCopy;

/**
 * What to look for in a heap dump: the tracked objects (serials of their {@code
 * TrackedReference}s), which {@link HeapMarker}s apply (their request ids), which copy of the
 * library made both (its {@link LibraryCopy#ID}: serials and request ids of two copies in one JVM
 * overlap), which classes belong to the test infrastructure (name prefixes, default {@link
 * #DEFAULT_EXCLUDED_CLASS_PREFIXES}) and whether to compute retained sizes.
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

  private final Path dump;
  private final Set<Long> trackedSerials;
  private final Set<Long> markerRequests;
  private final long libraryCopy;
  private final List<String> excludedClassPrefixes;
  private final boolean retainedSizes;

  public AnalysisRequest(
      Path dump,
      Set<Long> trackedSerials,
      Set<Long> markerRequests,
      long libraryCopy,
      List<String> excludedClassPrefixes,
      boolean retainedSizes) {
    this.dump = Objects.requireNonNull(dump, "dump");
    this.trackedSerials = Set.copyOf(new LinkedHashSet<>(trackedSerials));
    this.markerRequests = Set.copyOf(markerRequests);
    this.libraryCopy = libraryCopy;
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
   * The {@link LibraryCopy#ID} whose tracked references and markers are meant, or {@link
   * #ANY_LIBRARY_COPY}.
   */
  public long libraryCopy() {
    return libraryCopy;
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
        + ", serials "
        + trackedSerials
        + ", markers "
        + markerRequests
        + ", library copy "
        + Long.toHexString(libraryCopy)
        + ", excluded "
        + excludedClassPrefixes
        + ", retained sizes "
        + retainedSizes
        + "]";
  }

  /**
   * Builds a request; by default no marker request, this copy of the library ({@link
   * LibraryCopy#ID}), {@link #DEFAULT_EXCLUDED_CLASS_PREFIXES} excluded, sizes on.
   */
  public static final class Builder {
    private final Path dump;
    private final Set<Long> trackedSerials = new LinkedHashSet<>();
    private final Set<Long> markerRequests = new LinkedHashSet<>();
    private long libraryCopy = LibraryCopy.ID;
    private List<String> excludedClassPrefixes = DEFAULT_EXCLUDED_CLASS_PREFIXES;
    private boolean retainedSizes = true;

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

    public Builder excludedClassPrefixes(List<String> prefixes) {
      excludedClassPrefixes = List.copyOf(prefixes);
      return this;
    }

    public Builder retainedSizes(boolean compute) {
      retainedSizes = compute;
      return this;
    }

    public AnalysisRequest build() {
      return new AnalysisRequest(
          dump, trackedSerials, markerRequests, libraryCopy, excludedClassPrefixes, retainedSizes);
    }
  }
}
