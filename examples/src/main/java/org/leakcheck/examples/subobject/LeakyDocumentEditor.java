package org.leakcheck.examples.subobject;

/**
 * LEAKS: a long-lived editor keeps the last upload in a field it never clears.
 *
 * <p>The editor lives as long as the user's session; the upload is needed only while {@link #open}
 * parses it, but it was stored in a field "to report errors" and never cleared. One upload at a
 * time is retained per editor: a bounded leak, but a large one (whole files), multiplied by the
 * number of sessions.
 *
 * @see DocumentEditor the fix
 */
public final class LeakyDocumentEditor {

  private Upload current;
  private int lines;

  /** Creates an editor with no document. */
  public LeakyDocumentEditor() {}

  /**
   * Parses an upload into the document being edited.
   *
   * @param upload the uploaded file
   */
  public void open(Upload upload) {
    current = upload;
    lines = countLines(current.content());
  }

  /**
   * @return the line count of the document
   */
  public int lines() {
    return lines;
  }

  static int countLines(byte[] content) {
    int count = content.length == 0 ? 0 : 1;
    for (byte b : content) {
      if (b == '\n') {
        count++;
      }
    }
    return count;
  }
}
