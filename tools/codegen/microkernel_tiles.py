#!/usr/bin/env python3
"""Writes the register-tile methods of FloatMicroKernel and DoubleMicroKernel from one template.

The tiles are MR x (NV vectors) blocks of C held in registers over k steps. Three forms differ
only in how A and B are addressed (see MicroKernel): tile (any strides), tilePacked (A packed
in MR-row interleaved panels, B in nr-column panels) and tileRows (A packed as rows, B in
panels). Each is an instance method that casts its operands once and calls a static method on
typed arrays, whose stores are written out inline: a helper method for the store measured 8%
slower on 1024^3 (C2 compiled it out of line), so the template repeats that code instead.

Run from the repository root after changing the template; it rewrites the text between the
BEGIN/END GENERATED TILES markers of both files:
  python3 tools/codegen/microkernel_tiles.py
"""
import os
import re

MR, NV = 6, 2
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "runtime-cpu", "src", "main", "java", "org", "jaxpresso", "runtime",
                   "cpu", "kernels")
BEGIN = "  // BEGIN GENERATED TILES (tools/codegen/microkernel_tiles.py)\n"
END = "  // END GENERATED TILES\n"

# name: (instance parameters, static parameters, call arguments, A address of row i at step p,
#        B step increment, per-row setup, loop header extra)
FORMS = {
    "tile": dict(
        doc="{@inheritDoc}",
        params="int k, Object a, int ao, int rs, int cs, Object b, int bo, int bRow, Object c,"
               " int co, int ldc, boolean load",
        sparams="int k, {T}[] a, int ao, int rs, int cs, {T}[] b, int bo, int bRow, {T}[] c,"
                " int co, int ldc, boolean load",
        args="k, ({T}[]) a, ao, rs, cs, ({T}[]) b, bo, bRow, ({T}[]) c, co, ldc, load",
        rows=lambda i: f"    int a{i} = ao + {i} * rs;" if i > 1 else "    int a1 = ao + rs;" if i else "    int a0 = ao;",
        loop="for (int p = 0, s = 0; p < k; p++, s += cs, bo += bRow)",
        a=lambda i: f"a[a{i} + s]"),
    "tilePacked": dict(
        params="int k, Object a, int ao, Object b, int bo, Object c, int co, int ldc,"
               " boolean load",
        sparams="int k, {T}[] a, int ao, {T}[] b, int bo, {T}[] c, int co, int ldc,"
                " boolean load",
        args="k, ({T}[]) a, ao, ({T}[]) b, bo, ({T}[]) c, co, ldc, load",
        rows=None,
        loop="for (int p = 0; p < k; p++, ao += MR, bo += NR)",
        a=lambda i: f"a[ao + {i}]" if i else "a[ao]"),
    "tileRows": dict(
        params="int k, Object a, int ao, int lda, Object b, int bo, Object c, int co, int ldc,"
               " boolean load",
        sparams="int k, {T}[] a, int ao, int lda, {T}[] b, int bo, {T}[] c, int co, int ldc,"
                " boolean load",
        args="k, ({T}[]) a, ao, lda, ({T}[]) b, bo, ({T}[]) c, co, ldc, load",
        rows=lambda i: f"    int a{i} = ao + {i} * lda;" if i > 1 else "    int a1 = ao + lda;" if i else "    int a0 = ao;",
        loop="for (int p = 0; p < k; p++, bo += NR)",
        a=lambda i: f"a[a{i} + p]"),
}


def wrap(line, indent):
    """Breaks a declaration longer than 100 columns after a comma, continuing at indent + 4."""
    if len(line) <= 100:
        return [line]
    cut = line.rfind(",", 0, 100) + 1
    return [line[:cut], " " * (indent + 4) + line[cut:].lstrip()]


def form(name, f, T, V):
    static = name + "0"
    out = ["  @Override"]
    out += wrap(f"  void {name}(" + f["params"] + ") {", 2)
    out.append(f"    {static}(" + f["args"].format(T=T) + ");")
    out.append("  }")
    out.append("")
    out += wrap(f"  private static void {static}(" + f["sparams"].format(T=T) + ") {", 2)
    for i in range(MR):
        for j in range(NV):
            out.append(f"    {V} c{i}{j} = {V}.zero(S);" if i == 0 and j == 0
                       else f"    {V} c{i}{j} = c00;")
    if f["rows"]:
        for i in range(MR):
            out.append(f["rows"](i))
    out.append(f"    {f['loop']} {{")
    for j in range(NV):
        off = "bo" if j == 0 else f"bo + {j} * L" if j > 1 else "bo + L"
        out.append(f"      {V} b{j} = {V}.fromArray(S, b, {off});")
    for i in range(MR):
        out.append(f"      {V} x{i} = {V}.broadcast(S, {f['a'](i)});")
        for j in range(NV):
            out.append(f"      c{i}{j} = b{j}.fma(x{i}, c{i}{j});")
    out.append("    }")
    out.append("    int o;")
    for i in range(MR):
        row = "co" if i == 0 else "co + ldc" if i == 1 else f"co + {i} * ldc"
        for j in range(NV):
            col = "" if j == 0 else " + L" if j == 1 else f" + {j} * L"
            out.append(f"    o = {row}{col};")
            out.append("    if (load) {")
            out.append(f"      c{i}{j} = c{i}{j}.add({V}.fromArray(S, c, o));")
            out.append("    }")
            out.append(f"    c{i}{j}.intoArray(c, o);")
    out.append("  }")
    return out


def main():
    for fname, T, V in (("FloatMicroKernel.java", "float", "FloatVector"),
                        ("DoubleMicroKernel.java", "double", "DoubleVector")):
        path = os.path.join(DIR, fname)
        src = open(path).read()
        body = []
        for name, f in FORMS.items():
            body += form(name, f, T, V) + [""]
        text = BEGIN + "\n".join(body) + END
        if BEGIN in src:
            src = src[:src.index(BEGIN)] + text + src[src.index(END) + len(END):]
        else:
            raise SystemExit(fname + ": no BEGIN/END GENERATED TILES markers")
        open(path, "w").write(src)


if __name__ == "__main__":
    main()
