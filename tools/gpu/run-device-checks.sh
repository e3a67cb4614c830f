#!/usr/bin/env bash
# The GPU checks of runtime-gpu, in two steps.
#
#   1. Here (a machine with JDK 25 and Maven, no GPU needed), from the project's root:
#        tools/gpu/run-device-checks.sh prepare
#      builds runtime-gpu and its tests, gathers every class path entry as jars into .device/lib,
#      and builds a Java runtime into .device/jre.tgz with ../shared/tools/device-jre.sh
#      (.device/ is git-excluded; about 30 MB).
#   2. On the GPU machine (device `run` tool, carry [".device"], timeout ~540 s):
#        bash tools/gpu/run-device-checks.sh run          (GPU tests only; or `run-all`)
#      runs the GPU tests of runtime-gpu (driver, every kernel op on every dtype and whole
#      programs against the reference executor, the cubin disk cache, and the device-array
#      contract on the real GPU: devicePut, jit placement, no copies between jitted calls,
#      delete, the Cleaner, the pool, out-of-memory, batched GEMM precision; `run-all` adds the
#      tests every build runs: ptxas, the PTX interpreter, the math library, the simulated
#      device, the GPU lowering), then the GPU benchmarks (GpuBench: copy bandwidth, W1, W2,
#      sgemm 4096 DEFAULT/HIGHEST, MLP training step, compile time) and the same workloads in
#      JAX (tools/gpu/jax_bench.py), and writes machine.txt, tests.txt, java.tsv, jax.tsv,
#      table.md and the PTX dumps under $OUT (or .device/out). Exit status: that of the tests
#      (0 passed, 1 failed, 3 no GPU found).
set -uo pipefail
mode=${1:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dev=.device

case "$mode" in
  prepare)
    set -e
    export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    rm -rf "$dev/lib" && mkdir -p "$dev/lib"
    ./mvnw -q -B -pl runtime-gpu -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$root/$dev/cp.txt"
    i=0
    for entry in $(tr ':' '\n' < "$dev/cp.txt") runtime-gpu/target/classes runtime-gpu/target/test-classes; do
      i=$((i + 1))
      if [ -d "$entry" ]; then
        "$JAVA_HOME/bin/jar" cf "$dev/lib/$(printf '%02d' $i)-$(basename "$(dirname "$entry")")-$(basename "$entry").jar" -C "$entry" .
      elif [ -f "$entry" ]; then
        cp "$entry" "$dev/lib/"
      fi
    done
    # device-jre.sh records its folder in .git/info/exclude, which a git worktree does not have
    # (.git is a file there); .device/ is in .gitignore already, so run it from a scratch folder.
    scratch=$(mktemp -d) && mkdir -p "$scratch/.git/info"
    (cd "$scratch" && "$root/../shared/tools/device-jre.sh" "$root/$dev")
    rm -rf "$scratch"
    du -sh "$dev"
    echo "prepared: now run on the GPU machine: bash tools/gpu/run-device-checks.sh run (carry .device)"
    ;;
  run|run-all)
    out=${OUT:-$root/$dev/out}
    mkdir -p "$out"
    [ -f "$dev/jre.tgz" ] || { echo "no $dev/jre.tgz: run 'tools/gpu/run-device-checks.sh prepare' first and carry $dev" >&2; exit 2; }
    jre=$(mktemp -d)
    tar xzf "$dev/jre.tgz" -C "$jre" && export PATH=$jre/jre/bin:$PATH
    cp=$(ls "$dev"/lib/*.jar | tr '\n' ':')
    jvm=(java -Xss8m -Xmx48g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp "$cp")
    { nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm --format=csv 2>&1; java -version 2>&1; } | tee "$out/machine.txt"
    echo "== runtime-gpu tests"
    only=--gpu-only
    [ "$mode" = run-all ] && only=
    timeout 240 "${jvm[@]}" -Djaxpresso.gpu.cache="$out/module-cache" \
      org.jaxpresso.runtime.gpu.GpuTestMain $only 2>&1 | tee "$out/tests.txt"
    status=${PIPESTATUS[0]}
    echo "tests exit status: $status" | tee -a "$out/tests.txt"
    echo "== jaxpresso GPU benchmarks"
    timeout 150 "${jvm[@]}" -Djaxpresso.dump="$out/dump" org.jaxpresso.runtime.gpu.GpuBench 2>&1 | tee "$out/java.tsv"
    echo "== JAX GPU benchmarks"
    timeout 120 python3 tools/gpu/jax_bench.py 2>&1 | tee "$out/jax.tsv"
    python3 tools/gpu/join_tables.py "$out/java.tsv" "$out/jax.tsv" | tee "$out/table.md"
    exit "$status"
    ;;
  *)
    echo "usage: tools/gpu/run-device-checks.sh prepare|run|run-all" >&2
    exit 2
    ;;
esac
