package com.astradesk.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The open-loop, fixed-rate half of {@code benchmarks/load/gateway.sh}: the same {@code POST} sent at a constant
 * rate over a fixed number of keep-alive connections to two or more targets (the provider directly, then through
 * the gateway), interleaved point by point over several rounds, so the difference of their latencies is the
 * latency a target adds at that rate, not a throughput figure. The method is {@link SoakLoad}'s (latency from each
 * request's <em>scheduled</em> send time, so a stall cannot hide behind a slower generator) with wrk2's schedule:
 * request {@code i} of a point is due at {@code start + i / rate} and goes out on connection {@code i mod
 * connections} (one thread and one Apache HttpClient 5 classic connection each), so the requests are spread evenly
 * in time and over the connections (no bursts), and a connection still busy with a late answer makes the next
 * request late too, which its latency then shows (no coordinated omission). Loopback only; bounded in time.
 *
 * <p>Arguments, {@code key=value}: {@code body=<file>} (the request body, JSON), {@code target=<name>|<url>|<pid>|
 * <token-file or ->} (repeatable, at least one; the pid's CPU time from {@code /proc/<pid>/stat} is divided by the
 * point's answered requests; with a token file the request carries {@code Authorization: Bearer <token>}),
 * {@code rates=200,500,1000} (requests per second), {@code connections=64}, {@code seconds=8} (per point),
 * {@code warmup=3} (seconds per target at the first rate, not recorded), {@code rounds=3}, {@code tick-us=10000}
 * (the kernel's clock tick). One {@code POINT} line per point, then per rate and target the medians over rounds,
 * then per rate the added latency (each target minus the first) as the median over rounds. Not thread-safe (one run
 * per process).
 */
public final class FixedRateLoad {
    /** A worker still this far behind the schedule stops sending: the rest of its share counts as dropped. */
    private static final long GRACE_NANOS = 5_000_000_000L;

    private FixedRateLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> options = parse(args);
        String body = Files.readString(Path.of(one(options, "body", null)), StandardCharsets.UTF_8);
        int connections = Integer.parseInt(one(options, "connections", "64"));
        int seconds = Integer.parseInt(one(options, "seconds", "8"));
        int warmup = Integer.parseInt(one(options, "warmup", "3"));
        int rounds = Integer.parseInt(one(options, "rounds", "3"));
        long tickNanos = Long.parseLong(one(options, "tick-us", "10000")) * 1_000L;
        double[] rates = Arrays.stream(one(options, "rates", "200,500,1000").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        List<String> targetSpecs = options.getOrDefault("target", List.of());
        if (targetSpecs.isEmpty() || connections <= 0 || seconds <= 0 || rounds <= 0 || rates.length == 0) {
            throw new IllegalArgumentException("need body=, target=..., positive connections, seconds, rounds, rates");
        }
        for (double rate : rates) {
            if (rate <= 0) {
                throw new IllegalArgumentException("rates must be positive, not " + rate);
            }
        }
        List<Target> targets = new ArrayList<>();
        for (String spec : targetSpecs) {
            targets.add(Target.of(spec, body, connections));
        }
        ExecutorService workers = Executors.newFixedThreadPool(connections, runnable -> {
            Thread t = new Thread(runnable, "fixed-rate-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Target target : targets) { // connections open, generator and targets warm
                run(workers, target, targets, rates[0], warmup, connections, tickNanos);
            }
            System.out.printf(
                    Locale.ROOT,
                    "POINT %5s %6s %-8s | %6s %6s %6s %7s %8s | %8s %8s %8s %8s | %8s %8s | %s%n",
                    "round",
                    "rate",
                    "target",
                    "sent",
                    "ok",
                    "errors",
                    "dropped",
                    "rps",
                    "p50_ms",
                    "p99_ms",
                    "max_ms",
                    "lag_ms",
                    "cpu_us",
                    "gen_us",
                    "load_avg");
            Map<String, List<Result>> byRateAndTarget = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (double rate : rates) {
                    // ABBA: alternate which target goes first, so a drift in the machine's load favours neither
                    List<Target> order = new ArrayList<>(targets);
                    if (round % 2 == 0) {
                        java.util.Collections.reverse(order);
                    }
                    for (Target target : order) {
                        Result r = run(workers, target, targets, rate, seconds, connections, tickNanos);
                        byRateAndTarget
                                .computeIfAbsent(key(rate, target.name), k -> new ArrayList<>())
                                .add(r);
                        System.out.printf(
                                Locale.ROOT,
                                "POINT %5d %6.0f %-8s | %6d %6d %6d %7d %8.0f | %8.3f %8.3f %8.3f %8.3f | %8.0f %8.0f"
                                        + " | %s%n",
                                round,
                                rate,
                                target.name,
                                r.sent,
                                r.ok,
                                r.errors,
                                r.dropped,
                                r.rps,
                                r.p50,
                                r.p99,
                                r.max,
                                r.lagP50,
                                r.cpuPerCall,
                                r.generatorCpuPerCall,
                                r.load);
                        System.out.flush();
                    }
                }
            }
            summarize(rates, targets, byRateAndTarget, rounds);
        } finally {
            workers.shutdownNow();
            for (Target target : targets) {
                target.close();
            }
        }
    }

    private static void summarize(double[] rates, List<Target> targets, Map<String, List<Result>> results, int rounds) {
        System.out.printf(
                Locale.ROOT,
                "MEDIAN %6s %-8s | %8s %8s %8s | %8s %8s | %s%n",
                "rate",
                "target",
                "rps",
                "p50_ms",
                "p99_ms",
                "cpu_us",
                "errors",
                "kept_up");
        for (double rate : rates) {
            for (Target target : targets) {
                List<Result> rs = results.get(key(rate, target.name));
                long errors = rs.stream().mapToLong(r -> r.errors + r.dropped).sum();
                boolean keptUp = rs.stream().allMatch(Result::keptUp);
                System.out.printf(
                        Locale.ROOT,
                        "MEDIAN %6.0f %-8s | %8.0f %8.3f %8.3f | %8.0f %8d | %s%n",
                        rate,
                        target.name,
                        median(rs, r -> r.rps),
                        median(rs, r -> r.p50),
                        median(rs, r -> r.p99),
                        median(rs, r -> r.cpuPerCall),
                        errors,
                        keptUp ? "yes" : "NO (saturated)");
            }
        }
        Target base = targets.get(0);
        for (Target target : targets.subList(1, targets.size())) {
            double[] idle = results.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + base.name))
                    .flatMap(e -> e.getValue().stream())
                    .mapToDouble(r -> r.othersCpuMsPerSecond.getOrDefault(target.name, 0.0))
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "IDLE %s: %.1f ms of CPU per second (median) while only %s was driven: its cost with no calls"
                            + " (timers, JIT, GC), %.0f µs of its cpu_us per call at %.0f/s%n",
                    target.name,
                    median(idle),
                    base.name,
                    median(idle) * 1e3 / rates[0],
                    rates[0]);
        }
        for (double rate : rates) {
            List<Result> baseline = results.get(key(rate, base.name));
            for (Target target : targets.subList(1, targets.size())) {
                List<Result> rs = results.get(key(rate, target.name));
                double[] added50 = new double[rounds];
                double[] added99 = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    added50[i] = rs.get(i).p50 - baseline.get(i).p50;
                    added99[i] = rs.get(i).p99 - baseline.get(i).p99;
                }
                System.out.printf(
                        Locale.ROOT,
                        "ADDED rate %.0f/s, %d connections: %s over %s: p50 %+.3f ms, p99 %+.3f ms (median of %d"
                                + " rounds; per round p50 %s)%n",
                        rate,
                        base.connections(),
                        target.name,
                        base.name,
                        median(added50),
                        median(added99),
                        rounds,
                        Arrays.toString(Arrays.stream(added50)
                                .mapToObj(v -> String.format(Locale.ROOT, "%+.3f", v))
                                .toArray()));
            }
        }
    }

    /**
     * One point: {@code rate} requests per second for {@code seconds}, spread over the target's connections. The
     * CPU of every target's process is read too: another target's CPU while this one is driven is its idle cost.
     */
    private static Result run(
            ExecutorService workers,
            Target target,
            List<Target> everyTarget,
            double rate,
            int seconds,
            int connections,
            long tickNanos)
            throws Exception {
        long total = (long) (rate * seconds);
        double interval = 1e9 / rate;
        long[][] latencies = new long[connections][];
        long[][] lags = new long[connections][];
        int[] counts = new int[connections];
        long[] errors = new long[connections];
        long[] dropped = new long[connections];
        long cpuBefore = target.cpuTicks();
        long[] othersBefore = everyTarget.stream().mapToLong(Target::cpuTicks).toArray();
        long ownBefore = ownCpuTicks();
        long start = System.nanoTime() + 20_000_000L; // all workers see the same start
        List<Future<?>> done = new ArrayList<>(connections);
        for (int k = 0; k < connections; k++) {
            int worker = k;
            int share = (int) ((total - worker + connections - 1) / connections);
            latencies[worker] = new long[Math.max(0, share)];
            lags[worker] = new long[Math.max(0, share)];
            done.add(workers.submit(() -> {
                CloseableHttpClient client = target.clients[worker];
                for (long i = worker; i < total; i += connections) {
                    long scheduled = start + (long) (i * interval);
                    long wait;
                    while ((wait = scheduled - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long sent = System.nanoTime();
                    if (sent - scheduled > GRACE_NANOS) {
                        dropped[worker] += (total - i + connections - 1) / connections;
                        break;
                    }
                    try {
                        int status = client.execute(target.requests[worker], response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                        long answered = System.nanoTime();
                        if (status / 100 == 2) {
                            latencies[worker][counts[worker]] = answered - scheduled;
                            lags[worker][counts[worker]] = sent - scheduled;
                            counts[worker]++;
                        } else {
                            errors[worker]++;
                        }
                    } catch (IOException e) {
                        errors[worker]++;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = (target.cpuTicks() - cpuBefore) * tickNanos;
        Map<String, Double> othersMsPerSecond = new LinkedHashMap<>();
        for (int t = 0; t < everyTarget.size(); t++) {
            if (everyTarget.get(t) != target) {
                othersMsPerSecond.put(
                        everyTarget.get(t).name,
                        (everyTarget.get(t).cpuTicks() - othersBefore[t]) * tickNanos / 1e6 / elapsed);
            }
        }
        long ownCpu = (ownCpuTicks() - ownBefore) * tickNanos;
        long[] all = merge(latencies, counts);
        long[] allLags = merge(lags, counts);
        long errorSum = Arrays.stream(errors).sum();
        long droppedSum = Arrays.stream(dropped).sum();
        double maxLagMs = allLags.length == 0 ? 0 : allLags[allLags.length - 1] / 1e6;
        return new Result(
                total,
                all.length,
                errorSum,
                droppedSum,
                all.length / elapsed,
                percentile(all, 50),
                percentile(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                percentile(allLags, 50),
                all.length == 0 ? 0 : cpu / 1e3 / all.length,
                all.length == 0 ? 0 : ownCpu / 1e3 / all.length,
                // kept up: every request answered, none sent more than 100 ms behind its schedule
                errorSum == 0 && droppedSum == 0 && maxLagMs < 100,
                othersMsPerSecond,
                loadAverage());
    }

    private static long[] merge(long[][] parts, int[] counts) {
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int at = 0;
        for (int k = 0; k < parts.length; k++) {
            System.arraycopy(parts[k], 0, all, at, counts[k]);
            at += counts[k];
        }
        Arrays.sort(all);
        return all;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
        return median(results.stream().mapToDouble(f).toArray());
    }

    private static String key(double rate, String target) {
        return rate + "/" + target;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long ownCpuTicks() {
        return cpuTicks(Path.of("/proc/self/stat"));
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of {@code /proc/<pid>/stat}). */
    static long cpuTicks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, not " + arg);
            }
            options.computeIfAbsent(arg.substring(0, eq), k -> new ArrayList<>())
                    .add(arg.substring(eq + 1));
        }
        return options;
    }

    private static String one(Map<String, List<String>> options, String key, String fallback) {
        List<String> values = options.get(key);
        if (values == null || values.isEmpty()) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing " + key + "=");
            }
            return fallback;
        }
        return values.get(values.size() - 1);
    }

    /** A target: its name, request and one single-connection client per worker. */
    private static final class Target implements AutoCloseable {
        final String name;
        final HttpPost[] requests;
        final CloseableHttpClient[] clients;
        private final Path stat;

        private Target(String name, HttpPost[] requests, CloseableHttpClient[] clients, Path stat) {
            this.name = name;
            this.requests = requests;
            this.clients = clients;
            this.stat = stat;
        }

        static Target of(String spec, String body, int connections) throws IOException {
            String[] parts = spec.split("\\|", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("target is name|url|pid|token-file-or--, not " + spec);
            }
            URI url = URI.create(parts[1]);
            if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
                throw new IllegalArgumentException("the load only targets loopback, not " + url.getHost());
            }
            String token = "-".equals(parts[3])
                    ? null
                    : Files.readString(Path.of(parts[3])).trim();
            HttpPost[] requests = new HttpPost[connections]; // one each: the client adds headers to a request
            CloseableHttpClient[] clients = new CloseableHttpClient[connections];
            for (int k = 0; k < connections; k++) {
                requests[k] = new HttpPost(url);
                requests[k].setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
                if (token != null) {
                    requests[k].setHeader("Authorization", "Bearer " + token);
                }
                clients[k] = SoakLoad.client();
            }
            return new Target(parts[0], requests, clients, Path.of("/proc", parts[2], "stat"));
        }

        int connections() {
            return clients.length;
        }

        long cpuTicks() {
            return FixedRateLoad.cpuTicks(stat);
        }

        @Override
        public void close() throws IOException {
            for (CloseableHttpClient client : clients) {
                client.close();
            }
        }
    }

    /** One point's figures; latencies in ms, CPU in µs per answered request. */
    private record Result(
            long sent,
            long ok,
            long errors,
            long dropped,
            double rps,
            double p50,
            double p99,
            double max,
            double lagP50,
            double cpuPerCall,
            double generatorCpuPerCall,
            boolean keptUp,
            Map<String, Double> othersCpuMsPerSecond,
            String load) {}
}
