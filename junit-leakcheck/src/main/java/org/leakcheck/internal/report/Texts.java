package org.leakcheck.internal.report;

/** Small text helpers for reports. */
final class Texts {

  private Texts() {}

  static String padRight(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(width).append(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** Cuts {@code s} to at most {@code max} characters, marking the cut with an ellipsis. */
  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
