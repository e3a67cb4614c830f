package org.jaxpresso.runtime.cpu.codegen;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import org.jaxpresso.jit.compiler.CompilerFlags;
import org.jaxpresso.jit.compiler.Dump;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Defines generated kernel classes as hidden classes of this package, dumps them ({@code
 * 30-K0007_sin_mul_f32.class} and its {@code javap}-like text {@code 30-K0007_sin_mul_f32.txt})
 * when the dump is enabled, and verifies them with ASM's {@link CheckClassAdapter} when the
 * checks flag is on.
 */
public final class KernelClasses {
  private KernelClasses() {}

  /**
   * Writes, checks, dumps and defines the class of {@code spec} and returns an instance.
   *
   * @throws IllegalStateException if checks are on and the class does not verify
   */
  static Object define(BodySpec spec, Dump dump) {
    byte[] bytes = BodyWriter.write(spec);
    if (dump.enabled()) {
      try {
        Files.createDirectories(dump.dir());
        Files.write(dump.dir().resolve("30-" + spec.simpleName() + ".class"), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write dump of " + spec.simpleName(), e);
      }
      dump.write("30-" + spec.simpleName() + ".txt", () -> text(bytes));
    }
    if (CompilerFlags.checks()) {
      verify(spec.simpleName(), bytes);
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
      return lookup.lookupClass().getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot define generated kernel " + spec.simpleName(), e);
    }
  }

  /**
   * The class file as text (ASM's Textifier, close to {@code javap -c}).
   *
   * @param bytes a class file
   * @return its disassembly
   */
  public static String text(byte[] bytes) {
    StringWriter sw = new StringWriter();
    new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(sw)), 0);
    return sw.toString();
  }

  /**
   * Verifies a class file with ASM's data-flow verifier.
   *
   * @param name the class's name, for the message
   * @param bytes the class file
   * @throws IllegalStateException naming the class and the problems if it does not verify
   */
  public static void verify(String name, byte[] bytes) {
    StringWriter sw = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), KernelClasses.class.getClassLoader(), false,
        new PrintWriter(sw));
    if (!sw.toString().isEmpty()) {
      throw new IllegalStateException("generated kernel " + name + " does not verify:\n" + sw);
    }
  }
}
