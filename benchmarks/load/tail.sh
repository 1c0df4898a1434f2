#!/usr/bin/env bash
# What the p99 of a closed-loop point is made of (docs/PERFORMANCE.md, "Round four"): the production-like server
# exactly as benchmarks/load/run.sh sets it up (this script sources run.sh with SETUP_ONLY=1), warmed up, then one
# point of ops runs at CONNECTIONS (64) for DURATION (10s), and during that point:
#   - the client's latency percentiles (wrk, p50 … p99.9 and max) and the server's own (its access log's "in N ms",
#     from the before-handler to the request logger: the difference is time outside the route, in the socket queues
#     and in wrk);
#   - the run queue: /proc/stat procs_running sampled every 20 ms (2 cores: anything above 2 is waiting for a core),
#     and per process (server, PostgreSQL, wrk) the time its threads spent runnable but waiting for a core
#     (/proc/<pid>/task/*/schedstat, second field), per request;
#   - the server's GC pauses inside the point (count, sum, max; from its -Xlog:gc file);
#   - the journal's group commit: runs per batch (dialogue rows per transaction id) and batches per second;
#   - the allocation per run and young pauses per 10 s inside the point (run.sh's gc_window, from the gc log);
#   - JFR=park (default): the time request threads spent parked waiting for their batch to commit
#     (jdk.ThreadPark in GroupCommitWriter.write; JDK 17's platform threads; virtual threads on 21+ park without it);
#   - JFR=alloc instead: where the point's allocation comes from (jdk.ObjectAllocationSample, every sample weighted
#     by its thread's bytes since the previous one; on JDK 17 they overstate the total ~5x, so they are shown as shares
#     of the gc log's KB per run): KB per run by thread, allocating frame, first AstraDesk frame and inclusive frame,
#     and a collapsed-stack file (alloc.collapsed) for inclusive questions ("how much under ToolChain.run?");
#     ALLOC_RATE (2000/s) throttles the samples. run.sh PROFILE=alloc (async-profiler) is the other view.
# Knobs: CONNECTIONS (64), DURATION (10s), WARMUP (45s), JFR (park|alloc|none), and run.sh's (SERVER_JAR, SERVER_JAVA,
# SERVER_ENV_EXTRA, JVM_OPTIONS, PG_URL_BASE, ...).
set -euo pipefail

TAIL_CONNECTIONS="${CONNECTIONS:-64}"
TAIL_DURATION="${DURATION:-10s}"
TAIL_WARMUP="${WARMUP:-45s}"
TAIL_DIR="$(mktemp -d /tmp/astradesk-tail.XXXXXX)"
export SKIP_COLD=1 SETUP_ONLY=1 SCENARIOS=ops
unset COMPARE_JAR
if [[ "${JFR:-park}" == park || "${JFR:-park}" == alloc ]]; then
    # only the park events, with a stack to tell the commit wait from the rest; started when the point starts
    export JAVA_SERVER_OPTS="${JAVA_SERVER_OPTS:-} -XX:+FlightRecorder"
fi
JFR_MODE="${JFR:-park}"; export JFR=0
# shellcheck source=run.sh
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

tail_say() { printf '[tail] %s\n' "$*" >&2; }
waits() { # waits <pid...>: sum over all their threads of ns runnable-but-waiting and ns on a core (schedstat)
    for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done | awk '{ run += $1; wait += $2 } END { printf "%d %d\n", run, wait }'
}
pg_pids() { pgrep -d ' ' -x postgres || pgrep -d ' ' -f 'postgres:' || true; }
percentiles() { # percentiles <file of numbers>: "n p50 p90 p99 p99.9 max mean"
    sort -n "$1" | awk '{ a[NR] = $1; s += $1 } END { if (NR == 0) { print "0 0 0 0 0 0 0"; exit }
        split("0.50 0.90 0.99 0.999", q, " "); out = NR
        for (i = 1; i <= 4; i++) { k = int(NR * q[i] + 0.999); if (k < 1) k = 1; if (k > NR) k = NR; out = out " " a[k] }
        printf "%s %s %.2f\n", out, a[NR], s / NR }'
}

