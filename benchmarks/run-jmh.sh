#!/usr/bin/env bash
# Builds the benchmarks (no install) and runs JMH. Arguments go to JMH, e.g.:
#   benchmarks/run-jmh.sh DispatchBench -f 1 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" org.openjdk.jmh.Main "$@"
