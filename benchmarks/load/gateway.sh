#!/usr/bin/env bash
# The model gateway's added latency (docs/PERFORMANCE.md "Model gateway"). On loopback only, it starts
#   1. a fake OpenAI-compatible provider (benchmarks module, Javalin, a fixed completion at once),
#   2. `astradesk gateway` in front of it (MODEL_PROVIDER=vllm, embedded dev issuer in a throw-away ASTRADESK_HOME,
#      in-memory token budgets lifted out of the way: GATEWAY_TOKENS_PER_MINUTE=1000000000),
# then drives both with wrk (the same chat-completion body; the gateway call carries a bearer JWT), interleaved:
# provider point, then gateway point, ROUNDS times per connection count, and prints RPS, p50, p99 and the added p50
# and p99 (gateway minus provider) of each round plus the median over rounds, with the load average (the machine
# may be shared: read the numbers with it). Everything it starts is stopped on exit. Knobs:
#   DURATION (10s per point), WARMUP (15s), CONNECTIONS ("1 64"), THREADS (2), ROUNDS (3), SERVER_JAVA (java),
#   SERVER_JAR / BENCH_JAR (the jars under target/), PROFILE=cpu|wall|alloc|lock (async-profiler on the gateway from
#   launch; prints its top self frames and top AstraDesk frames at the end), GATEWAY_JAVA_OPTS (default
#   @deploy/jvm.options, the documented settings; "" for the JVM's defaults).
# Each point also prints the CPU time (user + sys from /proc/<pid>/stat) the provider, resp. the gateway, spent per
# request during that point: at 64 closed-loop connections on C cores the added p50 is about 64 × gateway CPU ÷ C.
# That closed loop measures throughput (wrk keeps 64 calls in flight at saturation). The fixed-rate rows that follow
# measure the added latency itself: FixedRateLoad (benchmarks module) sends the same request at a constant rate over
# FIXED_CONNECTIONS keep-alive connections, provider and gateway interleaved (ABBA), ROUNDS rounds, latency from each
# request's scheduled send time (open loop, no coordinated omission; `hey -q` was not used: its per-worker tickers
# start together and send bursts of one request per connection, docs/PERFORMANCE.md "fourth round"), and prints per
# point p50/p99/max, CPU per call of each process and the load average, then per rate the added p50 and p99
# (gateway minus provider, median over rounds) and whether each kept up with the rate. Knobs: FIXED_RATES
# ("200 500 1000" requests/s; "" skips), FIXED_CONNECTIONS (64), FIXED_SECONDS (8 per point), FIXED_WARMUP (3 s per
# target at the first rate); CONNECTIONS="" skips the closed-loop rows.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER_JAR="${SERVER_JAR:-$ROOT/astradesk-server/target/astradesk-server.jar}"
BENCH_JAR="${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-1 64}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-3}"
FIXED_RATES="${FIXED_RATES-200 500 1000}"
FIXED_CONNECTIONS="${FIXED_CONNECTIONS:-64}"
FIXED_SECONDS="${FIXED_SECONDS:-8}"
FIXED_WARMUP="${FIXED_WARMUP:-3}"
JAVA="${SERVER_JAVA:-java}"
PROVIDER_PORT=18191
GATEWAY_PORT=18190
WORK="$(mktemp -d /tmp/astradesk-gateway-load.XXXXXX)"
PIDS=()

say() { printf '[gateway-load] %s\n' "$*" >&2; }
die() { printf '[gateway-load] FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
    say "wrk is not installed: INSTALLING it with apt-get install -y wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || die "could not install wrk"
fi
for tool in "$JAVA" curl awk sort; do command -v "$tool" >/dev/null || die "$tool is required"; done
if [[ ! -f "$SERVER_JAR" || ! -f "$BENCH_JAR" ]]; then
    say "building the server and benchmarks jars ..."
    (cd "$ROOT" && ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests)
fi

wait_ready() { # wait_ready <port> <seconds>
    local deadline=$((SECONDS + $2))
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz" || true)" == 200 ]]; do
        (( SECONDS < deadline )) || die "nothing ready on port $1 after $2 s (see $WORK/*.log)"
        sleep 0.05
    done
}

say "commit $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

