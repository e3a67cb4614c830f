#!/usr/bin/env bash
# Builds the benchmarks and runs JMH. Arguments go to JMH, e.g.:
#   benchmarks/run-jmh.sh DispatchBench -f 1 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am install -DskipTests
cp=$(./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" --add-modules jdk.incubator.vector \
  -cp "benchmarks/target/classes:$cp" org.openjdk.jmh.Main "$@"
