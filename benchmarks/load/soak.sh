#!/usr/bin/env bash
# One-command soak (docs/PERFORMANCE.md, "Soak"): the production-like server exactly as benchmarks/load/run.sh sets it
# up (RS256 JWKS, PostgreSQL, Redis, NATS with the outbox relay; this script sources run.sh with SETUP_ONLY=1), with
# GC logging. It warms up, measures the maximum rate of the ops run with wrk at 64 connections, then sends FRACTION
# (70 %) of that rate at a constant pace for SOAK_SECONDS (600) with benchmarks' SoakLoad (open loop over 64 kept-alive
# connections, wrk2's schedule: latency from each request's scheduled time), and reports: errors (non-2xx or failed
# requests; the target is 0), p50/p99 per WINDOW (10 s) and the least-squares slope of the window p99, and the heap
# after each GC during the soak with its slope (MB per minute; flat means no leak), GC pause p99, RSS before and after.
# Quick run: SOAK_SECONDS=60.
# Knobs: SOAK_SECONDS (600), FRACTION (0.70), RATE (skip the maximum measurement and use this rate), WINDOW (10),
# SOAK_WARMUP (30s), MAX_DURATION (15s), MAX_CONNECTIONS (64), and run.sh's (SERVER_JAR, SERVER_JAVA,
# JAVA_SERVER_OPTS, SERVER_ENV_EXTRA, PG_URL_BASE, REDIS_URL, NATS_URL).
set -euo pipefail

SOAK_SECONDS="${SOAK_SECONDS:-600}"
FRACTION="${FRACTION:-0.70}"
WINDOW="${WINDOW:-10}"
SOAK_WARMUP="${SOAK_WARMUP:-30s}"
MAX_DURATION="${MAX_DURATION:-15s}"
MAX_CONNECTIONS="${MAX_CONNECTIONS:-64}"
SOAK_DIR="$(mktemp -d /tmp/astradesk-soak.XXXXXX)"
GC_LOG="$SOAK_DIR/gc.log"
export SKIP_COLD=1 SETUP_ONLY=1 SCENARIOS=ops
export JAVA_SERVER_OPTS="${JAVA_SERVER_OPTS:-} -Xlog:gc:file=$GC_LOG:uptime"
# shellcheck source=run.sh
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

soak_say() { printf '[soak] %s\n' "$*" >&2; }
command -v jcmd >/dev/null || die "jcmd is required (JDK)"
if ! command -v gawk >/dev/null; then
    soak_say "gawk is not installed: INSTALLING it with apt-get install -y gawk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gawk >/dev/null || die "could not install gawk"
fi
soak_say "server pid $SERVER_PID; GC log $GC_LOG; load average $(cut -d' ' -f1-3 /proc/loadavg)"

soak_say "warm-up: $SOAK_WARMUP at $MAX_CONNECTIONS connections"
run_wrk $SERVER_PORT "$OPS_LUA" "$MAX_CONNECTIONS" "$SOAK_WARMUP" >/dev/null
if [[ -z "${RATE:-}" ]]; then
    read -r max_rps max_p50 max_p99 max_bad <<<"$(run_wrk $SERVER_PORT "$OPS_LUA" "$MAX_CONNECTIONS" "$MAX_DURATION")"
    RATE=$(awk -v r="$max_rps" -v f="$FRACTION" 'BEGIN { printf "%.0f", r * f }')
    echo "MAX ops @$MAX_CONNECTIONS connections: $max_rps RPS, p50 $max_p50 ms, p99 $max_p99 ms, non-2xx $max_bad; load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
(( RATE > 0 )) || die "no rate to soak at (the maximum measurement gave $RATE)"
echo "SOAK $RATE requests/s (${FRACTION} of the maximum) for $SOAK_SECONDS s, windows of $WINDOW s; load average $(cut -d' ' -f1-3 /proc/loadavg)"

body=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$OPS_LUA")
rss_before=$(rss_mb "$SERVER_PID")
uptime_start=$(jcmd "$SERVER_PID" VM.uptime | awk 'NR==2 { print $1 }')
java -cp "$BENCH_JAR" com.astradesk.benchmarks.SoakLoad "http://127.0.0.1:$SERVER_PORT/v1/agents/run" "$RATE" \
    "$SOAK_SECONDS" "$WINDOW" "$WORK/issuer/sre.token" "$body" | tee "$SOAK_DIR/soak.out"
uptime_end=$(jcmd "$SERVER_PID" VM.uptime | awk 'NR==2 { print $1 }')
rss_after=$(rss_mb "$SERVER_PID")

# heap after each GC inside the soak: "[123.456s] GC(42) Pause Young (Normal) (G1 Evacuation Pause) 210M->48M(256M) 3.1ms"
gawk -v t0="$uptime_start" -v t1="$uptime_end" '
    function mb(v,    unit, num) { unit = substr(v, length(v)); num = substr(v, 1, length(v) - 1) + 0;
                                     return unit == "K" ? num / 1024 : (unit == "G" ? num * 1024 : num) }
    match($0, /^\[([0-9.]+)s\]/, m) && /Pause/ && match($0, /->([0-9.]+[KMG])\(/, h) {
        t = m[1] + 0; if (t < t0 || t > t1) next
        x = (t - t0) / 60; y = mb(h[1]); n++; sx += x; sy += y; sxy += x * y; sxx += x * x
        if (match($0, / ([0-9.]+)ms$/, p)) pauses[++np] = p[1] + 0
        if (x < 1) { f += y; nf++ } if (t > t1 - 60) { l += y; nl++ }
    }
    END {
        if (n < 2) { print "HEAP not enough GCs during the soak to fit a slope (" n ")"; exit }
        slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        asort(pauses); p99 = pauses[int(0.99 * np + 0.999)]
        printf "HEAP after GC: %d collections, slope %.2f MB/min, first minute mean %.1f MB, last minute mean %.1f MB; GC pause p99 %.2f ms, max %.2f ms\n", \
            n, slope, (nf ? f / nf : 0), (nl ? l / nl : 0), p99, pauses[np]
    }' "$GC_LOG" | tee -a "$SOAK_DIR/soak.out"
echo "RSS before the soak $rss_before MB, after $rss_after MB; load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$SOAK_DIR/soak.out"
errors=$(awk '/^SUMMARY/ { for (i = 1; i <= NF; i++) if ($i ~ /^errors=/) { split($i, a, "="); print a[2] } }' "$SOAK_DIR/soak.out")
soak_say "output in $SOAK_DIR; server logs in $WORK"
[[ "$errors" == 0 ]] || die "$errors requests failed during the soak"
