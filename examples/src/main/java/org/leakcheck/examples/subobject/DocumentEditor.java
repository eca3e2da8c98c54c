package org.leakcheck.examples.subobject;

/**
 * FIXED: the field that holds the upload during parsing is cleared when parsing ends, however it
 * ends ({@code finally}). Better still, pass the upload as a parameter and keep no field at all;
 * the field is kept here to show the clearing.
 *
 * @see LeakyDocumentEditor the leaky version
 */
public final class DocumentEditor {

  private Upload current;
  private int lines;

  /** Creates an editor with no document. */
  public DocumentEditor() {}

  /**
   * Parses an upload into the document being edited; keeps nothing of the upload.
   *
   * @param upload the uploaded file
   */
  public void open(Upload upload) {
    current = upload;
    try {
      lines = LeakyDocumentEditor.countLines(current.content());
    } finally {
      current = null;
    }
  }

  /**
   * @return the line count of the document
   */
  public int lines() {
    return lines;
  }
}