PARK_JFC="$TAIL_DIR/park.jfc"
cat >"$PARK_JFC" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
JFC
ALLOC_JFC="$TAIL_DIR/alloc.jfc"
cat >"$ALLOC_JFC" <<JFC
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="throttle">${ALLOC_RATE:-2000/s}</setting></event>
</configuration>
JFC
TAIL_LUA="$TAIL_DIR/ops.lua"
cp "$OPS_LUA" "$TAIL_LUA"
cat >>"$TAIL_LUA" <<'LUA'
function done(summary, latency, requests)
    for _, p in ipairs({ 50, 75, 90, 95, 99, 99.9 }) do
        io.write(string.format("PCT %s %.2f\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("PCT max %.2f\n", latency.max / 1000))
    io.write(string.format("DONE requests=%d non2xx=%d errors=%d\n", summary.requests, summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

tail_say "server pid $SERVER_PID ($("${SERVER_JAVA:-java}" -version 2>&1 | head -1)); warm-up $TAIL_WARMUP at $TAIL_CONNECTIONS connections; output in $TAIL_DIR"
run_wrk "$SERVER_PORT" "$OPS_LUA" "$TAIL_CONNECTIONS" "$TAIL_WARMUP" >/dev/null

id0=$(psql "$DATABASE_URL" -tA -c 'SELECT coalesce(max(id), 0) FROM dialogues')
access0=$(grep -c ' -> ' "$WORK/server.log" || true)
[[ "$JFR_MODE" == park ]] && "$JCMD" "$SERVER_PID" JFR.start name=tail settings="$PARK_JFC" filename="$TAIL_DIR/park.jfr" >/dev/null
[[ "$JFR_MODE" == alloc ]] && "$JCMD" "$SERVER_PID" JFR.start name=tail settings="$ALLOC_JFC" filename="$TAIL_DIR/alloc.jfr" >/dev/null
read -r srun0 swait0 <<<"$(waits "$SERVER_PID")"
read -r prun0 pwait0 <<<"$(waits $(pg_pids))"
cpu0=$(cpu_s "$SERVER_PID")
up0=$(uptime_of "$SERVER_PID")
load0=$(cut -d' ' -f1 /proc/loadavg)
wrk -t"$THREADS" -c"$TAIL_CONNECTIONS" -d"$TAIL_DURATION" --latency -s "$TAIL_LUA" "http://127.0.0.1:$SERVER_PORT/v1/agents/run" >"$TAIL_DIR/wrk.out" 2>&1 &
wrk_pid=$!
: >"$TAIL_DIR/runq"
wrun0=0; wwait0=0; first=1
while kill -0 "$wrk_pid" 2>/dev/null; do
    awk '/^procs_running/ { print $2 }' /proc/stat >>"$TAIL_DIR/runq"
    if (( first )); then read -r wrun0 wwait0 <<<"$(waits "$wrk_pid")"; first=0; fi
    read -r wrun1 wwait1 <<<"$(waits "$wrk_pid")"
    sleep 0.02
done
wait "$wrk_pid" || true
up1=$(uptime_of "$SERVER_PID")
cpu1=$(cpu_s "$SERVER_PID")
read -r srun1 swait1 <<<"$(waits "$SERVER_PID")"
read -r prun1 pwait1 <<<"$(waits $(pg_pids))"
load1=$(cut -d' ' -f1 /proc/loadavg)
[[ "$JFR_MODE" == park || "$JFR_MODE" == alloc ]] && "$JCMD" "$SERVER_PID" JFR.stop name=tail >/dev/null
sleep 1 # the access log is written asynchronously

requests=$(awk '/^DONE/ { split($2, a, "="); print a[2] }' "$TAIL_DIR/wrk.out")
seconds=${TAIL_DURATION%s}
echo "POINT ops@$TAIL_CONNECTIONS $TAIL_DURATION: $(awk '/Requests\/sec/ { print $2 }' "$TAIL_DIR/wrk.out") runs/s, $(grep '^DONE' "$TAIL_DIR/wrk.out"); server CPU $(awk -v a="$cpu0" -v b="$cpu1" -v r="$requests" 'BEGIN { printf "%.3f", 1000 * (b - a) / r }') ms/request; load $load0 -> $load1"
echo "CLIENT latency (wrk, ms): $(awk '/^PCT/ { printf "p%s=%s ", $2, $3 }' "$TAIL_DIR/wrk.out")"
tail -n +"$((access0 + 1))" "$WORK/server.log" | grep ' -> ' | grep -o 'in [0-9.]* ms' | awk '{ print $2 }' >"$TAIL_DIR/server.ms" || true
read -r n p50 p90 p99 p999 pmax mean <<<"$(percentiles "$TAIL_DIR/server.ms")"
echo "SERVER latency (access log, ms; includes the warm-up tail end, $n lines): p50=$p50 p90=$p90 p99=$p99 p99.9=$p999 max=$pmax mean=$mean"
read -r n p50 p90 p99 p999 pmax mean <<<"$(percentiles "$TAIL_DIR/runq")"
echo "RUN QUEUE (procs_running every 20 ms, $n samples; 2 cores): p50=$p50 p90=$p90 p99=$p99 max=$pmax mean=$mean"
awk -v r="$requests" -v s0="$srun0" -v s1="$srun1" -v w0="$swait0" -v w1="$swait1" -v ps0="$prun0" -v ps1="$prun1" \
    -v pw0="$pwait0" -v pw1="$pwait1" -v ws0="$wrun0" -v ws1="$wrun1" -v ww0="$wwait0" -v ww1="$wwait1" 'BEGIN {
    printf "ON CPU / WAITING FOR A CORE per request (schedstat, ms): server %.3f / %.3f, PostgreSQL %.3f / %.3f, wrk %.3f / %.3f\n",
        (s1 - s0) / r / 1e6, (w1 - w0) / r / 1e6, (ps1 - ps0) / r / 1e6, (pw1 - pw0) / r / 1e6, (ws1 - ws0) / r / 1e6, (ww1 - ww0) / r / 1e6 }'
awk -v t0="$up0" -v t1="$up1" '/Pause/ && /ms$/ { t = $1; gsub(/[\[\]s]/, "", t); if (t + 0 < t0 || t + 0 > t1) next
        v = $NF; sub(/ms$/, "", v); n++; s += v; if (v + 0 > m) m = v + 0 }
    END { printf "GC pauses in the point (%.1f s): %d, sum %.1f ms (%.2f %% of the time), max %.1f ms, mean %.1f ms\n",
        t1 - t0, n, s, 100 * s / 1000 / (t1 - t0), m, (n ? s / n : 0) }' "$WORK/server.log.gc"
read -r gy gs gm ga gk <<<"$(gc_window "$WORK/server.log.gc" "$up0" "$up1" "$(awk -v r="$requests" -v a="$up0" -v b="$up1" 'BEGIN { printf "%.1f", r / (b - a) }')")"
echo "ALLOCATION (gc log): $gk KB per run, $ga MB/s; $gy young pauses per 10 s"
psql "$DATABASE_URL" -tA -F' ' -c "SELECT count(*) FROM dialogues WHERE id > $id0 GROUP BY xmin::text" >"$TAIL_DIR/batches"
read -r n p50 p90 p99 p999 pmax mean <<<"$(percentiles "$TAIL_DIR/batches")"
echo "GROUP COMMIT: $n batches ($(awk -v n="$n" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')/s), runs per batch p50=$p50 p90=$p90 p99=$p99 max=$pmax mean=$mean"
if [[ "$JFR_MODE" == park && -f "$TAIL_DIR/park.jfr" ]]; then
    # duration of each park whose stack passes GroupCommitWriter.write (the request thread waiting for its batch)
    "$(dirname "$(readlink -f "$(command -v "${SERVER_JAVA:-java}")")")/jfr" print --events jdk.ThreadPark --stack-depth 64 "$TAIL_DIR/park.jfr" \
        | awk '/jdk.ThreadPark/ { d = ""; w = 0 } /duration = / { d = $3; u = $4 }
               /GroupCommitWriter.write/ { w = 1 }
               /^}/ { if (w && d != "") { v = d + 0; if (u == "s") v *= 1000; else if (u == "us") v /= 1000; else if (u == "ns") v /= 1e6; print v } w = 0 }' \
        >"$TAIL_DIR/commit.ms"
    read -r n p50 p90 p99 p999 pmax mean <<<"$(percentiles "$TAIL_DIR/commit.ms")"
    echo "COMMIT WAIT (request thread parked in GroupCommitWriter.write, ms; $n parks): p50=$p50 p90=$p90 p99=$p99 p99.9=$p999 max=$pmax mean=$mean"
fi
if [[ "$JFR_MODE" == alloc && -f "$TAIL_DIR/alloc.jfr" ]]; then
    "$(dirname "$(readlink -f "$(command -v "${SERVER_JAVA:-java}")")")/jfr" print --json --events jdk.ObjectAllocationSample \
        --stack-depth 64 "$TAIL_DIR/alloc.jfr" >"$TAIL_DIR/alloc.json"
    python3 "$(dirname "${BASH_SOURCE[0]}")/alloc_report.py" "$TAIL_DIR/alloc.json" "$requests" "$TAIL_DIR/alloc.collapsed" "$gk"
fi
tail_say "output in $TAIL_DIR; server logs in $WORK"
