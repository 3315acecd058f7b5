#!/usr/bin/env bash
# Loads Pagila (schema and data, from BACKENDKIT_DB_SAMPLES_DIR) into a scratch PostgreSQL database and runs
# backendkit's SchemaAnalyzer and pg-index-health's standard checks (Maven Central) on it in one JVM: per check
# category the findings each reports and the median of RUNS timed runs after a warm-up, the findings only one of
# them reports, and pg-index-health's summed check time over backendkit's full analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/benchmarks/out/analyzer-vs-pg-index-health
PIH_VERSION=0.31.0
RUNS=${RUNS:-3}
SAMPLES=${BACKENDKIT_DB_SAMPLES_DIR:-$ROOT/../shared/db}
PGHOST=127.0.0.1
DB=bench_pagila_analyzer_$$
PG_URL="jdbc:postgresql://$PGHOST:5432/$DB?user=postgres"

. benchmarks/find-jdk.sh
pg_isready -q -h $PGHOST -p 5432 || { echo "PostgreSQL is not running on $PGHOST:5432 (.ci/run starts it)" >&2; exit 1; }
[ -f "$SAMPLES/pagila-schema.sql" ] && [ -f "$SAMPLES/pagila-data.sql" ] \
  || { echo "Pagila not found in $SAMPLES (set BACKENDKIT_DB_SAMPLES_DIR)" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT/lib"
# one reactor build: nothing is installed into ~/.m2; the sibling modules' jars come from target/
./mvnw -B -q -pl schema -am -DskipTests package dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$OUT/lib"
cp core/target/backendkit-core-*.jar schema/target/backendkit-schema-*.jar "$OUT/lib/"
rm -f "$OUT"/lib/*-sources.jar "$OUT"/lib/*-javadoc.jar
cat > "$OUT/deps.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>analyzer-deps</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.github.mfvanek</groupId><artifactId>pg-index-health-core</artifactId><version>$PIH_VERSION</version></dependency>
    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.14</version></dependency>
  </dependencies>
</project>
POM
./mvnw -B -q -f "$OUT/deps.xml" dependency:copy-dependencies -DoutputDirectory="$OUT/lib"

drop_db() { psql -q -h $PGHOST -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; }
trap drop_db EXIT
drop_db
psql -q -h $PGHOST -U postgres -d postgres -c "CREATE DATABASE $DB TEMPLATE template0" >/dev/null
echo "loading Pagila into $DB (statements a PostgreSQL older than the dump rejects are logged to $OUT/load.log)"
psql -q -h $PGHOST -U postgres -d "$DB" -f "$SAMPLES/pagila-schema.sql" >"$OUT/load.log" 2>&1 || true
psql -q -h $PGHOST -U postgres -d "$DB" -f "$SAMPLES/pagila-data.sql" >>"$OUT/load.log" 2>&1 || true
psql -q -h $PGHOST -U postgres -d "$DB" -c "ANALYZE" >/dev/null
echo "$(grep -c ERROR "$OUT/load.log" || true) statements rejected while loading; $(psql -At -h $PGHOST -U postgres -d "$DB" \
  -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") tables in public"

"$JAVA_HOME/bin/java" -cp "$OUT/lib/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$ROOT/benchmarks/analyzer-vs-pg-index-health/AnalyzerBench.java" "$PG_URL" "$RUNS" 2>>"$OUT/run.log" | tee "$OUT/result.md"
