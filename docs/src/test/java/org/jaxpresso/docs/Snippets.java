package org.jaxpresso.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runnable Java snippets of a Markdown page: fenced blocks opened with
 * {@code ```java runnable}, each optionally followed (after blank lines only) by a block opened
 * with {@code ```output} holding what the snippet must print.
 */
final class Snippets {
  /** One snippet: where it is, its code, and its expected output (null when none is given). */
  record Snippet(Path file, int line, String code, String expectedOutput) {
    /** {@code README.md:42}, for test names and failure messages. */
    String where() {
      return file.getFileName() + ":" + line;
    }
  }

  private Snippets() {}

  /** Every runnable snippet of {@code file}, in order. */
  static List<Snippet> of(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Snippet> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```") || fence.equals("```")) {
        i++;
        continue;
      }
      String info = fence.substring(3).strip();
      int start = i + 1;
      int end = close(lines, start, file);
      if (info.equals("java runnable")) {
        String code = String.join("\n", lines.subList(start, end));
        String expected = null;
        int next = end + 1;
        while (next < lines.size() && lines.get(next).isBlank()) {
          next++;
        }
        if (next < lines.size() && lines.get(next).strip().equals("```output")) {
          int outEnd = close(lines, next + 1, file);
          expected = String.join("\n", lines.subList(next + 1, outEnd));
          end = outEnd;
        }
        out.add(new Snippet(file, start + 1, code, expected));
      }
      i = end + 1;
    }
    return out;
  }

  private static int close(List<String> lines, int from, Path file) {
    for (int j = from; j < lines.size(); j++) {
      if (lines.get(j).strip().equals("```")) {
        return j;
      }
    }
    throw new IllegalStateException(file + ":" + from + ": unclosed code fence");
  }

  /**
   * The snippet as a compilation unit: JShell's default imports, the imports of
   * {@code jaxpresso-shell}'s startup script, the snippet's own imports, and its statements as
   * the body of {@code main}.
   */
  static String wrap(Snippet s, String className, List<String> startupImports) {
    StringBuilder imports = new StringBuilder();
    for (String pkg : List.of("java.io", "java.math", "java.net", "java.nio.file", "java.util",
        "java.util.concurrent", "java.util.function", "java.util.prefs", "java.util.regex",
        "java.util.stream")) {
      imports.append("import ").append(pkg).append(".*;\n");
    }
    startupImports.forEach(line -> imports.append(line).append('\n'));
    StringBuilder body = new StringBuilder();
    for (String line : s.code().split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.append(line).append('\n');
        body.append('\n');   // keep line numbers
      } else {
        body.append(line).append('\n');
      }
    }
    return imports + "public final class " + className
        + " {\n  public static void main(String[] args) throws Exception {\n" + body
        + "  }\n}\n";
  }
}
