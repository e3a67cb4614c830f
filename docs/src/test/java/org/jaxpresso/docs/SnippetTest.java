package org.jaxpresso.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java runnable} snippet of the README and the guides compiles against the
 * test class path and runs without error; where an {@code ```output} block follows it, the
 * snippet prints exactly that. So the docs cannot rot.
 */
class SnippetTest {
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

  @TempDir Path work;

  /** The pages whose snippets run: the README and every guide under docs/. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static List<String> startupImports() throws IOException {
    return Files.readAllLines(ROOT.resolve("docs/src/main/jshell/startup.jsh")).stream()
        .filter(l -> l.startsWith("import ")).toList();
  }

  @Test
  void theGuidesHaveRunnableSnippets() throws IOException {
    for (String page : List.of("README.md", "getting-started.md", "sharp-bits.md", "jit.md",
        "lax-vs-jnp.md", "random.md", "npy.md")) {
      Path p = page.equals("README.md") ? ROOT.resolve(page) : ROOT.resolve("docs").resolve(page);
      assertFalse(Snippets.of(p).isEmpty(), page + " has runnable snippets");
    }
  }

  @TestFactory
  List<DynamicTest> everySnippetCompilesAndRuns() throws IOException {
    List<String> imports = startupImports();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : pages()) {
      List<Snippets.Snippet> snippets = Snippets.of(page);
      for (int i = 0; i < snippets.size(); i++) {
        Snippets.Snippet s = snippets.get(i);
        String name = "Snippet_" + page.getFileName().toString().replaceAll("\\W", "_") + "_" + i;
        tests.add(DynamicTest.dynamicTest(s.where(), () -> compileAndRun(s, name, imports)));
      }
    }
    return tests;
  }

  private static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }

  private void compileAndRun(Snippets.Snippet s, String name, List<String> imports)
      throws Exception {
    Path src = work.resolve(name + ".java");
    String source = Snippets.wrap(s, name, imports);
    Files.writeString(src, source);
    Path classes = Files.createDirectories(work.resolve("classes-" + name));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null,
        StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(log, files, diagnostics,
          List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
              "--add-modules", "jdk.incubator.vector", "-proc:none", "-Xlint:-incubating"),
          null, files.getJavaFileObjects(src)).call();
      StringBuilder errors = new StringBuilder();
      diagnostics.getDiagnostics().forEach(d -> errors.append(d.getKind())
          .append(" at line ").append(d.getLineNumber()).append(": ")
          .append(d.getMessage(null)).append('\n'));
      assertTrue(ok, s.where() + " does not compile:\n" + errors + log + "\n" + numbered(source));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader());
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      loader.loadClass(name).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw new AssertionError(s.where() + " throws " + e.getCause() + "\n" + s.code(),
          e.getCause());
    } finally {
      System.setOut(saved);
    }
    if (s.expectedOutput() != null) {
      assertEquals(s.expectedOutput().stripTrailing(),
          bytes.toString(StandardCharsets.UTF_8).stripTrailing(),
          s.where() + " prints what its output block says");
    }
  }
}
