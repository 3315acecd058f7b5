#!/usr/bin/env bash
# Closed-model throughput and latency of backendkit's load generator against wrk: nginx (one worker,
# 127.0.0.1, a 3-byte static file, no access log) is the target; wrk and backendkit run alternately
# with the same connection count and duration, three rounds. backendkit runs in a fresh JVM each round
# with a warm-up (excluded from its numbers, as its users would run it) before the measured seconds;
# wrk needs none. Prints every round, the medians, the JVM's peak RSS and the throughput ratio.
# Then two open-model checks, ROUNDS alternating rounds each:
#  - overload: loadgen's open model offered OVERLOAD_RATE req/s with OVERLOAD_CONNECTIONS in flight
#    against its closed model with as many users; prints "overload open/closed: N.NN" (goal >= 0.80).
#  - efficiency: one fixed rate from wrk and from loadgen's open model, CONNECTIONS connections each.
#    This wrk (4.x) has no rate option (wrk2's -R is not packaged), so it is paced by a Lua delay() of
#    CONNECTIONS*1000/FIXED_RATE ms before each request; a delay per connection cannot hold an exact
#    rate (the response time adds to it), so wrk runs first and loadgen's open model is then offered
#    exactly the rate wrk achieved in that round. Both achieved rates are printed. CPU seconds per
#    100,000 requests (wrk: whole process from GNU time; loadgen: /proc/self/stat over the measured
#    run, JIT and GC threads included) and loadgen's schedule-lag p99 at that rate; prints
#    "efficiency vs wrk: N.NN" (wrk's CPU per request over loadgen's), loadgen with its defaults (every
#    arrival handed over as soon as it is due). loadgen also runs that rate with scheduleTolerance of
#    TOLERANCE_US microseconds (default 1000; wrk's own timers tick in milliseconds), reported on an
#    extra line "efficiency vs wrk with scheduleTolerance ...: N.NN" (not the issue's figure).
#  LOADGEN_JVM_OPTS (default empty) is passed to every loadgen JVM, e.g. "-Djdk.pollerMode=1" (the JDK's
#  poller on platform threads, which cost less CPU per request at a moderate rate here; see README).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/benchmarks/out/loadgen-vs-wrk
CONNECTIONS=${CONNECTIONS:-50}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18080}
TRANSPORT=${TRANSPORT:-http1}
OVERLOAD_RATE=${OVERLOAD_RATE:-100000}
OVERLOAD_CONNECTIONS=${OVERLOAD_CONNECTIONS:-100}
FIXED_RATE=${FIXED_RATE:-10000}
TOLERANCE_US=${TOLERANCE_US:-1000}
read -r -a JVM_OPTS <<<"${LOADGEN_JVM_OPTS:-}"
. benchmarks/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q wrk nginx
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/classes" "$OUT/nginx/html" "$OUT/nginx/logs"
# one reactor build: nothing is installed into ~/.m2; the sibling modules' jars come from target/
./mvnw -B -q -pl loadgen -am -DskipTests package dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$OUT/lib"
cp loadgen/target/backendkit-loadgen-*.jar "$OUT/lib/"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$OUT/lib/*" "$ROOT/benchmarks/loadgen-vs-wrk/LoadgenBench.java"

printf 'ok\n' > "$OUT/nginx/html/index.txt"
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$PORT;
    root $OUT/nginx/html;
    location / { default_type text/plain; try_files /index.txt =404; }
  }
}
CONF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf"
trap '"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -s quit 2>/dev/null || true' EXIT
URL=http://127.0.0.1:$PORT/
for _ in $(seq 50); do curl -fs "$URL" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$URL" >/dev/null || { echo "nginx did not answer on $URL; see $OUT/nginx/logs/error.log" >&2; exit 1; }

# wrk prints latencies as 812.00us, 1.20ms or 1.02s; this gives microseconds
to_us() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v+0 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v*1000 } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000000 } else print v }' <<<"$1"; }
run_wrk() {
  wrk -t "$(nproc)" -c "$CONNECTIONS" -d "${SECONDS_PER_RUN}s" --latency "$URL" > "$OUT/wrk.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt")
  p50=$(to_us "$(awk '$1=="50%" {print $2}' "$OUT/wrk.txt")")
  p99=$(to_us "$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")")
  echo "$rps $p50 $p99"
}
run_backendkit() {
  /usr/bin/time -f "%M" -o "$OUT/rss.txt" "$JAVA" ${JVM_OPTS[@]+"${JVM_OPTS[@]}"} -cp "$OUT/classes:$OUT/lib/*" \
    LoadgenBench "$URL" "$CONNECTIONS" "$SECONDS_PER_RUN" "$WARMUP" "$TRANSPORT" > "$OUT/bk.txt" 2>>"$OUT/bk.log"
  read -r rps p50 p99 errors < "$OUT/bk.txt"
  [ "$errors" = 0 ] || echo "backendkit saw $errors errors" >&2
  echo "$rps $p50 $p99 $(cat "$OUT/rss.txt")"
}

bk_rps=() bk_p50=() bk_p99=() bk_rss=() wrk_rps=() wrk_p50=() wrk_p99=()
echo "target: nginx 1 worker at $URL; $CONNECTIONS connections, ${SECONDS_PER_RUN} s per run, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); loadgen JVM options: ${LOADGEN_JVM_OPTS:-none}"
for r in $(seq 1 "$ROUNDS"); do
  read -r rps p50 p99 < <(run_wrk)
  printf 'round %d wrk:        %10.0f req/s  p50 %7.0f us  p99 %7.0f us\n' "$r" "$rps" "$p50" "$p99"
  wrk_rps+=("$rps") wrk_p50+=("$p50") wrk_p99+=("$p99")
  read -r rps p50 p99 kb < <(run_backendkit)
  printf 'round %d backendkit: %10.0f req/s  p50 %7.0f us  p99 %7.0f us  peak RSS %d MB; load %s\n' "$r" "$rps" "$p50" "$p99" $((kb / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  bk_rps+=("$rps") bk_p50+=("$p50") bk_p99+=("$p99") bk_rss+=("$kb")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
w=$(median "${wrk_rps[@]}"); b=$(median "${bk_rps[@]}")
wp50=$(median "${wrk_p50[@]}"); bp50=$(median "${bk_p50[@]}")
printf 'wrk %s:        median %.0f req/s, p50 %.0f us, p99 %.0f us\n' "$(wrk -v 2>&1 | head -1 | awk '{print $2}')" "$w" "$wp50" "$(median "${wrk_p99[@]}")"
printf 'backendkit (%s): median %.0f req/s, p50 %.0f us, p99 %.0f us, JVM peak RSS %d MB\n' "$TRANSPORT" "$b" "$bp50" "$(median "${bk_p99[@]}")" $(( $(median "${bk_rss[@]}") / 1024 ))
awk -v b="$bp50" -v w="$wp50" 'BEGIN { printf "p50 backendkit/wrk: %.2f\n", b / w }'
SPEEDUP_LINE=$(awk -v b="$b" -v w="$w" 'BEGIN { printf "speedup vs wrk: %.2f\n", b / w }')
# ---------------------------------------------------------------- overload and efficiency (open model)
run_bk() { # prints the bench's output line; args after the URL as LoadgenBench takes them
  "$JAVA" ${JVM_OPTS[@]+"${JVM_OPTS[@]}"} -cp "$OUT/classes:$OUT/lib/*" LoadgenBench "$URL" "$@" 2>>"$OUT/bk.log"
}
DELAY_MS=$(awk -v c="$CONNECTIONS" -v r="$FIXED_RATE" 'BEGIN { printf "%.3f", c * 1000 / r }')
printf 'function delay() return %s end\n' "$DELAY_MS" > "$OUT/paced.lua"
ov_closed=() ov_open=() w_cpu=() b_cpu=() b_lag=() w_rate=() b_rate=() t_cpu=() t_lag=()
for r in $(seq 1 "$ROUNDS"); do
  read -r crps _ < <(run_bk "$OVERLOAD_CONNECTIONS" "$SECONDS_PER_RUN" "$WARMUP" "$TRANSPORT")
  read -r orps _ _ _ _ _ odrop < <(run_bk "$OVERLOAD_CONNECTIONS" "$SECONDS_PER_RUN" "$WARMUP" "$TRANSPORT" open "$OVERLOAD_RATE")
  printf 'round %d overload:   closed %d users %10.0f req/s; open %d/s, %d in flight %10.0f req/s (%d dropped); load %s\n' \
    "$r" "$OVERLOAD_CONNECTIONS" "$crps" "$OVERLOAD_RATE" "$OVERLOAD_CONNECTIONS" "$orps" "$odrop" "$(cut -d' ' -f1 /proc/loadavg)"
  ov_closed+=("$crps") ov_open+=("$orps")
  /usr/bin/time -f "%U %S" -o "$OUT/wrk-cpu.txt" wrk -t 1 -c "$CONNECTIONS" -d "${SECONDS_PER_RUN}s" -s "$OUT/paced.lua" "$URL" > "$OUT/wrk-paced.txt"
  wreq=$(awk '/requests in/ {print $1}' "$OUT/wrk-paced.txt")
  wrate=$(awk -v n="$wreq" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.0f", n / s }')
  wcpu=$(awk -v n="$wreq" '{ printf "%.4f", ($1 + $2) * 100000 / n }' "$OUT/wrk-cpu.txt")
  # loadgen is offered what wrk achieved, so that both really run at one rate
  read -r brps _ _ berr bcpus blag bdrop < <(run_bk "$CONNECTIONS" "$SECONDS_PER_RUN" "$WARMUP" "$TRANSPORT" open "$wrate")
  [ "$berr" = 0 ] || echo "backendkit saw $berr errors at the fixed rate" >&2
  bcpu=$(awk -v c="$bcpus" -v r="$brps" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.4f", c * 100000 / (r * s) }')
  printf 'round %d fixed rate: wrk %6.0f req/s (paced for %d/s) %.3f CPU s/100k; backendkit offered %d/s, %6.0f req/s (%d dropped) %.3f CPU s/100k, lag p99 %.0f us; load %s\n' \
    "$r" "$wrate" "$FIXED_RATE" "$wcpu" "$wrate" "$brps" "$bdrop" "$bcpu" "$blag" "$(cut -d' ' -f1 /proc/loadavg)"
  w_cpu+=("$wcpu") b_cpu+=("$bcpu") b_lag+=("$blag") w_rate+=("$wrate") b_rate+=("$brps")
  read -r trps _ _ terr tcpus tlag tdrop < <(run_bk "$CONNECTIONS" "$SECONDS_PER_RUN" "$WARMUP" "$TRANSPORT" open "$wrate" "$TOLERANCE_US")
  tcpu=$(awk -v c="$tcpus" -v r="$trps" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.4f", c * 100000 / (r * s) }')
  printf 'round %d fixed rate, scheduleTolerance %d us: backendkit offered %d/s, %6.0f req/s (%d dropped) %.3f CPU s/100k, lag p99 %.0f us; load %s\n' \
    "$r" "$TOLERANCE_US" "$wrate" "$trps" "$tdrop" "$tcpu" "$tlag" "$(cut -d' ' -f1 /proc/loadavg)"
  t_cpu+=("$tcpu") t_lag+=("$tlag")
done
oc=$(median "${ov_closed[@]}"); oo=$(median "${ov_open[@]}")
wc=$(median "${w_cpu[@]}"); bc=$(median "${b_cpu[@]}")
printf 'overload: closed model %.0f req/s, open model at %d/s %.0f req/s (medians)\n' "$oc" "$OVERLOAD_RATE" "$oo"
awk -v o="$oo" -v c="$oc" 'BEGIN { printf "overload open/closed: %.2f\n", o / c }'
printf 'fixed rate: wrk %.0f req/s, backendkit %.0f req/s; wrk %.3f CPU s per 100k requests, backendkit %.3f, backendkit schedule-lag p99 %.0f us (medians)\n' \
  "$(median "${w_rate[@]}")" "$(median "${b_rate[@]}")" "$wc" "$bc" "$(median "${b_lag[@]}")"
tc=$(median "${t_cpu[@]}")
printf 'fixed rate with scheduleTolerance %d us: backendkit %.3f CPU s per 100k requests, schedule-lag p99 %.0f us (medians)\n' \
  "$TOLERANCE_US" "$tc" "$(median "${t_lag[@]}")"
awk -v w="$wc" -v b="$tc" -v t="$TOLERANCE_US" 'BEGIN { printf "efficiency vs wrk with scheduleTolerance %d us: %.2f\n", t, w / b }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v w="$wc" -v b="$bc" 'BEGIN { printf "efficiency vs wrk: %.2f\n", w / b }'
echo "$SPEEDUP_LINE"
