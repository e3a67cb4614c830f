package org.jaxpresso.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tour's output, captured from an in-process run and split into cells: a cell is a
 * {@code >>>} line with its {@code ...} continuations and everything printed up to the next
 * cell, heading or note; headings, notes ({@code #} lines) and the text before the first cell
 * are cells of their own.
 */
record TourOutput(String text, List<Cell> cells) {
  /** One cell: its code (the prompt lines) and what it printed. */
  record Cell(String code, String output) {
    @Override
    public String toString() {
      return code + "\n" + output;
    }
  }

  /** Runs the tour with its PNG going to {@code dir}, capturing standard output. */
  static TourOutput run(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      ThinkingInJaxpresso.main(new String[] {dir.toString()});
    } finally {
      System.setOut(saved);
    }
    return parse(bytes.toString(StandardCharsets.UTF_8));
  }

  /** Splits printed text into cells. */
  static TourOutput parse(String text) {
    List<Cell> cells = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    StringBuilder output = new StringBuilder();
    boolean inCode = false;
    for (String line : text.split("\n", -1)) {
      boolean prompt = line.startsWith(">>> ");
      boolean heading = line.startsWith("== ") || line.startsWith("# ");
      if (prompt || heading) {
        if (!code.isEmpty() || !output.isEmpty()) {
          cells.add(new Cell(code.toString(), strip(output)));
        }
        code.setLength(0);
        output.setLength(0);
        code.append(line);
        inCode = prompt;
      } else if (inCode && line.startsWith("... ")) {
        code.append('\n').append(line);
      } else {
        inCode = false;
        output.append(line).append('\n');
      }
    }
    cells.add(new Cell(code.toString(), strip(output)));
    return new TourOutput(text, List.copyOf(cells));
  }

  private static String strip(StringBuilder output) {
    return output.toString().stripTrailing();
  }

  /** The first cell whose code line starts with {@code prefix} at or after cell {@code from}. */
  Cell find(String prefix, int from) {
    for (int i = from; i < cells.size(); i++) {
      if (cells.get(i).code().startsWith(">>> " + prefix)) {
        return cells.get(i);
      }
    }
    throw new AssertionError("no tour cell starts with " + prefix);
  }

  /** The index of the first heading containing {@code title}. */
  int lesson(String title) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).code().startsWith("== ") && cells.get(i).code().contains(title)) {
        return i;
      }
    }
    throw new AssertionError("no tour lesson " + title);
  }
}
