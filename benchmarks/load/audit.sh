#!/usr/bin/env bash
# One-command audit pipeline benchmark (docs/PERFORMANCE.md, "Audit pipeline"): outbox -> relay -> JetStream ->
# Auditor -> S3 (s3proxy, filesystem) + search index (a local _bulk endpoint that parses and stores every document),
# on loopback. It fills a template database once through the real run journal, measures a raw JetStream publish of
# the same payloads (same-run baseline, with the nats-server CPU it cost), runs ROUNDS in-process rounds (the first
# warms the JIT; events/s, stage times, CPU microseconds per event for every part with the JIT compiler and GC threads
# apart, heap bytes allocated per event, and the total with and without the compiler's share), then a crash round in which the relay and the Auditor run as
# their own processes and are each killed with SIGKILL mid-run and restarted. After every round the outbox is
# compared with the stream, every S3 object read back and every indexed document: exit 1 if anything was lost or
# duplicated.
# Environment knobs: EVENTS (100000), ROUNDS (2), KILL (1: add the crash round), AUDITBENCH_DATABASE_URL
# (postgres://postgres@127.0.0.1:5432/postgres, used to create and drop scratch databases), NATS_URL
# (nats://127.0.0.1:4222), RELAY_IN_FLIGHT (relay batches in flight, 1-3), and the auditor's AUDITOR_BATCH_SIZE,
# AUDITOR_WORKERS, AUDITOR_ACK_WAIT_SECONDS, S3_CONCURRENCY, S3_CONDITIONAL_PUT, ES_TIMEOUT_SECONDS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_JAR="${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
EVENTS="${EVENTS:-100000}"
ROUNDS="${ROUNDS:-2}"

say() { printf '[audit] %s\n' "$*" >&2; }

for tool in java; do command -v "$tool" >/dev/null || { say "FAILED: $tool is required"; exit 1; }; done
# PostgreSQL, Redis and NATS (JetStream) on loopback: the same script the test suite uses
"$ROOT/scripts/ensure-services.sh" | sed 's/^/[audit] /' >&2
if [[ ! -f "$BENCH_JAR" ]]; then
    say "building the benchmarks jar ..."
    (cd "$ROOT" && ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests)
fi
say "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
args=("$EVENTS" --rounds "$ROUNDS")
[[ "${KILL:-1}" == 1 ]] && args+=(--kill)
LOG_LEVEL="${LOG_LEVEL:-WARN}" exec java -cp "$BENCH_JAR" com.astradesk.benchmarks.AuditPipelineMeasurement "${args[@]}"
