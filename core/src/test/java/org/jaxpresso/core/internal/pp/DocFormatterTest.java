package org.jaxpresso.core.internal.pp;

import static org.jaxpresso.core.internal.pp.Doc.brk;
import static org.jaxpresso.core.internal.pp.Doc.concat;
import static org.jaxpresso.core.internal.pp.Doc.group;
import static org.jaxpresso.core.internal.pp.Doc.join;
import static org.jaxpresso.core.internal.pp.Doc.nest;
import static org.jaxpresso.core.internal.pp.Doc.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocFormatterTest {
  private static Doc words(String... ws) {
    List<Doc> ds = new ArrayList<>();
    for (String w : ws) {
      ds.add(text(w));
    }
    return join(brk(), ds);
  }

  @Test
  void topLevelBreaksAreNewlines() {
    // Outside any group the printer is in break mode.
    assertEquals("a\nb", words("a", "b").format(80));
  }

  @Test
  void aGroupThatFitsIsFlat() {
    assertEquals("a b c", group(words("a", "b", "c")).format(80));
    assertEquals("a b c", group(words("a", "b", "c")).format(5));
  }

  @Test
  void aGroupThatDoesNotFitBreaksEveryBreakOfItsOwn() {
    assertEquals("a\nb\nc", group(words("a", "b", "c")).format(4));
  }

  @Test
  void breaksPrintTheirTextWhenFlat() {
    assertEquals("[x]", group(concat(text("["), brk(""), text("x"), brk(""), text("]")))
        .format(80));
    assertEquals("a; b", group(join(brk("; "), List.of(text("a"), text("b")))).format(80));
  }

  @Test
  void nestIndentsTheLinesAfterABreakNotTheFirst() {
    Doc d = group(nest(2, concat(text("f("), brk(""), words("x", "y"))));
    assertEquals("f(\n  x\n  y", d.format(3));
    Doc nested = nest(2, concat(text("a"), nest(3, concat(brk(), text("b"))), brk(), text("c")));
    assertEquals("a\n     b\n  c", nested.format(80));
  }

  @Test
  void aGroupMeasuresOnlyItsOwnContent() {
    // The inner group "bb cc" fits in the 6 columns left after "abcd " even though the text
    // after the group does not: Lindig's printer would measure the rest of the document too.
    Doc d = concat(text("abcd"), brk(), group(words("bb", "cc")), text("zzzzzzzzzz"));
    assertEquals("abcd\nbb cczzzzzzzzzz", d.format(10));
  }

  @Test
  void exactlyFullLinesFitAndOneMoreColumnBreaks() {
    Doc g = group(words("aaaa", "bbbb"));
    assertEquals("aaaa bbbb", g.format(9));
    assertEquals("aaaa\nbbbb", g.format(8));
  }

  @Test
  void innerGroupsOfABrokenGroupAreMeasuredAgain() {
    Doc inner = group(concat(nest(2, concat(text("["), brk(""), words("k=1", "v=2"))), brk(""),
        text("]")));
    Doc outer = group(concat(text("x ="), brk(), inner, brk(), text("tail-that-is-long")));
    assertEquals("x =\n[k=1 v=2]\ntail-that-is-long", outer.format(20));
    assertEquals("x =\n[\n  k=1\n  v=2\n]\ntail-that-is-long", outer.format(6));
  }

  @Test
  void fillStyleSeparatorsBreakOnlyWhenTheLineIsFull() {
    // JAX's var lists: each separator is its own group, so a break happens at the first
    // separator found once the line has no room left for the separator itself.
    List<Doc> items = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      items.add(text("xxx" + i));
    }
    Doc list = nest(2, group(join(group(brk()), items)));
    assertEquals("xxx0 xxx1 xxx2 xxx3 xxx4 xxx5", list.format(80));
    assertEquals("xxx0 xxx1 xxx2\n  xxx3 xxx4 xxx5", list.format(14));
    // Lines can exceed the width: at column 14 the separator still fits in 15 columns, and the
    // word after it is not measured.
    assertEquals("xxx0 xxx1 xxx2 xxx3\n  xxx4 xxx5", list.format(15));
  }

  @Test
  void noTrailingSpaceTrimming() {
    assertEquals("a \nb", concat(text("a "), brk(), text("b")).format(80));
    assertEquals("x ", concat(text("x"), text(" "), Doc.nil()).format(80));
  }

  @Test
  void emptyDocumentsAndJoins() {
    assertEquals("", Doc.nil().format(80));
    assertEquals("", join(brk(), List.of()).format(80));
    assertEquals("()", group(concat(nest(2, concat(text("("), brk(""), join(brk(), List.of()))),
        brk(""), text(")"))).format(80));
  }

  @Test
  void fitsFailsForNegativeWidthsAndCountsUtf8Bytes() {
    assertFalse(DocFormatter.fits(Doc.nil(), -1));
    assertTrue(DocFormatter.fits(Doc.nil(), 0));
    assertTrue(DocFormatter.fits(text("abc"), 3));
    assertFalse(DocFormatter.fits(text("abc"), 2));
    assertEquals(2, Doc.width("é"));
    assertFalse(DocFormatter.fits(text("éé"), 3));
  }

  @Test
  void veryLongDocumentsFormatInLinearTime() {
    List<Doc> items = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      items.add(group(nest(2, concat(text("item" + i), brk(), text("=")))));
    }
    Doc d = group(nest(4, join(brk("; "), items)));
    long t0 = System.nanoTime();
    String s = d.format(80);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(200_000, s.lines().count());
    assertTrue(ms < 5_000, "took " + ms + " ms");
  }

  @Test
  void documentPartsAreChecked() {
    assertThrows(NullPointerException.class, () -> text(null));
    assertThrows(NullPointerException.class, () -> group(null));
    assertThrows(NullPointerException.class, () -> nest(2, null));
  }
}
