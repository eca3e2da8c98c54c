/**
 * AssertJ assertions for leak checks: {@link org.leakcheck.assertj.LeakAssertions#assertThat(
 * org.leakcheck.LeakTracker)}. Needs {@code org.assertj:assertj-core} on the test class path.
 */
package org.leakcheck.assertj;
