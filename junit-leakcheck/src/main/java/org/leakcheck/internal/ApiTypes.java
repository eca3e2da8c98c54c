package org.leakcheck.internal;

import java.util.List;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedInstances;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;

/**
 * Builds the API's result types, whose constructors are not public: users read them, only the
 * library makes them, so fields can be added without new overloads. {@code org.leakcheck} registers
 * the only {@link Factory} when its result types are first initialised.
 */
public final class ApiTypes {

  /** The constructors of the result types, implemented in {@code org.leakcheck}. */
  public interface Factory {
    /** A decided leak. */
    LeakedObject leakedObject(
        String label,
        String className,
        int identityHashCode,
        StackTraceElement trackedAt,
        RetainingPath retainingPath,
        String noPathReason,
        long retainedBytes,
        long retainedObjects);

    /** A survivor that could not be decided. */
    LeakedObject undecidedObject(
        String label,
        String className,
        int identityHashCode,
        StackTraceElement trackedAt,
        String reason);

    /** A path from a GC root. */
    RetainingPath retainingPath(RetainingPath.Root root, List<RetainingPath.Step> steps);

    /** A GC root. */
    RetainingPath.Root root(
        RetainingPath.Root.Kind kind,
        String description,
        String className,
        String fieldName,
        String threadName,
        StackTraceElement frame);

    /** A step of a path. */
    RetainingPath.Step step(
        String className,
        RetainingPath.Step.Kind kind,
        String fieldName,
        String declaringClass,
        int index,
        String reference,
        String summary);

    /** A tracked type's surviving instances, or why they could not be decided. */
    LeakedInstances leakedInstances(
        String typeName,
        StackTraceElement trackedAt,
        int count,
        List<LeakedInstances.Group> groups,
        String undecidedReason);

    /** Instances with paths of one shape. */
    LeakedInstances.Group instancesGroup(
        int count, List<String> classNames, RetainingPath retainingPath);

    /** The error of a check. */
    LeakDetectedError leakDetectedError(
        String message,
        List<LeakedObject> leakedObjects,
        List<LeakedObject> undecidedObjects,
        List<LeakedInstances> leakedInstances,
        List<LeakedInstances> undecidedInstances,
        int trackedCount);
  }

  private static final String FACTORY_CLASS = "org.leakcheck.ApiFactory";

  private static volatile Factory factory;

  private ApiTypes() {}

  /**
   * Called by {@code org.leakcheck} only (its factory is the only one accepted).
   *
   * @param f the factory
   */
  public static void register(Factory f) {
    if (!f.getClass().getName().equals(FACTORY_CLASS)) {
      throw new IllegalArgumentException("not the library's factory: " + f.getClass().getName());
    }
    factory = f;
  }

  private static Factory factory() {
    Factory f = factory;
    if (f == null) {
      try {
        // Initialising the result type registers the factory.
        Class.forName(LeakedObject.class.getName(), true, LeakedObject.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      f = factory;
    }
    return f;
  }

  /**
   * A decided leak.
   *
   * @param label the label given to {@code track}, or {@code null}
   * @param className the object's class name
   * @param identityHashCode its identity hash code
   * @param trackedAt the frame that called {@code track}
   * @param retainingPath the retaining path, or {@code null} when it could not be computed
   * @param noPathReason why there is no path; {@code null} when there is one
   * @param retainedBytes the estimated bytes only it keeps alive (itself included), or -1
   * @param retainedObjects how many objects only it keeps alive (itself included), or -1
   * @return the leaked object
   */
  public static LeakedObject leakedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      RetainingPath retainingPath,
      String noPathReason,
      long retainedBytes,
      long retainedObjects) {
    return factory()
        .leakedObject(
            label,
            className,
            identityHashCode,
            trackedAt,
            retainingPath,
            noPathReason,
            retainedBytes,
            retainedObjects);
  }

  /**
   * A survivor of the forced collections that could not be decided leaked or not.
   *
   * @param label the label given to {@code track}, or {@code null}
   * @param className the object's class name
   * @param identityHashCode its identity hash code
   * @param trackedAt where it was tracked
   * @param reason why it could not be decided, one line
   * @return the undecided object
   */
  public static LeakedObject undecidedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      String reason) {
    return factory().undecidedObject(label, className, identityHashCode, trackedAt, reason);
  }

