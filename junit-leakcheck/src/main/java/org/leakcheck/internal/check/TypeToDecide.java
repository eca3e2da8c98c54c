package org.leakcheck.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leakcheck.LeakedInstances;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.analysis.SurvivingInstances;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.collect.LiveInstances;
import org.leakcheck.internal.report.PathDescriptions;
import org.leakcheck.internal.track.TrackedInstances;

/**
 * A tracked type that still has live instances after the collections, so that a heap dump must tell
 * whether any is strongly reachable: the query the dump is asked, and how its answer reads as a
 * result.
 */
final class TypeToDecide {

  private final TrackedInstances type;
  private final TypeQuery query;
  private final String undecidable;

  private TypeToDecide(TrackedInstances type, TypeQuery query, String undecidable) {
    this.type = type;
    this.query = query;
    this.undecidable = undecidable;
  }

  /**
   * The tracked types that may have live instances: those the histogram (taken after one more full
   * collection) counts instances of, and all of them when this JVM cannot count. A type whose class
   * has been unloaded has none.
   */
  static List<TypeToDecide> withLiveInstances(List<TrackedInstances> types) {
    List<TypeToDecide> result = new ArrayList<>();
    if (types.isEmpty()) {
      return result;
    }
    Optional<Map<String, Long>> histogram = LiveInstances.histogram();
    for (TrackedInstances t : types) {
      Optional<Class<?>> element = t.elementType();
      if (element.isEmpty()) {
        continue;
      }
      Optional<LiveInstances.Subtypes> subtypes = LiveInstances.subtypesOf(element.get());
      if (histogram.isPresent()
          && subtypes.isPresent()
          && LiveInstances.count(histogram.get(), subtypes.get().names(), t.dimensions()) == 0) {
        continue;
      }
      Set<String> implementers =
          t.isInterface() && subtypes.isPresent() ? subtypes.get().names() : Set.of();
      boolean ownLoaderOnly = t.isInterface() && subtypes.map(s -> s.copies() > 1).orElse(false);
      String undecidable =
          t.isInterface() && subtypes.isEmpty()
              ? "this JVM cannot list the classes that implement "
                  + t.elementName()
                  + " (it has no VM.class_hierarchy diagnostic command), which a heap dump does"
                  + " not record"
              : null;
      result.add(
          new TypeToDecide(
              t,
              new TypeQuery(
                  t.query(),
                  t.typeName(),
                  t.dimensions(),
                  t.isInterface(),
                  implementers,
                  ownLoaderOnly),
              undecidable));
    }
    return result;
  }

  TypeQuery query() {
    return query;
  }

  /** Why no dump can decide this type, or empty. */
  Optional<String> undecidable() {
    return Optional.ofNullable(undecidable);
  }

  /** The leaked instances the dump found. */
  LeakedInstances leaked(SurvivingInstances found) {
    List<LeakedInstances.Group> groups = new ArrayList<>();
    for (SurvivingInstances.Group g : found.groups()) {
      groups.add(
          ApiTypes.instancesGroup(g.count(), g.classNames(), PathDescriptions.toPublic(g.path())));
    }
    return ApiTypes.leakedInstances(
        type.typeName(), type.trackedAt().toStackTraceElement(), found.reachable(), groups, null);
  }

  /** This type as undecided, for {@code reason}. */
  LeakedInstances undecided(String reason) {
    return ApiTypes.leakedInstances(
        type.typeName(), type.trackedAt().toStackTraceElement(), 0, List.of(), reason);
  }
}
