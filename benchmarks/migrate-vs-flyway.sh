#!/usr/bin/env bash
# Applies 500 small migrations to an empty PostgreSQL schema with backendkit's Migrator and with Flyway
# (from Maven Central), alternating, three rounds; prints each run, the medians and the ratio.
# Then the tenant case: 50 fresh tenant schemas x 20 migrations, backendkit's migrateTenants (4 at once)
# against Flyway called once per tenant, alternating, three rounds; medians and their ratio.
# Each run is a fresh JVM; the time is the migrate call(s) alone (connection setup included, JVM start not).
# The last line is the 500-migration ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/benchmarks/out/migrate-vs-flyway
FLYWAY_VERSION=13.12.0
COUNT=${COUNT:-500}
ROUNDS=${ROUNDS:-3}
TENANTS=${TENANTS:-50}
TENANT_MIGRATIONS=${TENANT_MIGRATIONS:-20}
TENANT_PARALLELISM=${TENANT_PARALLELISM:-4}
PG_URL=${BACKENDKIT_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}

. benchmarks/find-jdk.sh
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432 (.ci/run starts it)" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/bk" "$OUT/fw" "$OUT/bk-tenant" "$OUT/fw-tenant"
# built in the reactor (nothing installed into ~/.m2): the module jars and their runtime dependencies
./mvnw -B -q -pl schema -am -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$OUT/lib"
cp schema/target/backendkit-schema-*.jar core/target/backendkit-core-*.jar "$OUT/lib/"
for a in org.flywaydb:flyway-core:$FLYWAY_VERSION org.flywaydb:flyway-database-postgresql:$FLYWAY_VERSION; do
  ./mvnw -B -q dependency:copy -Dartifact="$a" -DoutputDirectory="$OUT/lib"
done
# Flyway's runtime dependencies and the PostgreSQL driver, resolved through a throwaway pom
cat > "$OUT/flyway-deps.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>flyway-deps</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId><version>$FLYWAY_VERSION</version></dependency>
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId><version>$FLYWAY_VERSION</version></dependency>
    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.14</version></dependency>
  </dependencies>
</project>
POM
./mvnw -B -q -f "$OUT/flyway-deps.xml" dependency:copy-dependencies -DoutputDirectory="$OUT/lib"

for i in $(seq 1 "$COUNT"); do
  sql="CREATE TABLE bench_t$i (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE INDEX idx_bench_t${i}_name ON bench_t$i (name);
INSERT INTO bench_t$i (id, name) VALUES (1, 'row $i');"
  printf -- '-- migrate:up\n%s\n\n-- migrate:down\nDROP TABLE bench_t%s;\n' "$sql" "$i" > "$OUT/bk/V${i}__create_bench_t$i.sql"
  printf '%s\n' "$sql" > "$OUT/fw/V${i}__create_bench_t$i.sql"
done

for i in $(seq 1 "$TENANT_MIGRATIONS"); do
  sql="CREATE TABLE tenant_t$i (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);
CREATE INDEX idx_tenant_t${i}_name ON tenant_t$i (name);
INSERT INTO tenant_t$i (id, name) VALUES (1, 'row $i');"
  printf -- '-- migrate:up\n%s\n\n-- migrate:down\nDROP TABLE tenant_t%s;\n' "$sql" "$i" > "$OUT/bk-tenant/V${i}__tenant_t$i.sql"
  printf '%s\n' "$sql" > "$OUT/fw-tenant/V${i}__tenant_t$i.sql"
done

CP="$OUT/lib/*"
run() { "$JAVA_HOME/bin/java" -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$ROOT/benchmarks/migrate-vs-flyway/MigrateBench.java" "$1" "$2" "$PG_URL" bench_migrate 2>>"$OUT/run.log"; }

bk_times=() fw_times=()
for r in $(seq 1 "$ROUNDS"); do
  read -r _ n ms < <(run backendkit "$OUT/bk" | tail -n 1); [ "$n" = "$COUNT" ] || { echo "backendkit applied $n" >&2; exit 1; }
  echo "round $r backendkit: $ms ms"; bk_times+=("$ms")
  read -r _ n ms < <(run flyway "$OUT/fw" | tail -n 1); [ "$n" = "$COUNT" ] || { echo "flyway applied $n" >&2; exit 1; }
  echo "round $r flyway:     $ms ms"; fw_times+=("$ms")
done
trun() { "$JAVA_HOME/bin/java" -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$ROOT/benchmarks/migrate-vs-flyway/TenantBench.java" "$1" "$2" "$PG_URL" bench_tenant "$TENANTS" \
  "$TENANT_PARALLELISM" 2>>"$OUT/run.log"; }
want=$((TENANTS * TENANT_MIGRATIONS))
bkt_times=() fwt_times=()
for r in $(seq 1 "$ROUNDS"); do
  read -r _ n ms < <(trun backendkit "$OUT/bk-tenant" | tail -n 1); [ "$n" = "$want" ] || { echo "backendkit applied $n of $want" >&2; exit 1; }
  echo "round $r tenants backendkit: $ms ms"; bkt_times+=("$ms")
  read -r _ n ms < <(trun flyway "$OUT/fw-tenant" | tail -n 1); [ "$n" = "$want" ] || { echo "flyway applied $n of $want" >&2; exit 1; }
  echo "round $r tenants flyway:     $ms ms"; fwt_times+=("$ms")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
bk=$(median "${bk_times[@]}"); fw=$(median "${fw_times[@]}")
bkt=$(median "${bkt_times[@]}"); fwt=$(median "${fwt_times[@]}")
echo "median tenants backendkit ($TENANT_PARALLELISM at once): $bkt ms, flyway $FLYWAY_VERSION once per tenant: $fwt ms ($TENANTS tenant schemas x $TENANT_MIGRATIONS migrations, PostgreSQL, $ROUNDS rounds)"
awk -v f="$fwt" -v b="$bkt" 'BEGIN { printf "tenant speedup vs flyway: %.2f\n", f / b }'
psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA IF EXISTS bench_migrate CASCADE' >/dev/null 2>&1 || true
echo "median backendkit: $bk ms, flyway $FLYWAY_VERSION: $fw ms ($COUNT migrations, PostgreSQL, $ROUNDS rounds)"
awk -v f="$fw" -v b="$bk" 'BEGIN { printf "speedup vs flyway: %.2f\n", f / b }'
