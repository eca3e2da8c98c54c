#!/usr/bin/env sh
# Time to report a leak on an application-shaped heap (records in string-keyed maps, unique strings,
# boxed numbers, lists) instead of RunAll's uniform linked list, and our analysis against Shark on
# the same dump. Usage: ./benchmarks/app-shaped.sh [liveMb, default 500]
# Prints the scenario's RESULT lines and, for each analyser, wall time and peak RSS; deletes the dump.
set -eu
cd "$(dirname "$0")/.."
MB="${1:-500}"
./mvnw -q -pl benchmarks -am package -DskipTests
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo "== leak scenario, ${MB} MB live, application-shaped =="
"$JAVA" -Xmx6g -cp "$JAR" org.leakcheck.benchmarks.LeakScenario "$MB" "$DIR" app | grep RESULT
DUMP="$DIR/heap.hprof"
XMX=$("$JAVA" -cp "$JAR" org.leakcheck.internal.analysis.AnalysisProbe --xmx "$DUMP" | tail -1)
echo "== our analysis (-Xmx$XMX) =="
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$JAVA" -Xmx"$XMX" -XX:+UseParallelGC -cp "$JAR" \
  org.leakcheck.internal.analysis.AnalysisProbe "$DUMP" 3 | grep RESULT
echo "== Shark 2.14 (-Xmx8g) =="
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$JAVA" -Xmx8g -cp "$JAR" \
  org.leakcheck.benchmarks.SharkProbe "$DUMP" | grep RESULT
