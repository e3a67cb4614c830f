#!/usr/bin/env python3
"""Writes FloatTiles.java and DoubleTiles.java, the GEMM register tiles, from one template, and
DoubleMicroKernel.java from FloatMicroKernel.java (the float64 kernel is the float32 one with its
type names substituted: see DERIVED_HEADER and to_double; MicroKernelSourcesTest checks it), and
VectorIntGemm.java, the int32 and int64 tiles of IntGemm, from one template (int_kernel).

A register tile is an MR x (2 vectors) block of C held in registers over k steps (see
MicroKernel). Three forms differ only in how A and B are addressed: tile (any strides),
packed (A in MR-row interleaved panels, B in 2-vector panels) and rows (A packed as rows, B in
panels); each comes with MR = 6 (12 accumulators: within AVX2's 16 registers) and MR = 8 (16
accumulators, for AVX-512's 32, where 64- and 128-row products fill whole tiles). The stores
are written out inline: a helper method for them measured 8% slower on 1024^3 (C2 compiled it
out of line).

Run from the repository root after changing a template or FloatMicroKernel.java; it
rewrites the four generated files:
  python3 tools/codegen/microkernel_tiles.py
"""
import os
import re

ROWS = (6, 8)
NV = 2
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "runtime-cpu", "src", "main", "java", "org", "jaxpresso", "runtime",
                   "cpu", "kernels")

FORMS = {
    "tile": dict(
        doc="A[i][p] = a[ao + i*rs + p*cs], B[p][j] = b[bo + p*bRow + j]: operands in place.",
        params="int k, {T}[] a, int ao, int rs, int cs, {T}[] b, int bo, int bRow, {T}[] c,"
               " int co, int ldc, boolean load",
        rows="rs",
        loop="for (int p = 0, s = 0; p < k; p++, s += cs, bo += bRow)",
        a=lambda i: f"a[a{i} + s]"),
    "packed": dict(
        doc="A[i][p] = a[ao + p*MR + i] (interleaved panel), B[p][j] = b[bo + p*2L + j].",
        params="int k, {T}[] a, int ao, {T}[] b, int bo, {T}[] c, int co, int ldc, boolean load",
        rows=None,
        loop="for (int p = 0; p < k; p++, ao += {MR}, bo += NR)",
        a=lambda i: f"a[ao + {i}]" if i else "a[ao]"),
    "rows": dict(
        doc="A[i][p] = a[ao + i*lda + p] (rows), B[p][j] = b[bo + p*2L + j].",
        params="int k, {T}[] a, int ao, int lda, {T}[] b, int bo, {T}[] c, int co, int ldc,"
               " boolean load",
        rows="lda",
        loop="for (int p = 0; p < k; p++, bo += NR)",
        a=lambda i: f"a[a{i} + p]"),
}


def wrap(line, indent):
    """Breaks a declaration longer than 100 columns after a comma, continuing at indent + 4."""
    out = []
    while len(line) > 100:
        cut = line.rfind(",", 0, 100) + 1
        out.append(line[:cut])
        line = " " * (indent + 4) + line[cut:].lstrip()
    return out + [line]


def form(name, f, mr, T, V):
    out = [f"  /** {mr} rows: {f['doc']} */"]
    out += wrap(f"  static void {name}{mr}(" + f["params"].format(T=T) + ") {", 2)
    for i in range(mr):
        for j in range(NV):
            out.append(f"    {V} c{i}{j} = {V}.zero(S);" if i == 0 and j == 0
                       else f"    {V} c{i}{j} = c00;")
    if f["rows"]:
        st = f["rows"]
        for i in range(mr):
            out.append("    int a0 = ao;" if i == 0 else f"    int a1 = ao + {st};" if i == 1
                       else f"    int a{i} = ao + {i} * {st};")
    out.append(f"    {f['loop'].format(MR=mr)} {{")
    for j in range(NV):
        out.append(f"      {V} b{j} = {V}.fromArray(S, b, " + ("bo" if j == 0 else "bo + L")
                   + ");")
    for i in range(mr):
        out.append(f"      {V} x{i} = {V}.broadcast(S, {f['a'](i)});")
        for j in range(NV):
            out.append(f"      c{i}{j} = b{j}.fma(x{i}, c{i}{j});")
    out.append("    }")
    out.append("    int o;")
    for i in range(mr):
        row = "co" if i == 0 else "co + ldc" if i == 1 else f"co + {i} * ldc"
        for j in range(NV):
            out.append(f"    o = {row}" + ("" if j == 0 else " + L") + ";")
            out.append("    if (load) {")
            out.append(f"      c{i}{j} = c{i}{j}.add({V}.fromArray(S, c, o));")
            out.append("    }")
            out.append(f"    c{i}{j}.intoArray(c, o);")
    out.append("  }")
    return out


DERIVED_HEADER = ("// Generated from FloatMicroKernel.java by tools/codegen/microkernel_tiles.py:"
                  " edit that file.\n")


def to_double(text):
    """The float64 twin of float32 kernel source: the substitutions MicroKernelSourcesTest makes."""
    text = text.replace("Float", "Double").replace("float", "double").replace("double32", "float64")
    text = re.sub(r"\b0f\b", "0.0", text)
    return text.replace("sgemm", "dgemm")


