#!/usr/bin/env sh
# Builds the benchmarks and runs every measurement once; writes docs/performance.md.
#   ./benchmarks/run.sh            full run (~10-15 min; heaps of 50 MB, 500 MB, 2 GB)
#   ./benchmarks/run.sh --quick    fewer iterations, no 2 GB heap (~5 min)
# JAVA_HOME selects the JDK measured (default: the one on PATH).
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmarks -am package -DskipTests
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -jar benchmarks/target/benchmarks.jar "$@" --out docs/performance.md
