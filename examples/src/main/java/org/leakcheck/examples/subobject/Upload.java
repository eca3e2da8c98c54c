package org.leakcheck.examples.subobject;

/** The raw bytes of an uploaded file: large, and needed only while it is parsed. */
public final class Upload {

  private final byte[] content;

  /**
   * Wraps uploaded bytes.
   *
   * @param content the bytes
   */
  public Upload(byte[] content) {
    this.content = content;
  }

  /**
   * @return the bytes
   */
  public byte[] content() {
    return content;
  }
}
