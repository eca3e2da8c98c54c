package org.leakcheck.internal.analysis;

import java.util.Set;

/**
 * A type none of whose instances may be strongly reachable after the test ({@code
 * trackInstancesOf}). The dump finds the type itself through its {@link
 * org.leakcheck.internal.planted.TrackedType} (the very class, of its class loader); a subclass of
 * a class is found from the dump's superclass chains. A dump does not record which interfaces a
 * class implements, so for an interface the test JVM names the classes that implement it.
 *
 * @param id the {@code TrackedType}'s query id
 * @param typeName the type as given, for messages: {@code com.example.Connection}, {@code
 *     com.example.Connection[]}
 * @param dimensions 0 for instances of the element type, 1 for arrays of it, and so on
 * @param isInterface whether the element type is an interface
 * @param implementers for an interface, the names of the loaded classes that implement it, its
 *     subinterfaces' implementers included; empty for a class
 * @param ownLoaderOnly for an interface loaded by several class loaders under the same name: only
 *     implementers defined by the interface's own loader count (the test JVM cannot tell which copy
 *     the others implement)
 */
public record TypeQuery(
    long id,
    String typeName,
    int dimensions,
    boolean isInterface,
    Set<String> implementers,
    boolean ownLoaderOnly) {

  public TypeQuery {
    implementers = Set.copyOf(implementers);
    if (dimensions < 0) {
      throw new IllegalArgumentException("dimensions < 0: " + dimensions);
    }
  }
}
