package org.jaxpresso.core.internal.pp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pretty-printer document in the Wadler/Lindig style, the same algebra as JAX's
 * {@code jax._src.pretty_printer}: {@link #text text}, {@link #brk break}, {@link #concat
 * concatenation}, {@link #group group} and {@link #nest nest}. A document is laid out by
 * {@link DocFormatter}: a group prints flat (its breaks as their text) when its own content fits
 * the rest of the line, else broken (each break a newline plus the current indentation).
 *
 * <pre>{@code
 * Doc d = Doc.group(Doc.nest(2, Doc.concat(Doc.text("["), Doc.brk(""), Doc.text("x=1"))));
 * d.format(80);   // "[x=1"
 * }</pre>
 */
public sealed interface Doc permits Doc.Text, Doc.Break, Doc.Concat, Doc.Group, Doc.Nest {

  /**
   * Literal text (no newlines).
   *
   * @param text the text
   */
  record Text(String text) implements Doc {
    /** Checks the text is present. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A break: {@code text} in flat mode, a newline plus the indentation in break mode.
   *
   * @param text what the break prints when its group is flat (usually a space)
   */
  record Break(String text) implements Doc {
    /** Checks the text is present. */
    public Break {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Documents one after the other.
   *
   * @param parts the documents, in order
   */
  record Concat(List<Doc> parts) implements Doc {
    /** Copies the list. */
    public Concat {
      parts = List.copyOf(parts);
    }
  }

  /**
   * A group: laid out flat when its own content fits the rest of the line.
   *
   * @param child the grouped document
   */
  record Group(Doc child) implements Doc {
    /** Checks the child is present. */
    public Group {
      Objects.requireNonNull(child, "child");
    }
  }

  /**
   * Increases the indentation of the breaks inside {@code child} by {@code indent}.
   *
   * @param indent the extra indentation, in columns
   * @param child the nested document
   */
  record Nest(int indent, Doc child) implements Doc {
    /** Checks the child is present. */
    public Nest {
      Objects.requireNonNull(child, "child");
    }
  }

  /** The empty document. */
  Doc NIL = new Concat(List.of());

  /**
   * The empty document.
   *
   * @return the empty document
   */
  static Doc nil() {
    return NIL;
  }

  /**
   * Literal text.
   *
   * @param s the text
   * @return literal text
   */
  static Doc text(String s) {
    return new Text(s);
  }

  /**
   * A break that prints a space when flat.
   *
   * @return a break that prints a space when flat
   */
  static Doc brk() {
    return new Break(" ");
  }

  /**
   * A break that prints {@code s} when flat.
   *
   * @param s the text
   * @return a break that prints {@code s} when flat
   */
  static Doc brk(String s) {
    return new Break(s);
  }

  /**
   * The documents one after the other.
   *
   * @param parts the documents
   * @return the documents one after the other
   */
  static Doc concat(Doc... parts) {
    return new Concat(List.of(parts));
  }

  /**
   * The documents one after the other.
   *
   * @param parts the documents
   * @return the documents one after the other
   */
  static Doc concat(List<Doc> parts) {
    return new Concat(parts);
  }

  /**
   * A group around {@code d}.
   *
   * @param d the document
   * @return a group around {@code d}
   */
  static Doc group(Doc d) {
    return new Group(d);
  }

  /**
   * {@code d} with its breaks indented {@code n} more columns.
   *
   * @param n the number of columns
   * @param d the document
   * @return {@code d} with its breaks indented {@code n} more columns
   */
  static Doc nest(int n, Doc d) {
    return new Nest(n, d);
  }

  /**
   * The documents with {@code sep} between each two; the empty document when there are none.
   *
   * @param sep the document
   * @param docs the documents to join
   * @return the documents with {@code sep} between each two; the empty document when there are none
   */
  static Doc join(Doc sep, List<Doc> docs) {
    if (docs.isEmpty()) {
      return NIL;
    }
    List<Doc> parts = new ArrayList<>(2 * docs.size() - 1);
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        parts.add(sep);
      }
      parts.add(docs.get(i));
    }
    return new Concat(parts);
  }

  /**
   * This document followed by {@code other}.
   *
   * @param other the document
   * @return this document followed by {@code other}
   */
  default Doc plus(Doc other) {
    return concat(this, other);
  }

  /**
   * Lays the document out in {@code width} columns (JAX uses 80).
   *
   * @param width the line width in columns
   * @return lays the document out in {@code width} columns (JAX uses 80)
   */
  default String format(int width) {
    return DocFormatter.format(this, width);
  }

  /**
   * The width of a text in columns as JAX's printer counts it: its UTF-8 length in bytes (which
   * is its length for ASCII text).
   *
   * @param s the text
   * @return the width of a text in columns as JAX's printer counts it
   */
  static int width(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }
}