"$JAVA" -cp "$BENCH_JAR" com.astradesk.benchmarks.FakeOpenAiProviderServer $PROVIDER_PORT >"$WORK/provider.log" 2>&1 &
PROVIDER_PID=$!; PIDS+=("$PROVIDER_PID")
GW_ENV=(ASTRADESK_HOME="$WORK/home" GATEWAY_PORT=$GATEWAY_PORT BIND_ADDRESS=127.0.0.1 LOG_LEVEL=WARN
    MODEL_PROVIDER=vllm MODEL_NAME=bench-model MODEL_BASE_URL="http://127.0.0.1:$PROVIDER_PORT/v1"
    GATEWAY_TOKENS_PER_MINUTE=1000000000)
mkdir -p "$WORK/home"
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS-@$ROOT/deploy/jvm.options}" # the documented settings (Helm: modelGateway.javaOpts)
if [[ -n "${PROFILE:-}" ]]; then # async-profiler (Maven Central: tools.profiler:async-profiler, linux-x64)
    AP_DIR="$WORK/async-profiler"
    (cd "$ROOT" && ./mvnw -B -q -ntp -N dependency:copy -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64 \
        -DoutputDirectory="$AP_DIR") || die "could not fetch async-profiler from Maven Central"
    (cd "$AP_DIR" && unzip -q -o async-profiler-4.2-linux-x64.jar 'linux-x64/*')
    GATEWAY_JAVA_OPTS="$GATEWAY_JAVA_OPTS -agentpath:$AP_DIR/linux-x64/libasyncProfiler.so=start,event=$PROFILE,interval=1ms,file=$WORK/profile.collapsed"
fi
# shellcheck disable=SC2086
env -i PATH="$PATH" HOME="$HOME" "${GW_ENV[@]}" "$JAVA" $GATEWAY_JAVA_OPTS -jar "$SERVER_JAR" gateway >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!; PIDS+=("$GATEWAY_PID")
wait_ready $PROVIDER_PORT 60
wait_ready $GATEWAY_PORT 120
TOKEN=$(env -i PATH="$PATH" HOME="$HOME" ASTRADESK_HOME="$WORK/home" "$JAVA" -jar "$SERVER_JAR" token --sub bench --roles it.support)

BODY='{"model":"bench-model","messages":[{"role":"system","content":"You are an IT-support assistant."},{"role":"user","content":"My VPN drops every ten minutes. What should I try first?"}],"temperature":0.2,"max_tokens":256}'
lua() { # lua <file> [token]
    {
        echo 'wrk.method = "POST"'
        echo "wrk.body = '$BODY'"
        echo 'wrk.headers["Content-Type"] = "application/json"'
        if [[ -n "${2:-}" ]]; then echo "wrk.headers[\"Authorization\"] = \"Bearer $2\""; fi
    } >"$1"
}
lua "$WORK/provider.lua"
lua "$WORK/gateway.lua" "$TOKEN"

for port in $PROVIDER_PORT $GATEWAY_PORT; do # both must answer the completion before we measure
    code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$port/v1/chat/completions")
    [[ "$code" == 200 ]] || die "probe on port $port answered $code: $(head -c 400 "$WORK/probe.json")"
    grep -q '"finish_reason":"stop"' "$WORK/probe.json" || die "probe on port $port: $(head -c 400 "$WORK/probe.json")"
done
say "probes ok: $(head -c 200 "$WORK/probe.json")"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + sys of a process, in clock ticks
TICK_US=$((1000000 / $(getconf CLK_TCK)))

