#!/usr/bin/env bash
# One-command load test (docs/PERFORMANCE.md). On loopback only, it:
#   1. measures cold start to /readyz 200 and RSS on embedded defaults (no env but ASTRADESK_HOME, holding a copy of
#      docs/kb as the quick start has), plain `java -jar` and with
#      the AppCDS class archive scripts/run-server uses (alternating, 3 each, after one training start);
#   2. starts the server jar in production-like mode: ASTRADESK_ENV=production, OIDC_* pointing at a throw-away
#      RS256 JWKS served by `python3 -m http.server` on 127.0.0.1, a dedicated PostgreSQL database
#      (astradesk_bench, recreated, knowledge base ingested), Redis and NATS JetStream (audit outbox relay);
#   3. starts a Javalin hello-world baseline (benchmarks module) next to it;
#   4. drives both with wrk, interleaved (baseline point, then server point), at 16/64/256 connections for an
#      ops metrics run (sre token) and a support knowledge run, and prints RPS, p50, p99, the process's CPU time
#      per request (user+sys from /proc: steadier than RPS on a shared machine) and the ratios.
# Everything it starts is stopped on exit. Environment knobs:
#   DURATION (10s per point), WARMUP (15s per server scenario: C2 compiles for ~10 s of load), CONNECTIONS ("16 64 256"), THREADS (2), PG_URL_BASE (postgresql://postgres@127.0.0.1:5432),
#   REDIS_URL (redis://127.0.0.1:6379), NATS_URL (nats://127.0.0.1:4222; the server's outbox relay publishes the
#   audit events there, as in production), JFR=1 (record the server under load; prints the top frames),
#   SERVER_ENV_EXTRA (extra VAR=value pairs for the server, e.g. "AUTH_TOKEN_CACHE_SIZE=0"), SKIP_COLD=1, COLD_ONLY=1,
#   COLD_RUNS (3 starts per build and launch), COLD_HOME (trained: the measured starts get the training start's var/,
#   as later quick starts do; fresh: a new home each start), COLD_REQUESTS (200 ops runs after ready, for RSS; 0: none),
#   PROFILE=cpu|itimer|wall|alloc (async-profiler on the server; prints the top frames; PROFILE_FROM=launch to include
#   start-up and warm-up, default: attached when the first measured point starts), THREAD_CPU=1 (the server's CPU
#   per request split by thread group: request threads vs JIT, GC, journal writer, relay ...),
#   SERVER_JAVA (the server's java, e.g. a JDK 21+ for virtual threads), SCENARIOS ("ops kb"), KB_QUESTIONS
#   (repeated: one question, so every kb request after the first hits the question-embedding cache; distinct: a new
#   question per request, none hits it),
#   JVM_OPTIONS (@deploy/jvm.options: the documented settings; "" for the JVM's defaults), SUSTAIN=<seconds> (after
#   the points: ops at 64 connections that long, RSS sampled every 10 s, GC pauses from the server's gc log),
#   COMPARE_JAR (a second build, e.g. the one before a change: its cold starts alternate with SERVER_JAR's; under load it is started next to SERVER_JAR on a copy of the database
#   (COMPARE_DB=empty: on an empty one it migrates itself, for builds older than this tree's schema) and
#   measured interleaved with it, alternating which goes first; rows say "this" or "compare"; COMPARE_JVM_OPTIONS and
#   COMPARE_ENV_EXTRA give it other JVM options / extra environment than this build's), ROUNDS (1: points
#   repeated), SERVER_PORT/HELLO_PORT/JWKS_PORT/COLD_PORT/BENCH_DB (to run beside another copy), READY_TIMEOUT (60 s), STORES=memory (production auth, but in-memory state: isolates HTTP + auth + agent from PostgreSQL),
#   SYSTEM_CPU=1 (default; 0: off): the whole machine's CPU per request during each point, by process group — the
#   measured server, PostgreSQL (the postmaster, its auxiliary processes and the backends of BENCH_DB*; the busiest
#   named by their last statement), nats-server, redis-server, wrk, the script's other processes (hello-world, the
#   idle build, JWKS), the rest (kernel, other users, other databases' and exited backends) — the machine's idle
#   share and the WAL bytes written per request, printed per point and as a Markdown table at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER_JAR="${SERVER_JAR:-$ROOT/astradesk-server/target/astradesk-server.jar}" # SERVER_JAR=...: another build (before/after)
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16 64 256}"
THREADS="${THREADS:-2}"
PG_URL_BASE="${PG_URL_BASE:-postgresql://postgres@127.0.0.1:5432}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"
SERVER_PORT="${SERVER_PORT:-18080}"
HELLO_PORT="${HELLO_PORT:-18090}"
JWKS_PORT="${JWKS_PORT:-18099}"
COLD_PORT="${COLD_PORT:-18081}"
# the server's documented JVM settings (deploy/jvm.options; JVM_OPTIONS="" measures the JVM's defaults)
JVM_OPTIONS="${JVM_OPTIONS-@$ROOT/deploy/jvm.options}"
BENCH_DB="${BENCH_DB:-astradesk_bench}" # another name (and other *_PORT values) to run two copies side by side
WORK="$(mktemp -d /tmp/astradesk-load.XXXXXX)"
# a load test from one principal: lift the per-principal rate limits (their Redis check is still on the path)
LIMITS="RATE_LIMIT_PER_MINUTE=1000000 RATE_LIMIT_EXECUTE_PER_MINUTE=1000000"
PIDS=()

