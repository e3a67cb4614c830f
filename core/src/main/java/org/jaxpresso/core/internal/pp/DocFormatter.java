package org.jaxpresso.core.internal.pp;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Lays out a {@link Doc} exactly as JAX's printer ({@code jaxlib/_pretty_printer.cc}) does, after
 * Lindig's "Strictly Pretty": a stack of (indentation, mode, document) starting in break mode at
 * indentation 0; at each group, the group's own content (texts and break strings, not what follows
 * the group) is measured flat, and the group is laid out flat if that fits in the columns left on
 * the line, else broken. Breaks in break mode end the line (no trailing-space trimming) and start
 * the next one at the current indentation.
 *
 * <p>Layout takes time linear in the size of the document: measuring stops as soon as the line is
 * full, and groups inside a flat group are not measured again (they fit, since their enclosing
 * group does).
 */
public final class DocFormatter {
  private DocFormatter() {}

  private record Item(int indent, boolean flat, Doc doc) {}

  /**
   * The document laid out in {@code width} columns.
   *
   * @param doc the document
   * @param width the line width in columns
   * @return the document laid out in {@code width} columns
   */
  public static String format(Doc doc, int width) {
    StringBuilder out = new StringBuilder();
    ArrayDeque<Item> agenda = new ArrayDeque<>();
    agenda.push(new Item(0, false, doc));
    int column = 0;
    while (!agenda.isEmpty()) {
      Item it = agenda.pop();
      switch (it.doc()) {
        case Doc.Text t -> {
          out.append(t.text());
          column += Doc.width(t.text());
        }
        case Doc.Break b -> {
          if (it.flat()) {
            out.append(b.text());
            column += Doc.width(b.text());
          } else {
            out.append('\n').repeat(' ', it.indent());
            column = it.indent();
          }
        }
        case Doc.Concat c -> {
          List<Doc> parts = c.parts();
          for (int i = parts.size() - 1; i >= 0; i--) {
            agenda.push(new Item(it.indent(), it.flat(), parts.get(i)));
          }
        }
        case Doc.Group g -> {
          boolean flat = it.flat() || fits(g.child(), width - column);
          agenda.push(new Item(it.indent(), flat, g.child()));
        }
        case Doc.Nest n -> agenda.push(new Item(it.indent() + n.indent(), it.flat(), n.child()));
      }
    }
    return out.toString();
  }

  /** A concatenation being measured: its parts and the next one to look at. */
  private static final class Cursor {
    final List<Doc> parts;
    int next;

    Cursor(List<Doc> parts) {
      this.parts = parts;
    }
  }

  /**
   * Whether {@code doc} printed flat takes at most {@code width} columns (JAX's {@code Fits}: a
   * negative width never fits, even for an empty document).
   */
  static boolean fits(Doc doc, int width) {
    if (width < 0) {
      return false;
    }
    ArrayDeque<Cursor> stack = new ArrayDeque<>();
    Doc cur = doc;
    while (true) {
      while (cur != null) {
        switch (cur) {
          case Doc.Text t -> {
            width -= Doc.width(t.text());
            cur = null;
          }
          case Doc.Break b -> {
            width -= Doc.width(b.text());
            cur = null;
          }
          case Doc.Group g -> cur = g.child();
          case Doc.Nest n -> cur = n.child();
          case Doc.Concat c -> {
            stack.push(new Cursor(c.parts()));
            cur = null;
          }
        }
        if (width < 0) {
          return false;
        }
      }
      while (!stack.isEmpty() && stack.peek().next == stack.peek().parts.size()) {
        stack.pop();
      }
      if (stack.isEmpty()) {
        return true;
      }
      Cursor top = stack.peek();
      cur = top.parts.get(top.next++);
    }
  }
}
