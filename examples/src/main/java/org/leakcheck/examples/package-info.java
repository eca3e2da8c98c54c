/**
 * The classic ways Java code keeps objects alive that it should have let go, each as a small
 * "production" class in a leaky and a fixed version. One sub-package per case; the tests under
 * {@code src/test/java} tell the two versions apart with {@code @LeakCheck}.
 */
package org.leakcheck.examples;