run_wrk() { # run_wrk <port> <lua> <connections> <duration> [pid] -> "rps p50_ms p99_ms non2xx cpu_us_per_request"
    local before=0 after=0
    if [[ -n "${5:-}" ]]; then before=$(cpu_ticks "$5"); fi
    wrk -t"$(( $3 < THREADS ? $3 : THREADS ))" -c"$3" -d"$4" --latency -s "$2" "http://127.0.0.1:$1/v1/chat/completions" >"$WORK/wrk.out" 2>&1 || true
    if [[ -n "${5:-}" ]]; then after=$(cpu_ticks "$5"); fi
    awk -v ticks=$((after - before)) -v tick_us="$TICK_US" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec:/ { rps = $2 }
        /requests in/ { n = $1 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { bad = $5 }
        END { printf "%.0f %.3f %.3f %d %.0f\n", rps, p50, p99, bad, (n > 0 ? ticks * tick_us / n : 0) }' "$WORK/wrk.out"
}

say "warm-up (JIT): provider 5 s, gateway $WARMUP"
run_wrk $PROVIDER_PORT "$WORK/provider.lua" 16 5s >/dev/null
run_wrk $GATEWAY_PORT "$WORK/gateway.lua" 64 "$WARMUP" >/dev/null

[[ -z "$CONNECTIONS" ]] || printf '%5s %5s | %9s %9s %9s %7s | %9s %9s %9s %6s %7s | %10s %10s | %s\n' conns round prov_rps p_p50ms p_p99ms p_cpu_us gw_rps g_p50ms g_p99ms non2xx g_cpu_us added_p50 added_p99 load_avg
for c in $CONNECTIONS; do
    : >"$WORK/added.$c"
    for ((r = 1; r <= ROUNDS; r++)); do
        read -r pr pp50 pp99 _ pcpu <<<"$(run_wrk $PROVIDER_PORT "$WORK/provider.lua" "$c" "$DURATION" "$PROVIDER_PID")"
        read -r gr gp50 gp99 gbad gcpu <<<"$(run_wrk $GATEWAY_PORT "$WORK/gateway.lua" "$c" "$DURATION" "$GATEWAY_PID")"
        a50=$(awk -v g="$gp50" -v p="$pp50" 'BEGIN { printf "%.3f", g - p }')
        a99=$(awk -v g="$gp99" -v p="$pp99" 'BEGIN { printf "%.3f", g - p }')
        echo "$a50 $a99" >>"$WORK/added.$c"
        printf '%5s %5s | %9s %9s %9s %7s | %9s %9s %9s %6s %7s | %10s %10s | %s\n' "$c" "$r" "$pr" "$pp50" "$pp99" "$pcpu" "$gr" "$gp50" "$gp99" "$gbad" "$gcpu" "$a50" "$a99" "$(cut -d' ' -f1-3 /proc/loadavg)"
    done
    m50=$(awk '{ print $1 }' "$WORK/added.$c" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    m99=$(awk '{ print $2 }' "$WORK/added.$c" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "connections $c: median added p50 ${m50} ms, added p99 ${m99} ms over $ROUNDS rounds"
done
if [[ -n "$FIXED_RATES" ]]; then
    say "fixed rate (open loop): ${FIXED_RATES// /, } requests/s over $FIXED_CONNECTIONS connections, $ROUNDS rounds of ${FIXED_SECONDS}s per point"
    printf '%s' "$BODY" >"$WORK/body.json"
    printf '%s' "$TOKEN" >"$WORK/token"
    java -cp "$BENCH_JAR" com.astradesk.benchmarks.FixedRateLoad body="$WORK/body.json" \
        target="provider|http://127.0.0.1:$PROVIDER_PORT/v1/chat/completions|$PROVIDER_PID|-" \
        target="gateway|http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions|$GATEWAY_PID|$WORK/token" \
        rates="$(echo $FIXED_RATES | tr ' ' ,)" connections="$FIXED_CONNECTIONS" seconds="$FIXED_SECONDS" \
        warmup="$FIXED_WARMUP" rounds="$ROUNDS" tick-us="$TICK_US" || die "the fixed-rate load failed"
fi
echo "gateway RSS after load: $(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$GATEWAY_PID/status") MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${PROFILE:-}" ]]; then
    kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true # the profile is written at exit
    say "async-profiler ($PROFILE) on the gateway: $WORK/profile.collapsed; top 25 self frames (samples):"
    awk '{ n = $NF; $NF = ""; k = split($0, f, ";"); sub(/ $/, "", f[k]); self[f[k]] += n } END { for (x in self) print self[x], x }' \
        "$WORK/profile.collapsed" | sort -rn | head -25
    say "top 25 inclusive AstraDesk frames (samples):"
    awk '{ n = $NF; $NF = ""; k = split($0, f, ";"); delete seen; for (i = 1; i <= k; i++) { g = f[i]; sub(/ $/, "", g); if (g ~ /com[.\/]astradesk/ && !(g in seen)) { seen[g] = 1; inc[g] += n } } } END { for (x in inc) print inc[x], x }' \
        "$WORK/profile.collapsed" | sort -rn | head -25
fi
say "logs in $WORK"
