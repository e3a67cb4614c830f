"""Shared harness of the side-by-side scripts: the reactor build (no install), the class path,
a JVM worker spoken to line by line over stdin/stdout, and quartiles.

Each script runs NumPy in this process and jaxpresso in a JVM worker, alternating rounds in
one run, so both see the same machine load.
"""
import os
import statistics
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")


def build(cpname="side-by-side.classpath"):
    """Builds benchmarks and what it needs in the reactor; returns the class-path file."""
    env = dict(os.environ, JAVA_HOME=JAVA_HOME)
    cpfile = os.path.join(ROOT, "benchmarks", "target", cpname)
    subprocess.run([os.path.join(ROOT, "mvnw"), "-q", "-B", "-pl", "benchmarks", "-am",
                    "package", "dependency:build-classpath", "-DskipTests",
                    "-Dmdep.outputFile=" + cpfile], cwd=ROOT, env=env, check=True)
    return cpfile


def classpath(cpfile):
    """The benchmark classes followed by the dependencies listed in cpfile."""
    deps = open(cpfile).read().strip().split(os.pathsep)
    return os.pathsep.join([os.path.join(ROOT, "benchmarks", "target", "classes")] + deps)


def quartiles(xs):
    """(first, third) quartile of xs; (min, max) for fewer than four values."""
    q = statistics.quantiles(xs, n=4) if len(xs) >= 4 else [min(xs), 0, max(xs)]
    return q[0], q[2]


class Jvm:
    """A JVM running main_class, which answers one line per request line."""

    def __init__(self, classpath, main_class):
        self.p = subprocess.Popen(
            [os.path.join(JAVA_HOME, "bin", "java"), "--add-modules", "jdk.incubator.vector",
             "-Xmx8g", "-cp", classpath, main_class],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def ask(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        reply = self.p.stdout.readline().strip()
        if not reply or reply.startswith("error"):
            raise RuntimeError("java side: " + (reply or "no reply") + " to " + line)
        return reply

    def close(self):
        self.p.stdin.write("quit\n")
        self.p.stdin.flush()
        self.p.wait(timeout=30)
