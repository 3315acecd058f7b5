#!/usr/bin/env bash
# Generates Java from GitHub Enterprise Server 3.12's REST description (about 10 MB, ~960 operations)
# with backendkit (models + validation + JDK server + java.net.http client) and with OpenAPI Generator
# (openapi-generator-cli from Maven Central, -g java --library native: models + java.net.http client),
# alternating, three rounds, each a fresh JVM measured as a whole process (JVM start included):
# wall time and peak RSS. Then compiles each tool's output once and says whether it compiles, and prints
# the size of each output (files, lines) and how long javac takes on backendkit's.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/benchmarks/out/codegen-vs-openapi-generator
OAG_VERSION=7.25.0
ROUNDS=${ROUNDS:-3}
SPECS=${BACKENDKIT_SPECS_DIR:-$ROOT/../shared/specs}
SPEC=$(cd "$SPECS" && pwd)/github-ghes-3.12.json
[ -f "$SPEC" ] || { echo "missing $SPEC (set BACKENDKIT_SPECS_DIR)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 1; }

. benchmarks/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"

rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/oag" "$OUT/classes"
./mvnw -B -q install -DskipTests -pl codegen -am
./mvnw -B -q dependency:copy-dependencies -pl codegen -DincludeScope=runtime -DoutputDirectory="$OUT/lib"
cp codegen/target/backendkit-codegen-*.jar "$OUT/lib/"
./mvnw -B -q -N dependency:copy -Dartifact="org.openapitools:openapi-generator-cli:$OAG_VERSION" -DoutputDirectory="$OUT/oag"
OAG_JAR="$OUT/oag/openapi-generator-cli-$OAG_VERSION.jar"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$OUT/lib/*" "$ROOT/benchmarks/codegen-vs-openapi-generator/CodegenBench.java"

# prints "seconds peak-rss-kb" of one run; the tool's own output goes to run.log
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >>"$OUT/run.log" 2>&1 || { echo "$name failed, see $OUT/run.log" >&2; exit 1; }
  cat "$OUT/time.txt"
}
run_backendkit() {
  rm -rf "$OUT/bk-src"
  measure backendkit "$JAVA" -cp "$OUT/classes:$OUT/lib/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    CodegenBench "$SPEC" "$OUT/bk-src"
}
run_oag() {
  rm -rf "$OUT/oag-out"
  measure openapi-generator "$JAVA" -jar "$OAG_JAR" generate -g java --library native -i "$SPEC" -o "$OUT/oag-out" \
    --package-name com.github.ghes --api-package com.github.ghes.api --model-package com.github.ghes.model
}

bk_times=() oag_times=() bk_rss=() oag_rss=()
for r in $(seq 1 "$ROUNDS"); do
  read -r s kb < <(run_backendkit); echo "round $r backendkit:        ${s} s, peak RSS $((kb / 1024)) MB"
  bk_times+=("$s"); bk_rss+=("$kb")
  read -r s kb < <(run_oag); echo "round $r openapi-generator: ${s} s, peak RSS $((kb / 1024)) MB"
  oag_times+=("$s"); oag_rss+=("$kb")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
bk=$(median "${bk_times[@]}"); oag=$(median "${oag_times[@]}")
bk_mb=$(( $(median "${bk_rss[@]}") / 1024 )); oag_mb=$(( $(median "${oag_rss[@]}") / 1024 ))
bk_files=$(find "$OUT/bk-src" -name '*.java' | wc -l); oag_files=$(find "$OUT/oag-out/src/main" -name '*.java' | wc -l)
bk_lines=$(find "$OUT/bk-src" -name '*.java' -exec cat {} + | wc -l)
oag_lines=$(find "$OUT/oag-out/src/main" -name '*.java' -exec cat {} + | wc -l)

# does the output compile? backendkit: javac --release 21 with Jackson, timed (every user pays it on every
# clean build); OpenAPI Generator: its own generated pom
find "$OUT/bk-src" -name '*.java' > "$OUT/bk-sources.txt"
if /usr/bin/time -f "%e" -o "$OUT/bk-javac-time.txt" \
     "$JAVA_HOME/bin/javac" -J-Xmx4g --release 21 -proc:none -Xlint:all -encoding UTF-8 -d "$OUT/bk-classes" \
     -cp "$OUT/lib/*" @"$OUT/bk-sources.txt" >"$OUT/bk-javac.log" 2>&1; then
  bk_warnings=$(grep -c ' warning: ' "$OUT/bk-javac.log" || true)
  bk_compiles="yes, $bk_warnings javac warnings with -Xlint:all"
else
  bk_compiles="no ($(grep -c ' error: ' "$OUT/bk-javac.log" || true) errors, see $OUT/bk-javac.log)"
fi
if ./mvnw -B -q -f "$OUT/oag-out/pom.xml" -DskipTests -Dmaven.javadoc.skip=true compile >"$OUT/oag-mvn.log" 2>&1; then
  oag_compiles="yes"
else
  # Maven repeats each javac error in its summary: count distinct positions and files
  oag_errors=$(grep -o '\[ERROR\] /[^ ]*\.java:\[[0-9,]*\]' "$OUT/oag-mvn.log" | sort -u | wc -l || true)
  oag_error_files=$(grep -o '\[ERROR\] /[^ ]*\.java' "$OUT/oag-mvn.log" | sort -u | wc -l || true)
  oag_compiles="no (javac: $oag_errors errors in $oag_error_files files, see $OUT/oag-mvn.log)"
fi

echo "backendkit:              median ${bk} s, peak RSS ${bk_mb} MB, ${bk_files} files, compiles: ${bk_compiles}"
echo "openapi-generator $OAG_VERSION: median ${oag} s, peak RSS ${oag_mb} MB, ${oag_files} files, compiles: ${oag_compiles}"
echo "backendkit output: ${bk_files} files, ${bk_lines} lines, javac $(cat "$OUT/bk-javac-time.txt") s (one run, -J-Xmx4g)"
echo "openapi-generator output: ${oag_files} files, ${oag_lines} lines"
awk -v o="$oag" -v b="$bk" 'BEGIN { printf "speedup vs openapi-generator: %.2f\n", o / b }'
