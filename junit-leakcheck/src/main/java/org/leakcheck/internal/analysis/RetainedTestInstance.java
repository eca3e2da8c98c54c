package org.leakcheck.internal.analysis;

/**
 * A test instance that a user root still reaches after its test (e.g. {@code BUS.register(this)}):
 * reported as a warning with its path, never as the leak of what its fields hold.
 *
 * @param markerRequest the request id of the {@link org.leakcheck.internal.planted.HeapMarker} of
 *     kind {@link HeapMarker#TEST_INSTANCE} that marked it, which tells whose test it was in a
 *     shared dump
 * @param className the test instance's class
 * @param path the shortest path from a user root to the instance
 */
public record RetainedTestInstance(long markerRequest, String className, HeapPath path) {}
