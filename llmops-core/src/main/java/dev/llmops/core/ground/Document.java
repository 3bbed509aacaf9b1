package dev.llmops.core.ground;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A source document to ground answers in.
 *
 * @param id the source id that answers cite, such as a file name or URL; content-free
 * @param text the document's text, in {@code format}
 * @param format how {@code text} is marked up
 * @param metadata content-free facts copied to every chunk (title, URL, tenant)
 * @since 0.1
 */
public record Document(String id, String text, Format format, Map<String, String> metadata) {

  /** How a document's text is marked up. */
  public enum Format {
    /** Plain text: paragraphs separated by blank lines. */
    TEXT,
    /** Markdown: headings, lists and emphasis are reduced to text; code blocks are kept. */
    MARKDOWN,
    /** HTML: tags, scripts and styles removed, entities decoded, block elements end paragraphs. */
    HTML
  }

  /**
   * Validates and copies the fields.
   *
   * @param id see the record description
   * @param text see the record description
   * @param format see the record description
   * @param metadata see the record description
   */
  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    if (id.isBlank()) {
      throw new IllegalArgumentException("document id must not be blank");
    }
  }

  /**
   * A plain-text document.
   *
   * @param id the source id
   * @param text the text
   * @return the document
   */
  public static Document text(String id, String text) {
    return new Document(id, text, Format.TEXT, Map.of());
  }

  /**
   * A Markdown document.
   *
   * @param id the source id
   * @param markdown the text
   * @return the document
   */
  public static Document markdown(String id, String markdown) {
    return new Document(id, markdown, Format.MARKDOWN, Map.of());
  }

  /**
   * An HTML document.
   *
   * @param id the source id
   * @param html the text
   * @return the document
   */
  public static Document html(String id, String html) {
    return new Document(id, html, Format.HTML, Map.of());
  }

  /**
   * A document from UTF-8 bytes, such as a file's content.
   *
   * @param id the source id
   * @param utf8 the bytes
   * @param format how the text is marked up
   * @return the document
   * @throws InvalidDocumentException if the bytes are not valid UTF-8 (a binary file)
   */
  public static Document fromBytes(String id, byte[] utf8, Format format) {
    Objects.requireNonNull(utf8, "utf8");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidDocumentException("document '" + id + "' is not UTF-8 text (binary?)");
    }
    return new Document(id, text, format, Map.of());
  }

  /**
   * This document with more metadata.
   *
   * @param key the key
   * @param value the value, content-free
   * @return a new document
   */
  public Document withMetadata(String key, String value) {
    Map<String, String> m = new java.util.HashMap<>(metadata);
    m.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new Document(id, text, format, m);
  }

  @Override
  public String toString() {
    return "Document[id=" + id + ", format=" + format + ", text=<" + text.length() + " chars>]";
  }
}
