package org.leakcheck.internal.planted;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/** Every name the analyser reads back is a field of the planted class it reads it from. */
class PlantedTests {

  @Test
  void theNamesTheAnalyserReadsAreTheFieldsOfThePlantedClasses() throws Exception {
    assertThat(TrackedReference.class.getDeclaredField(Planted.SERIAL).getType())
        .isEqualTo(long.class);
    assertThat(TrackedReference.class.getDeclaredField(Planted.LIBRARY_COPY).getType())
        .isEqualTo(long.class);
    assertThat(HeapMarker.class.getDeclaredField(Planted.KIND).getType()).isEqualTo(int.class);
    assertThat(HeapMarker.class.getDeclaredField(Planted.REQUEST).getType()).isEqualTo(long.class);
    assertThat(HeapMarker.class.getDeclaredField(Planted.LIBRARY_COPY).getType())
        .isEqualTo(long.class);
    assertThat(TrackedType.class.getDeclaredField(Planted.QUERY).getType()).isEqualTo(long.class);
    assertThat(TrackedType.class.getDeclaredField(Planted.LIBRARY_COPY).getType())
        .isEqualTo(long.class);
    assertThat(Reference.class.getDeclaredField(Planted.REFERENT)).isNotNull();
    assertThat(Planted.TRACKED_REFERENCE).isEqualTo(TrackedReference.class.getName());
    assertThat(Planted.TRACKED_TYPE).isEqualTo(TrackedType.class.getName());
    assertThat(Planted.HEAP_MARKER).isEqualTo(HeapMarker.class.getName());
  }
}
