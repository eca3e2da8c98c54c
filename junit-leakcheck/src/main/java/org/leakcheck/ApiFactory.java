package org.leakcheck;

import java.util.List;
import org.leakcheck.internal.ApiTypes;

/** The constructors of the result types, for the library's internals (through {@link ApiTypes}). */
final class ApiFactory implements ApiTypes.Factory {

  static {
    // Registered however the result types are first reached.
    ApiTypes.register(new ApiFactory());
  }

  /** Initialises this class, which registers it. */
  static void ensureRegistered() {}

  private ApiFactory() {}

  @Override
  public LeakedObject leakedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      RetainingPath retainingPath,
      String noPathReason,
      long retainedBytes,
      long retainedObjects) {
    return new LeakedObject(
        label,
        className,
        identityHashCode,
        trackedAt,
        retainingPath,
        noPathReason,
        retainedBytes,
        retainedObjects);
  }

  @Override
  public LeakedObject undecidedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      String reason) {
    return LeakedObject.undecided(label, className, identityHashCode, trackedAt, reason);
  }

  @Override
  public RetainingPath retainingPath(RetainingPath.Root root, List<RetainingPath.Step> steps) {
    return new RetainingPath(root, steps);
  }

  @Override
  public RetainingPath.Root root(
      RetainingPath.Root.Kind kind,
      String description,
      String className,
      String fieldName,
      String threadName,
      StackTraceElement frame) {
    return new RetainingPath.Root(kind, description, className, fieldName, threadName, frame);
  }

  @Override
  public RetainingPath.Step step(
      String className,
      RetainingPath.Step.Kind kind,
      String fieldName,
      String declaringClass,
      int index,
      String reference,
      String summary) {
    return new RetainingPath.Step(
        className, kind, fieldName, declaringClass, index, reference, summary);
  }

  @Override
  public LeakedInstances leakedInstances(
      String typeName,
      StackTraceElement trackedAt,
      int count,
      List<LeakedInstances.Group> groups,
      String undecidedReason) {
    return new LeakedInstances(typeName, trackedAt, count, groups, undecidedReason);
  }

  @Override
  public LeakedInstances.Group instancesGroup(
      int count, List<String> classNames, RetainingPath retainingPath) {
    return new LeakedInstances.Group(count, classNames, retainingPath);
  }

  @Override
  public LeakDetectedError leakDetectedError(
      String message,
      List<LeakedObject> leakedObjects,
      List<LeakedObject> undecidedObjects,
      List<LeakedInstances> leakedInstances,
      List<LeakedInstances> undecidedInstances,
      int trackedCount) {
    return new LeakDetectedError(
        message,
        leakedObjects,
        undecidedObjects,
        leakedInstances,
        undecidedInstances,
        trackedCount);
  }
}