def int_kernel(T, V, E, S):
    """One IntGemm product loop for element type T on vector class V of species E."""
    return f"""
  /** C = A B for one product: tiles of 4 rows by two vectors, then single rows, then columns. */
  static void {S}(int m, int n, int k, {T}[] a, int ao, int aRow, int aCol, {T}[] b, int bo,
      int bRow, {T}[] c, int co) {{
    int l = {E}.length();
    int nv = n - n % (2 * l);
    for (int j = 0; j < nv; j += 2 * l) {{
      int i = 0;
      for (; i + 4 <= m; i += 4) {{
        {V} c00 = {V}.zero({E});
        {V} c01 = c00;
        {V} c10 = c00;
        {V} c11 = c00;
        {V} c20 = c00;
        {V} c21 = c00;
        {V} c30 = c00;
        {V} c31 = c00;
        int a0 = ao + i * aRow;
        int a1 = a0 + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0, s = 0, bp = bo + j; p < k; p++, s += aCol, bp += bRow) {{
          {V} b0 = {V}.fromArray({E}, b, bp);
          {V} b1 = {V}.fromArray({E}, b, bp + l);
          {V} x = {V}.broadcast({E}, a[a0 + s]);
          c00 = c00.add(x.mul(b0));
          c01 = c01.add(x.mul(b1));
          x = {V}.broadcast({E}, a[a1 + s]);
          c10 = c10.add(x.mul(b0));
          c11 = c11.add(x.mul(b1));
          x = {V}.broadcast({E}, a[a2 + s]);
          c20 = c20.add(x.mul(b0));
          c21 = c21.add(x.mul(b1));
          x = {V}.broadcast({E}, a[a3 + s]);
          c30 = c30.add(x.mul(b0));
          c31 = c31.add(x.mul(b1));
        }}
        int o = co + i * n + j;
        c00.intoArray(c, o);
        c01.intoArray(c, o + l);
        c10.intoArray(c, o + n);
        c11.intoArray(c, o + n + l);
        c20.intoArray(c, o + 2 * n);
        c21.intoArray(c, o + 2 * n + l);
        c30.intoArray(c, o + 3 * n);
        c31.intoArray(c, o + 3 * n + l);
      }}
      for (; i < m; i++) {{
        {V} c0 = {V}.zero({E});
        {V} c1 = c0;
        int ai = ao + i * aRow;
        for (int p = 0, s = 0, bp = bo + j; p < k; p++, s += aCol, bp += bRow) {{
          {V} x = {V}.broadcast({E}, a[ai + s]);
          c0 = c0.add(x.mul({V}.fromArray({E}, b, bp)));
          c1 = c1.add(x.mul({V}.fromArray({E}, b, bp + l)));
        }}
        c0.intoArray(c, co + i * n + j);
        c1.intoArray(c, co + i * n + j + l);
      }}
    }}
    for (int i = 0; i < m && nv < n; i++) {{
      int ci = co + i * n;
      for (int j = nv; j < n; j++) {{
        {T} sum = 0;
        for (int p = 0; p < k; p++) {{
          sum += a[ao + i * aRow + p * aCol] * b[bo + p * bRow + j];
        }}
        c[ci + j] = sum;
      }}
    }}
  }}
"""


def write_int_gemm():
    src = ("// Generated by tools/codegen/microkernel_tiles.py: edit the template there, not here.\n"
           "package org.jaxpresso.runtime.cpu.kernels;\n\n"
           "import jdk.incubator.vector.IntVector;\n"
           "import jdk.incubator.vector.LongVector;\n"
           "import jdk.incubator.vector.VectorSpecies;\n\n"
           "/**\n"
           " * The vector loops of {@link IntGemm}: register tiles of 4 rows by two vectors of the"
           " preferred\n"
           " * species, A broadcast from its rows, B's rows read in place (contiguous along j)."
           " Lanes wrap\n"
           " * on overflow like Java's {@code int} and {@code long}.\n"
           " */\n"
           "final class VectorIntGemm {\n"
           "  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;\n"
           "  private static final VectorSpecies<Long> J = LongVector.SPECIES_PREFERRED;\n\n"
           "  private VectorIntGemm() {}\n"
           + int_kernel("int", "IntVector", "I", "igemm")
           + int_kernel("long", "LongVector", "J", "lgemm") + "}\n")
    open(os.path.join(DIR, "VectorIntGemm.java"), "w").write(src)


def main():
    for cls, T, V, E in (("FloatTiles", "float", "FloatVector", "Float"),
                         ("DoubleTiles", "double", "DoubleVector", "Double")):
        lines = [
            "// Generated by tools/codegen/microkernel_tiles.py: edit the template there, not here.",
            "package org.jaxpresso.runtime.cpu.kernels;",
            "",
            f"import jdk.incubator.vector.{V};",
            "import jdk.incubator.vector.VectorSpecies;",
            "",
            "/**",
            f" * The {T} register tiles of {{@link {E}MicroKernel}}: {{@code C (+)= A B}} for an MR x",
            " * (2 vectors) block over k steps, with MR = 6 or 8, for three ways of addressing A and",
            " * B. {@code load} adds C's old values; otherwise C is overwritten.",
            " */",
            f"final class {cls} {{",
            f"  private static final VectorSpecies<{E}> S = {V}.SPECIES_PREFERRED;",
            "  private static final int L = S.length();",
            "  private static final int NR = 2 * L;",
            "",
            f"  private {cls}() {{}}",
        ]
        for name, f in FORMS.items():
            for mr in ROWS:
                lines.append("")
                lines += form(name, f, mr, T, V)
        lines.append("}")
        open(os.path.join(DIR, cls + ".java"), "w").write("\n".join(lines) + "\n")
    source = open(os.path.join(DIR, "FloatMicroKernel.java")).read()
    open(os.path.join(DIR, "DoubleMicroKernel.java"), "w").write(DERIVED_HEADER + to_double(source))
    write_int_gemm()


if __name__ == "__main__":
    main()