say() { printf '[load] %s\n' "$*" >&2; }
die() { printf '[load] FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
    say "wrk is not installed: INSTALLING it with apt-get install -y wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || die "could not install wrk"
fi
for tool in java python3 curl psql; do command -v "$tool" >/dev/null || die "$tool is required"; done
# PostgreSQL (+ pgvector, built when missing), Redis and NATS on loopback: the same script the test suite uses
"$ROOT/scripts/ensure-services.sh" | sed 's/^/[load] /' >&2
if [[ ! -f "$SERVER_JAR" || ! -f "$BENCH_JAR" ]]; then
    say "building the server and benchmarks jars ..."
    (cd "$ROOT" && ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests)
fi

wait_ready() { # wait_ready <port> <seconds>: until GET /readyz answers 200
    local deadline=$((SECONDS + $2))
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz" || true)" == 200 ]]; do
        (( SECONDS < deadline )) || die "nothing ready on port $1 after $2 s (see $WORK/*.log)"
        sleep 0.02
    done
}
thread_cpu() { # thread_cpu <pid>: "group ticks" per thread group (digits in thread names folded), user+sys
    # a thread that exits meanwhile is skipped (the loop must not end on a failed test: set -e, pipefail)
    for t in /proc/"$1"/task/*; do
        if [[ -r $t/stat ]]; then sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1\t\2/' "$t/stat" 2>/dev/null || true; fi
    done | awk -F'\t' '{ split($2, f, " "); name = $1; gsub(/[0-9]+/, "N", name); ticks[name] += f[11] + f[12] }
        END { for (n in ticks) printf "%s\t%d\n", n, ticks[n] }'
}
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; } # user+sys CPU
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# SYSTEM_CPU: sys_snapshot <file> <measured pid>: "group<TAB>ticks" for every process group on the machine plus the
# machine's busy/nice/idle ticks (/proc/stat) and per-postgres-process ticks ("pg:<pid>"). A postgres backend that exits
# during a point is counted through the postmaster's cutime+cstime (the kernel adds a child's time when it is reaped).
PG_BACKEND_TITLE='^postgres: [^:]*: [^ ]+ ([^ ]+) [0-9a-f.:]*\([0-9]+\)' # "postgres: 15/main: user db host(port) state"
sys_snapshot() {
    local bench_pids="${HELLO_PID:-0} ${JWKS_PID:-0} ${COMPARE_PID:-0} ${SERVER_PID:-0}" foreign="" p title
    # backends of other databases (other users' tests on the same server) belong to the rest, not to PostgreSQL
    for p in $(pgrep -x postgres); do
        title=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) || continue
        if [[ "$title" =~ $PG_BACKEND_TITLE && "${BASH_REMATCH[1]}" != "$BENCH_DB"* ]]; then
            foreign+=" $p"
        fi
    done
    { awk '/^cpu / { printf "machine:busy\t%d\nmachine:nice\t%d\nmachine:idle\t%d\n", $2 + $3 + $4 + $7 + $8 + $9, $3, $5 + $6 }' /proc/stat
      [[ -n "${PG_URL_BASE:-}" ]] && psql "$PG_URL_BASE/postgres" -Atq -c "SELECT 'wal' || chr(9) || (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint" 2>/dev/null || true
      { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v measured="$2" -v bench="$bench_pids" -v foreign="$foreign" '
        BEGIN { n = split(bench, b, " "); for (i = 1; i <= n; i++) if (b[i] != 0 && b[i] != measured) other[b[i]] = 1
                n = split(foreign, b, " "); for (i = 1; i <= n; i++) notours[b[i]] = 1 }
        { r = $0; i = index(r, " ("); j = 0; for (k = length(r); k > 0; k--) if (substr(r, k, 1) == ")") { j = k; break }
          pid = substr(r, 1, i - 1); comm = substr(r, i + 2, j - i - 2); split(substr(r, j + 2), f, " ")
          # f[1] state, f[2] ppid, f[12] utime, f[13] stime, f[14] cutime, f[15] cstime
          t = f[12] + f[13]
          if (pid == measured) g = "server"
          else if (pid in other) g = "bench-other"
          else if (comm == "postgres" && !(pid in notours)) {
              # the postmaster: its own time; its reaped children (exited backends of any database) are the rest
              g = "postgres"; if (f[2] == 1) rest["rest:postgres (exited backends)"] += f[14] + f[15]; pg["pg:" pid] = t }
          else if (comm == "postgres") { rest["rest:postgres (other databases)"] += t; next }
          else if (comm == "nats-server") g = "nats"
          else if (comm == "redis-server") g = "redis"
          else if (comm == "wrk") g = "wrk"
          else { rest["rest:" comm] += t; next }
          ticks[g] += t }
        END { for (g in ticks) printf "%s\t%d\n", g, ticks[g]; for (p in pg) printf "%s\t%d\n", p, pg[p]
              for (c in rest) printf "%s\t%d\n", c, rest[c] }'
    } >"$1"
}
# sys_report <label> <rps>: the CPU per request by group between $WORK/sys0 and $WORK/sys1 ($WORK/wrk.ticks: wrk's own
# CPU, read by run_wrk from its reaped-children time, as wrk has exited by the second snapshot)
sys_report() {
    local label=$1 rps=$2 pgtop=""
    if [[ "${SYSTEM_CPU:-1}" == 1 ]]; then
        for p in $(awk -F'\t' 'NR == FNR { b[$1] = $2; next } $1 ~ /^pg:/ && $2 - b[$1] > 0 { print $2 - b[$1], substr($1, 4) }' \
            "$WORK/sys0" "$WORK/sys1" | sort -rn | head -4 | awk '{ print $2 ":" $1 }'); do
            local pid=${p%%:*} t=${p##*:} title
            title=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | sed -E 's/^postgres: [^:]*: //; s/ [0-9.]+\([0-9]+\)//; s/ +$//') \
                || title="(exited)" # a process that ended since the snapshot
            [[ "$title" == postgres* ]] && title="backend $(psql "$PG_URL_BASE/postgres" -Atq -c \
                "SELECT coalesce(nullif(application_name, ''), 'client') || ': ' || left(regexp_replace(query, '\s+', ' ', 'g'), 60) FROM pg_stat_activity WHERE pid = $pid" 2>/dev/null || true)"
            pgtop+="$(awk -v t="$t" -v hz="$(getconf CLK_TCK)" -v r="$rps" -v d="${DURATION%s}" 'BEGIN { printf "%.3f", 1000 * t / hz / (r * d) }') $title; "
        done
    fi
    awk -F'\t' -v hz="$(getconf CLK_TCK)" -v r="$rps" -v d="${DURATION%s}" -v label="$label" -v wrk="$(cat "$WORK/wrk.ticks" 2>/dev/null || echo 0)" \
        -v md="$WORK/system.md" -v pgtop="${pgtop%; }" -v ncpu="$(nproc)" '
        NR == FNR { b[$1] = $2; next }
        $1 == "wal" { wal = $2 - b[$1]; next }
        $1 !~ /^(pg|rest):/ { v[$1] = $2 - b[$1] }
        $1 ~ /^rest:/ && $2 - b[$1] > 0 { restc[substr($1, 6)] = $2 - b[$1] }
        END {
            if (r <= 0) exit
            v["wrk"] += wrk
            n = r * d; ms = 1000 / hz / n
            split("server postgres nats redis wrk bench-other", gs, " ")
            known = 0; for (i = 1; i <= 6; i++) known += v[gs[i]]
            total = v["machine:busy"]; all = total + v["machine:idle"]
            rest = total - known
            line = sprintf("[system] %s: machine %.3f ms/request busy (%.0f %% of %d cores; idle %.0f %%, nice>0 %.3f ms) = server %.3f + postgres %.3f + nats %.3f + redis %.3f + wrk %.3f + hello/idle build/jwks %.3f + rest %.3f; WAL %.0f bytes/request",
                label, total * ms, 100 * total / all, ncpu, 100 * v["machine:idle"] / all, v["machine:nice"] * ms,
                v["server"] * ms, v["postgres"] * ms, v["nats"] * ms, v["redis"] * ms, v["wrk"] * ms, v["bench-other"] * ms, rest * ms, wal / n)
            print line > "/dev/stderr"
            top = ""; for (k = 0; k < 4; k++) { m = ""; for (c in restc) if (m == "" || restc[c] > restc[m]) m = c
                if (m == "") break; top = top sprintf("%s%s %.3f", top == "" ? "" : ", ", m, restc[m] * ms); delete restc[m] }
            if (top != "") print "[system] " label ": rest, largest live processes by name (ms/request): " top > "/dev/stderr"
            if (pgtop != "") print "[system] " label ": busiest postgres processes, ms/request: " pgtop > "/dev/stderr"
            printf "| %s | %.0f | %.3f | %.3f (%.0f %%) | %.3f (%.0f %%) | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f %% | %.0f |\n", label, r,
                total * ms, v["server"] * ms, 100 * v["server"] / total, v["postgres"] * ms, 100 * v["postgres"] / total,
                v["nats"] * ms, v["redis"] * ms, v["wrk"] * ms, v["bench-other"] * ms, rest * ms, 100 * v["machine:idle"] / all, wal / n >> md
        }' "$WORK/sys0" "$WORK/sys1"
}

say "commit $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores; $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. cold start on embedded defaults --------------------------------------------------------------------
if [[ "${SKIP_COLD:-0}" != 1 ]]; then
    # plain `java -jar`, and with the AppCDS archive scripts/run-server records on a first start (trained here once per
    # build). COLD_HOME=trained (default): every measured start gets a copy of the training start's var/ (the dev
    # issuer's key, the knowledge chunks' vectors), as a later start of the quick start has; fresh: an empty one.
    COLD_BUILDS=("this $SERVER_JAR")
    [[ -n "${COMPARE_JAR:-}" ]] && COLD_BUILDS+=("compare $COMPARE_JAR")
    for build in "${COLD_BUILDS[@]}"; do
        read -r label jar <<<"$build"
        mkdir -p "$WORK/train-$label/docs" && cp -r "$ROOT/docs/kb" "$WORK/train-$label/docs/kb"
        env -i PATH="$PATH" HOME="$HOME" ASTRADESK_HOME="$WORK/train-$label" PORT=$COLD_PORT BIND_ADDRESS=127.0.0.1 \
            java $JVM_OPTIONS -XX:ArchiveClassesAtExit="$WORK/cold-$label.jsa" -jar "$jar" >"$WORK/train-$label.log" 2>&1 &
        pid=$!; PIDS+=("$pid")
        wait_ready $COLD_PORT 120
        kill "$pid"; wait "$pid" 2>/dev/null || true
        [[ -f "$WORK/cold-$label.jsa" ]] || die "the AppCDS training run wrote no archive (see $WORK/train-$label.log)"
    done
    run=0
    for round in $(seq 1 "${COLD_RUNS:-3}"); do
        for launch in "java -jar" "java -XX:SharedArchiveFile -jar"; do
            # alternate which build goes first, round by round
            order=("${COLD_BUILDS[@]}"); (( round % 2 == 0 && ${#order[@]} == 2 )) && order=("${order[1]}" "${order[0]}")
            for build in "${order[@]}"; do
                read -r label jar <<<"$build"
                run=$((run + 1))
                # as the quick start runs it: the bundled knowledge base (docs/kb) is ingested before /readyz says ready
                mkdir -p "$WORK/home$run/docs" && cp -r "$ROOT/docs/kb" "$WORK/home$run/docs/kb"
                [[ "${COLD_HOME:-trained}" == trained ]] && cp -r "$WORK/train-$label/var" "$WORK/home$run/var"
                jvm_opts=""
                [[ "$launch" == *Shared* ]] && jvm_opts="-XX:SharedArchiveFile=$WORK/cold-$label.jsa"
                load_before=$(cut -d' ' -f1 /proc/loadavg)
                start_ns=$(date +%s%N)
                # shellcheck disable=SC2086
                env -i PATH="$PATH" HOME="$HOME" ASTRADESK_HOME="$WORK/home$run" PORT=$COLD_PORT BIND_ADDRESS=127.0.0.1 $LIMITS \
                    java $JVM_OPTIONS $jvm_opts -jar "$jar" >"$WORK/cold$run.log" 2>&1 &
                pid=$!; PIDS+=("$pid")
                wait_ready $COLD_PORT 60
                ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
                rss_ready=$(rss_mb "$pid")
                cpu_ready=$(cpu_s "$pid")
                rss_after=-
                if (( ${COLD_REQUESTS:-200} > 0 )); then
                    token=$(env -i PATH="$PATH" ASTRADESK_HOME="$WORK/home$run" java -jar "$jar" token --sub cold --roles sre 2>/dev/null | tail -1)
                    for _ in $(seq 1 "${COLD_REQUESTS:-200}"); do
                        curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                            -d '{"agent":"ops","input":"show metrics for payments-api"}' "http://127.0.0.1:$COLD_PORT/v1/agents/run"
                    done
                    rss_after=$(rss_mb "$pid")
                fi
                echo "COLD run=$run build=$label launch='$launch' home=${COLD_HOME:-trained} ready_ms=$ready_ms cpu_to_ready_s=$cpu_ready rss_ready_mb=$rss_ready rss_after_${COLD_REQUESTS:-200}_runs_mb=$rss_after load=$load_before"
                kill "$pid"; wait "$pid" 2>/dev/null || true
            done
        done
    done
fi

[[ "${COLD_ONLY:-0}" == 1 ]] && { say "COLD_ONLY=1: no load test"; exit 0; }

# --- 2. production-like server + baseline -----------------------------------------------------------------
ISSUER="http://127.0.0.1:$JWKS_PORT/"
psql "$PG_URL_BASE/postgres" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $BENCH_DB" \
    -c "CREATE DATABASE $BENCH_DB" >/dev/null || die "cannot (re)create $BENCH_DB at $PG_URL_BASE"
DATABASE_URL="$PG_URL_BASE/$BENCH_DB"
DATABASE_URL="$DATABASE_URL" java -cp "$BENCH_JAR" com.astradesk.benchmarks.LoadTestSetup \
    "$WORK/issuer" "$ISSUER" astradesk "$ROOT/docs/kb" 2>&1 | grep "^ingested" | sed "s/^/[load] /" >&2
(cd "$WORK/issuer" && exec python3 -m http.server $JWKS_PORT --bind 127.0.0.1 >"$WORK/jwks.log" 2>&1) &
JWKS_PID=$!; PIDS+=("$JWKS_PID")

JAVA_SERVER_OPTS="${JAVA_SERVER_OPTS:-}"
# THREAD_CPU: keep the JIT's threads alive, or their CPU leaves the per-thread view when they exit
[[ "${THREAD_CPU:-0}" == 1 ]] && JAVA_SERVER_OPTS="$JAVA_SERVER_OPTS -XX:-UseDynamicNumberOfCompilerThreads"
STORE_ENV="DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL NATS_URL=$NATS_URL"
[[ "${STORES:-}" == memory ]] && STORE_ENV="" && say "STORES=memory: the server keeps its state in memory (knowledge base empty)"
if [[ -n "${PROFILE:-}" ]]; then # async-profiler (Maven Central: tools.profiler:async-profiler, linux-x64)
    AP_DIR="${AP_DIR:-$WORK/async-profiler}"
    if [[ ! -f "$AP_DIR/linux-x64/libasyncProfiler.so" ]]; then # AP_DIR=<dir>: reuse an unpacked copy
        (cd "$ROOT" && ./mvnw -B -q -ntp -N dependency:copy -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64 \
            -DoutputDirectory="$AP_DIR") || die "could not fetch async-profiler from Maven Central"
        (cd "$AP_DIR" && unzip -q -o async-profiler-4.2-linux-x64.jar 'linux-x64/*')
    fi
    AP_OPTS="start,event=$PROFILE,interval=1ms,file=$WORK/profile.collapsed"
    if [[ "${PROFILE_FROM:-measure}" == launch ]]; then # start-up and warm-up included
        JAVA_SERVER_OPTS="$JAVA_SERVER_OPTS -agentpath:$AP_DIR/linux-x64/libasyncProfiler.so=$AP_OPTS"
    else # attached with jcmd when the measurement starts: steady state only
        JAVA_SERVER_OPTS="$JAVA_SERVER_OPTS -XX:+EnableDynamicAgentLoading"
    fi
fi
if [[ "${JFR:-0}" == 1 ]]; then
    JAVA_SERVER_OPTS="$JAVA_SERVER_OPTS -XX:+FlightRecorder -XX:StartFlightRecording=filename=$WORK/server.jfr,settings=profile,dumponexit=true"
fi
JCMD=jcmd; [[ -n "${SERVER_JAVA:-}" && -x "$(dirname "$SERVER_JAVA")/jcmd" ]] && JCMD="$(dirname "$SERVER_JAVA")/jcmd"
# agent_load <pid> <options>: async-profiler into the running server. Not `jcmd JVMTI.agent_load`: jcmd parses the
# options' '=' as its own named arguments and the agent refuses them (return code 100, nothing recorded)
agent_load() { "${SERVER_JAVA:-java}" "$ROOT/benchmarks/load/AgentLoad.java" "$1" "$AP_DIR/linux-x64/libasyncProfiler.so" "$2"; }
start_server() { # start_server <jar> <port> <database url> <log> [jvm options] [env extra]: sets STARTED_PID
    # shellcheck disable=SC2086
    env -i PATH="$PATH" HOME="$HOME" ASTRADESK_ENV=production PORT="$2" BIND_ADDRESS=127.0.0.1 \
        OIDC_ISSUER="$ISSUER" OIDC_AUDIENCE=astradesk OIDC_JWKS_URL="${ISSUER}jwks.json" OIDC_ALGORITHMS=RS256 \
        ${STORE_ENV/DATABASE_URL=$DATABASE_URL/DATABASE_URL=$3} $LIMITS ${6-${SERVER_ENV_EXTRA:-}} \
        "${SERVER_JAVA:-java}" ${5-$JVM_OPTIONS} $JAVA_SERVER_OPTS -Xlog:gc:file="$4.gc":uptime -jar "$1" >"$4" 2>&1 &
    STARTED_PID=$!
}
if [[ -n "${COMPARE_JAR:-}" ]]; then # a second build on its own copy of the database, measured interleaved
    COMPARE_PORT=$((SERVER_PORT + 2))
    # COMPARE_DB=empty: an empty database the compare build migrates itself (a build from before a migration this
    # tree added refuses a schema it does not know; the ops scenario needs no knowledge base)
    compare_template="TEMPLATE $BENCH_DB"; [[ "${COMPARE_DB:-copy}" == empty ]] && compare_template=""
    psql "$PG_URL_BASE/postgres" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS ${BENCH_DB}_compare" \
        -c "CREATE DATABASE ${BENCH_DB}_compare $compare_template" >/dev/null || die "cannot create ${BENCH_DB}_compare"
    # COMPARE_JVM_OPTIONS / COMPARE_ENV_EXTRA: the compare build's own JVM options and extra environment (default:
    # JVM_OPTIONS and SERVER_ENV_EXTRA), e.g. one jar against itself with another GC or a setting off
    start_server "$COMPARE_JAR" "$COMPARE_PORT" "$PG_URL_BASE/${BENCH_DB}_compare" "$WORK/compare.log" \
        "${COMPARE_JVM_OPTIONS-$JVM_OPTIONS}" "${COMPARE_ENV_EXTRA-${SERVER_ENV_EXTRA:-}}"
    COMPARE_PID=$STARTED_PID
    PIDS+=("$COMPARE_PID")
fi
start_server "$SERVER_JAR" "$SERVER_PORT" "$DATABASE_URL" "$WORK/server.log"
SERVER_PID=$STARTED_PID
PIDS+=("$SERVER_PID")
java -cp "$BENCH_JAR" com.astradesk.benchmarks.HelloWorldServer $HELLO_PORT >"$WORK/hello.log" 2>&1 &
HELLO_PID=$!; PIDS+=("$HELLO_PID")
wait_ready $SERVER_PORT "${READY_TIMEOUT:-60}"
[[ -n "${COMPARE_JAR:-}" ]] && wait_ready "$COMPARE_PORT" "${READY_TIMEOUT:-60}"
wait_ready $HELLO_PORT 60
# the builds under test: "label pid port", this tree's jar first
TARGETS=("this $SERVER_PID $SERVER_PORT")
[[ -n "${COMPARE_JAR:-}" ]] && TARGETS+=("compare $COMPARE_PID $COMPARE_PORT")

lua() { # lua <token file> <json body>
    local f="$WORK/$(basename "$1" .token).lua"
    cat >"$f" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $(cat "$1")"
LUA
    echo "$f"
}
OPS_LUA=$(lua "$WORK/issuer/sre.token" '{"agent":"ops","input":"show metrics for payments-api"}')
KB_LUA=$(lua "$WORK/issuer/support.token" '{"agent":"support","input":"How do I reset my VPN password?"}')
# KB_QUESTIONS=repeated (default): every knowledge request asks the same question, so all but the first take its vector
# from the server's question-embedding cache; distinct: each request asks one not asked before (a suffix of letters
# unique per wrk thread, run and request), so every one misses the cache and the server embeds it
if [[ "${KB_QUESTIONS:-repeated}" == distinct ]]; then
    cat >>"$KB_LUA" <<'LUA'
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local function letters(i)
    local s = ""
    repeat s = string.char(97 + i % 26) .. s; i = math.floor(i / 26) until i == 0
    return s
end
local prefix, n = "", 0
function init(args) prefix = letters(tid) .. "-" .. letters(os.time() % 100000000) .. "-" end
function request()
    n = n + 1
    return wrk.format(nil, nil, nil, string.format(
        '{"agent":"support","input":"How do I reset my VPN password? (ref %s%s)"}', prefix, letters(n)))
end
LUA
    say "KB_QUESTIONS=distinct: every knowledge request asks a new question (0 % embedding-cache hits)"
elif [[ "${KB_QUESTIONS:-repeated}" != repeated ]]; then
    die "KB_QUESTIONS must be repeated or distinct"
fi

for target in "${TARGETS[@]}"; do for script in "$OPS_LUA" "$KB_LUA"; do # both routes must succeed first
    read -r _ _ port <<<"$target"
    body=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$script")
    auth=$(sed -n 's/^wrk.headers\["Authorization"\] = "\(.*\)"$/\1/p' "$script")
    code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: $auth" -H 'Content-Type: application/json' \
        -d "$body" "http://127.0.0.1:$port/v1/agents/run")
    [[ "$code" == 200 ]] || die "probe $body answered $code: $(head -c 400 "$WORK/probe.json")"
    if [[ "$script" == "$KB_LUA" && -n "${STORES:-}" ]]; then :; # memory mode: the index is empty on purpose
    elif [[ "$script" == "$KB_LUA" && "$target" == compare* && "${COMPARE_DB:-}" == empty ]]; then :; # no index
    elif [[ "$script" == "$KB_LUA" ]] && ! grep -q 'vpn-password-reset' "$WORK/probe.json"; then
        die "the knowledge probe found no source (was the knowledge base ingested with the server's embedder?): $(head -c 400 "$WORK/probe.json")"
    fi
    say "probe ok: $(head -c 160 "$WORK/probe.json")"
done; done

run_wrk() { # run_wrk <port> <lua> <connections> <duration> -> "rps p50_ms p99_ms non2xx"
    wrk -t"$THREADS" -c"$3" -d"$4" --latency -s "$2" "http://127.0.0.1:$1/v1/agents/run" >"$WORK/wrk.out" 2>&1 || true
    # wrk's user+sys CPU: this subshell's reaped children so far (wrk only), for SYSTEM_CPU
    awk '{ print $16 + $17 }' "/proc/$BASHPID/stat" >"$WORK/wrk.ticks"
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { bad = $5 }
        END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }' "$WORK/wrk.out"
}

uptime_of() { # uptime_of <pid>: seconds since the process started (the gc log's "uptime" decoration)
    awk -v u="$(awk '{ print $1 }' /proc/uptime)" -v p="$(awk '{ print $22 }' "/proc/$1/stat")" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%.3f", u - p / hz }'
}
# gc_window <gc log> <from uptime s> <to uptime s> <requests/s>: the GC inside a point, from the -Xlog:gc lines
# ("[12.3s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 60M->8M(126M) 3.2ms"): young pauses per 10 s, all
# pauses' sum and max, and the allocation per request = the heap's growth between consecutive pauses (MB before
# this pause minus MB after the previous one), summed from the first pause in the point to the last and divided by
# the requests served between them (requests/s x that time). Prints
# "young_per_10s pause_sum_ms pause_max_ms alloc_mb_per_s kb_per_request" ("0 0 0 0 0" with fewer than two pauses)
gc_window() {
    awk -v t0="$2" -v t1="$3" -v rps="$4" '/Pause/ && /->/ && /ms$/ {
            t = $1; gsub(/[\[\]s]/, "", t); t += 0
            m = match($0, /[0-9.]+[KMG]->[0-9.]+[KMG]/); h = substr($0, RSTART, RLENGTH)
            split(h, hv, "->"); b = mb(hv[1]); a = mb(hv[2])
            if (t >= t0 && t <= t1) {
                if (n == 0) first = t; else alloc += b - prev_after
                n++; last = t; v = $NF; sub(/ms$/, "", v); s += v; if (v + 0 > mx) mx = v + 0
                if ($0 ~ /Pause Young/) young++
            }
            prev_after = a
        }
        function mb(x) { u = substr(x, length(x)); x = substr(x, 1, length(x) - 1) + 0
            return u == "K" ? x / 1024 : (u == "G" ? x * 1024 : x) }
        END { if (n < 2 || last <= first || rps <= 0) { print "0 0 0 0 0"; exit }
            printf "%.1f %.1f %.1f %.1f %.1f\n", 10 * young / (t1 - t0), s, mx, alloc / (last - first),
                alloc * 1024 / (rps * (last - first)) }' "$1"
}

# benchmarks/load/soak.sh sources this script with SETUP_ONLY=1 for everything above, then drives the server itself
if [[ "${SETUP_ONLY:-0}" == 1 ]]; then return 0 2>/dev/null || exit 0; fi
WARMUP="${WARMUP:-15s}"
say "warm-up (JIT): hello-world 5 s, each server scenario $WARMUP"
run_wrk $HELLO_PORT "$OPS_LUA" 16 5s >/dev/null
for name in ${SCENARIOS:-ops kb}; do
    script=$OPS_LUA; [[ $name == kb ]] && script=$KB_LUA
    for target in "${TARGETS[@]}"; do
        read -r _ _ port <<<"$target"
        run_wrk "$port" "$script" 64 "$WARMUP" >/dev/null
    done
done

measure() { # measure <label> <pid> <port> <script> <conns> <base rps> <base p99> <base cpu ms>: one table row
    local label=$1 pid=$2 port=$3 c=$5 hr=$6 hp99=$7 hcpu=$8 sc0 sr sp50 sp99 sbad scpu pct p99x cpux
    if [[ -n "${PROFILE:-}" && "${PROFILE_FROM:-measure}" != launch && -z "${AP_ATTACHED:-}" && $label == this ]]; then
        agent_load "$pid" "$AP_OPTS" || die "could not attach async-profiler"
        AP_ATTACHED=1
    fi
    [[ "${THREAD_CPU:-0}" == 1 ]] && thread_cpu "$pid" >"$WORK/threads0"
    [[ "${SYSTEM_CPU:-1}" == 1 ]] && { sys_snapshot "$WORK/sys0" "$pid" || true; }
    sc0=$(cpu_s "$pid"); gt0=$(uptime_of "$pid")
    read -r sr sp50 sp99 sbad <<<"$(run_wrk "$port" "$4" "$c" "$DURATION")"
    gt1=$(uptime_of "$pid")
    [[ "${SYSTEM_CPU:-1}" == 1 ]] && { sys_snapshot "$WORK/sys1" "$pid" && sys_report "$name@$c $label" "$sr" || say "system CPU report failed"; }
    scpu=$(awk -v a="$sc0" -v b="$(cpu_s "$pid")" -v r="$sr" -v d="${DURATION%s}" 'BEGIN { printf "%.3f", (r > 0 ? 1000 * (b - a) / (r * d) : 0) }')
    if [[ "${THREAD_CPU:-0}" == 1 ]]; then
        thread_cpu "$pid" >"$WORK/threads1"
        awk -F'\t' -v hz="$(getconf CLK_TCK)" -v r="$sr" -v d="${DURATION%s}" '
            NR == FNR { before[$1] = $2; next }
            { delta = $2 - before[$1]; if (delta > 0 && r > 0) printf "%.4f\t%s\n", 1000 * delta / hz / (r * d), $1 }' \
            "$WORK/threads0" "$WORK/threads1" | sort -rn >"$WORK/threads.delta"
        head -12 "$WORK/threads.delta" \
            | awk -F'\t' -v label="$name@$c $label" '{ printf "[threads] %s %s ms/request  %s\n", label, $1, $2 }' >&2
        awk -F'\t' -v label="$name@$c $label" -v total="$scpu" '$2 ~ /Compiler/ { jit += $1 } $2 !~ /Compiler/ { app += $1 }
            END { printf "[threads] %s JIT %.3f ms/request; all other threads %.3f ms/request (process %s)\n", label, jit, app, total }' \
            "$WORK/threads.delta" >&2
    fi
    # the GC inside the point (gc_window): young pauses per 10 s and the allocation per request
    local gclog="$WORK/server.log.gc"; [[ $label == compare ]] && gclog="$WORK/compare.log.gc"
    read -r gy gs gm ga gk <<<"$(gc_window "$gclog" "$gt0" "$gt1" "$sr")"
    printf '[gc] %s %s: %s young pauses per 10 s, pauses %s ms in all (max %s ms), %s MB/s allocated, %s KB per request\n' \
        "$name@$c" "$label" "$gy" "$gs" "$gm" "$ga" "$gk" >&2
    printf '| %s %s | %s | %s / %s ms | %s | %s | %s | %s / %s ms | %s |\n' "$name@$c" "$label" "$sr" "$sp50" "$sp99" "$scpu" \
        "$gk" "$gy" "$gs" "$gm" "$(cut -d' ' -f1 /proc/loadavg)" >>"$WORK/gc.md"
    pct=$(awk -v s="$sr" -v h="$hr" 'BEGIN { printf "%.1f", (h > 0 ? 100 * s / h : 0) }')
    p99x=$(awk -v s="$sp99" -v h="$hp99" 'BEGIN { printf "%.1f", (h > 0 ? s / h : 0) }')
    cpux=$(awk -v s="$scpu" -v h="$hcpu" 'BEGIN { printf "%.1f", (h > 0 ? s / h : 0) }')
    printf '%-8s %-7s %5s | %9s %8s %8s %8s | %9s %8s %8s %8s %6s | %6s%% %7sx %5sx %5s\n' "$name" "$label" "$c" "$hr" "$hp50" "$hp99" "$hcpu" "$sr" "$sp50" "$sp99" "$scpu" "$sbad" "$pct" "$p99x" "$cpux" "$(cut -d' ' -f1 /proc/loadavg)"
}

printf '%-8s %-7s %5s | %9s %8s %8s %8s | %9s %8s %8s %8s %6s | %7s %8s %6s %5s\n' scenario build conns base_rps b_p50ms b_p99ms b_cpums srv_rps s_p50ms s_p99ms s_cpums non2xx rps_pct p99_x cpu_x load
point=0
for name in ${SCENARIOS:-ops kb}; do
    script=$OPS_LUA; [[ $name == kb ]] && script=$KB_LUA
    for c in $CONNECTIONS; do
        for round in $(seq 1 "${ROUNDS:-1}"); do
            [[ "${SYSTEM_CPU:-1}" == 1 ]] && { sys_snapshot "$WORK/sys0" "$HELLO_PID" || true; }
            hc0=$(cpu_s "$HELLO_PID")
            read -r hr hp50 hp99 _ <<<"$(run_wrk $HELLO_PORT "$script" "$c" "$DURATION")"
            [[ "${SYSTEM_CPU:-1}" == 1 ]] && { SYSTEM_CPU=0 sys_snapshot "$WORK/sys1" "$HELLO_PID" && SYSTEM_CPU=0 sys_report "$name@$c hello-world" "$hr" || say "system CPU report failed"; }
            hcpu=$(awk -v a="$hc0" -v b="$(cpu_s "$HELLO_PID")" -v r="$hr" -v d="${DURATION%s}" 'BEGIN { printf "%.3f", (r > 0 ? 1000 * (b - a) / (r * d) : 0) }')
            order=("${TARGETS[@]}")
            if (( point % 2 == 1 && ${#TARGETS[@]} == 2 )); then order=("${TARGETS[1]}" "${TARGETS[0]}"); fi
            point=$((point + 1))
            for target in "${order[@]}"; do
                read -r label pid port <<<"$target"
                measure "$label" "$pid" "$port" "$script" "$c" "$hr" "$hp99" "$hcpu"
            done
        done
    done
done
gc_pauses() { # gc_pauses <gc log> [from uptime s]: "count p50 p99 max" of stop-the-world pauses in ms
    awk -v from="${2:-0}" '/Pause/ && /ms$/ { t = $1; gsub(/[\[\]s]/, "", t); if (t + 0 < from) next
            v = $NF; sub(/ms$/, "", v); print v + 0 }' "$1" | sort -n \
        | awk '{ a[NR] = $1 } END { if (NR == 0) { print "0 0 0 0"; exit }
            i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99 + 0.999); if (i99 > NR) i99 = NR
            printf "%d %.1f %.1f %.1f\n", NR, a[i50], a[i99], a[NR] }'
}
if [[ -n "${SUSTAIN:-}" ]]; then # memory under load: ops at 64 connections for SUSTAIN seconds, RSS sampled
    say "sustained load: ops at 64 connections for ${SUSTAIN}s (JVM options: ${JVM_OPTIONS:-JVM defaults})"
    up0=$(awk '{ print $1 }' /proc/uptime); start_s=$(awk -v u="$up0" -v p="$(awk '{ print $22 }' "/proc/$SERVER_PID/stat")" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", u - p / hz }')
    wrk -t"$THREADS" -c64 -d"${SUSTAIN}s" --latency -s "$OPS_LUA" "http://127.0.0.1:$SERVER_PORT/v1/agents/run" >"$WORK/sustain.out" 2>&1 &
    wrk_pid=$!
    rss_max=0
    while kill -0 "$wrk_pid" 2>/dev/null; do
        r=$(rss_mb "$SERVER_PID"); (( r > rss_max )) && rss_max=$r
        echo "$(date +%s) $r" >>"$WORK/sustain.rss"; sleep 10
    done
    read -r n p50 p99 pmax <<<"$(gc_pauses "$WORK/server.log.gc" "$start_s")"
    echo "SUSTAIN ${SUSTAIN}s ops@64: $(awk '/Requests\/sec/ { print $2 }' "$WORK/sustain.out") RPS, p99 $(awk '/^ +99%/ { print $2 }' "$WORK/sustain.out"), non-2xx $(awk '/Non-2xx/ { print $5 }' "$WORK/sustain.out" | grep . || echo 0); RSS now $(rss_mb "$SERVER_PID") MB, max $rss_max MB; GC pauses during it: $n, p50 $p50 ms, p99 $p99 ms, max $pmax ms; load $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [[ "${SYSTEM_CPU:-1}" == 1 && -s "$WORK/system.md" ]]; then # the machine's CPU per request, ready for docs/PERFORMANCE.md
    echo "The machine's CPU per request by process group (ms; \"server\" is the measured process, hello-world's rows measure the baseline; load $(cut -d' ' -f1-3 /proc/loadavg)):"
    echo "| point | requests/s | machine busy | server | PostgreSQL | NATS | Redis | wrk | hello / idle build / JWKS | rest (kernel, others) | idle | WAL bytes |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    cat "$WORK/system.md"
fi
if [[ -s "$WORK/gc.md" ]]; then # allocation and GC per point, ready for docs/PERFORMANCE.md
    echo "Allocation and GC per point (gc_window: from each server's -Xlog:gc; load = 1-minute average at the point's end):"
    echo "| point | requests/s | p50 / p99 | CPU ms/request | KB allocated per request | young pauses per 10 s | pauses: sum / max | load |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    cat "$WORK/gc.md"
fi
read -r n p50 p99 pmax <<<"$(gc_pauses "$WORK/server.log.gc")"
echo "server GC pauses since start: $n, p50 $p50 ms, p99 $p99 ms, max $pmax ms (JVM options: ${JVM_OPTIONS:-JVM defaults})"
[[ -n "${COMPARE_JAR:-}" ]] && echo "compare server RSS after load: $(rss_mb "$COMPARE_PID") MB"
echo "server RSS after load: $(rss_mb "$SERVER_PID") MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "${JFR:-0}" == 1 ]]; then
    "$JCMD" "$SERVER_PID" JFR.dump filename="$WORK/server.jfr" >/dev/null
    say "JFR: $WORK/server.jfr; top 25 leaf frames of jdk.ExecutionSample:"
    jfr print --events jdk.ExecutionSample "$WORK/server.jfr" \
        | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print }' \
        | sort | uniq -c | sort -rn | head -25
    say "top 25 AstraDesk frames (first com.astradesk frame of each sample):"
    jfr print --events jdk.ExecutionSample "$WORK/server.jfr" \
        | awk '/stackTrace = \[/ { s = 1; next } s && /com\.astradesk/ { sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print; s = 0 } /^\]/ { s = 0 }' \
        | sort | uniq -c | sort -rn | head -25
fi
if [[ -n "${PROFILE:-}" ]]; then
    if [[ -n "${AP_ATTACHED:-}" ]]; then
        agent_load "$SERVER_PID" "stop,file=$WORK/profile.collapsed" || die "could not stop async-profiler"
    fi
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true # from launch: the profile is written at exit
    say "async-profiler ($PROFILE): $WORK/profile.collapsed; top 30 self frames (samples):"
    awk '{ n = $NF; $NF = ""; k = split($0, f, ";"); sub(/ $/, "", f[k]); self[f[k]] += n } END { for (x in self) print self[x], x }' \
        "$WORK/profile.collapsed" | sort -rn | head -30
    say "top 30 inclusive AstraDesk frames (samples):"
    awk '{ n = $NF; $NF = ""; k = split($0, f, ";"); delete seen; for (i = 1; i <= k; i++) { g = f[i]; sub(/ $/, "", g); if (g ~ /com[.\/]astradesk/ && !(g in seen)) { seen[g] = 1; inc[g] += n } } } END { for (x in inc) print inc[x], x }' \
        "$WORK/profile.collapsed" | sort -rn | head -30
fi
say "logs in $WORK"