  /**
   * A retaining path.
   *
   * @param root the GC root
   * @param steps the chain from the root's object to the leaked object; not empty
   * @return the path
   */
  public static RetainingPath retainingPath(
      RetainingPath.Root root, List<RetainingPath.Step> steps) {
    return factory().retainingPath(root, steps);
  }

  /**
   * A GC root.
   *
   * @param kind what kind of root
   * @param description the root for a person
   * @param className the class declaring the static field, or the class of a class root; or null
   * @param fieldName the static field, or null
   * @param threadName the thread, or null
   * @param frame the frame holding a local variable, or null
   * @return the root
   */
  public static RetainingPath.Root root(
      RetainingPath.Root.Kind kind,
      String description,
      String className,
      String fieldName,
      String threadName,
      StackTraceElement frame) {
    return factory().root(kind, description, className, fieldName, threadName, frame);
  }

  /**
   * A step of a retaining path.
   *
   * @param className the class of the object
   * @param kind how the previous step refers to it
   * @param fieldName the field, for field references, else null
   * @param declaringClass the class declaring the field, or null
   * @param index the array index, or -1
   * @param reference how the previous object refers to it, as the message shows it
   * @param summary a short description of the object, or {@code null}
   * @return the step
   */
  public static RetainingPath.Step step(
      String className,
      RetainingPath.Step.Kind kind,
      String fieldName,
      String declaringClass,
      int index,
      String reference,
      String summary) {
    return factory().step(className, kind, fieldName, declaringClass, index, reference, summary);
  }

  /**
   * A tracked type's surviving instances; or, with a reason, why they could not be decided.
   *
   * @param typeName the tracked type
   * @param trackedAt where it was tracked
   * @param count how many instances are strongly reachable
   * @param groups those, by path shape
   * @param undecidedReason why it could not be decided, or {@code null}
   * @return the instances
   */
  public static LeakedInstances leakedInstances(
      String typeName,
      StackTraceElement trackedAt,
      int count,
      List<LeakedInstances.Group> groups,
      String undecidedReason) {
    return factory().leakedInstances(typeName, trackedAt, count, groups, undecidedReason);
  }

  /** Instances with paths of one shape: how many, their classes, the first one's path. */
  public static LeakedInstances.Group instancesGroup(
      int count, List<String> classNames, RetainingPath retainingPath) {
    return factory().instancesGroup(count, classNames, retainingPath);
  }

  /**
   * The error of a check.
   *
   * @param message the rendered report
   * @param leakedObjects the leaked objects, each decided
   * @param undecidedObjects the objects that could not be decided
   * @param trackedCount how many objects the test tracked in all
   * @return the error
   */
  public static LeakDetectedError leakDetectedError(
      String message,
      List<LeakedObject> leakedObjects,
      List<LeakedObject> undecidedObjects,
      int trackedCount) {
    return leakDetectedError(
        message, leakedObjects, undecidedObjects, List.of(), List.of(), trackedCount);
  }

  /**
   * The error of a check with tracked types, as {@link #leakDetectedError(String, List, List,
   * int)}.
   */
  public static LeakDetectedError leakDetectedError(
      String message,
      List<LeakedObject> leakedObjects,
      List<LeakedObject> undecidedObjects,
      List<LeakedInstances> leakedInstances,
      List<LeakedInstances> undecidedInstances,
      int trackedCount) {
    return factory()
        .leakDetectedError(
            message,
            leakedObjects,
            undecidedObjects,
            leakedInstances,
            undecidedInstances,
            trackedCount);
  }
}
