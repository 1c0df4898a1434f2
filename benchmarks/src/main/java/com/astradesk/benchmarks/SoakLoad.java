package com.astradesk.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate (open-loop) load generator for {@code benchmarks/load/soak.sh}: sends {@code POST} requests at a
 * fixed rate for a fixed time, whatever the server's latency, and prints per window the requests sent, the non-2xx
 * answers and failures, and p50 / p99 / max latency measured from each request's <em>scheduled</em> send time (so
 * a server that stalls shows the stall, instead of the generator slowing down with it). At most
 * {@code max-in-flight} requests are outstanding; a request that cannot be sent because of that counts as an error.
 * Loopback only; bounded in count and time. Not thread-safe (one run per process).
 *
 * <p>Arguments: {@code url rate-per-second duration-seconds window-seconds token-file body [max-in-flight]}.
 * Output lines: {@code WINDOW t_s sent ok errors p50_ms p99_ms max_ms}, then {@code SUMMARY ...}.
 */
public final class SoakLoad {
    private SoakLoad() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
            throw new IllegalArgumentException("the soak only targets loopback, not " + url.getHost());
        }
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        String token = Files.readString(Path.of(args[4])).trim();
        String body = args[5];
        int maxInFlight = args.length > 6 ? Integer.parseInt(args[6]) : 512;
        if (rate <= 0 || seconds <= 0 || window <= 0) {
            throw new IllegalArgumentException("rate, duration and window must be positive");
        }

        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder()
                .executor(callbacks)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        int windows = (seconds + window - 1) / window;
        List<Window> stats = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            stats.add(new Window((int) Math.ceil(rate * window * 1.2) + 16));
        }
        Semaphore inFlight = new Semaphore(maxInFlight);
        long total = (long) (rate * seconds);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long nextReport = start + window * 1_000_000_000L;
        int reported = 0;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
            Window w = stats.get((int) Math.min(windows - 1, (scheduled - start) / (window * 1_000_000_000L)));
            w.sent.incrementAndGet();
            if (!inFlight.tryAcquire()) {
                w.errors.incrementAndGet();
                continue;
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, error) -> {
                long latency = System.nanoTime() - scheduled;
                if (error != null || resp.statusCode() / 100 != 2) {
                    w.errors.incrementAndGet();
                } else {
                    w.record(latency);
                }
                inFlight.release();
            });
            long now = System.nanoTime();
            while (now >= nextReport && reported < windows - 1) {
                // print the window before last: its late answers have had a full window to arrive
                if (reported > 0) {
                    print(stats.get(reported - 1), reported * window);
                }
                reported++;
                nextReport += window * 1_000_000_000L;
            }
        }
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            System.out.println("WARNING: answers still missing 60 s after the last request");
        }
        for (int i = Math.max(0, reported - 1); i < windows; i++) {
            print(stats.get(i), (i + 1) * window);
        }
        summary(stats, window, (System.nanoTime() - start) / 1e9);
        callbacks.shutdownNow();
    }

    private static void print(Window w, int endSecond) {
        long[] l = w.latencies();
        System.out.printf(
                Locale.ROOT,
                "WINDOW %d %d %d %d %.2f %.2f %.2f%n",
                endSecond,
                w.sent.get(),
                l.length,
                w.errors.get(),
                percentile(l, 50),
                percentile(l, 99),
                l.length == 0 ? 0.0 : l[l.length - 1] / 1e6);
        System.out.flush();
    }

    private static void summary(List<Window> stats, int window, double elapsed) {
        long sent = 0;
        long ok = 0;
        long errors = 0;
        List<long[]> all = new ArrayList<>();
        double[] p99 = new double[stats.size()];
        for (int i = 0; i < stats.size(); i++) {
            Window w = stats.get(i);
            long[] l = w.latencies();
            sent += w.sent.get();
            ok += l.length;
            errors += w.errors.get();
            all.add(l);
            p99[i] = percentile(l, 99);
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // least-squares slope of the per-window p99 (ms per minute): stable means close to 0
        double n = p99.length;
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < p99.length; i++) {
            double x = (i + 1) * window / 60.0;
            sx += x;
            sy += p99[i];
            sxy += x * p99[i];
            sxx += x * x;
        }
        double slope = n < 2 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double[] sorted = p99.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "SUMMARY sent=%d ok=%d errors=%d elapsed_s=%.1f achieved_rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                        + " window_p99_min_ms=%.2f window_p99_median_ms=%.2f window_p99_max_ms=%.2f"
                        + " window_p99_slope_ms_per_min=%.3f%n",
                sent,
                ok,
                errors,
                elapsed,
                ok / elapsed,
                percentile(merged, 50),
                percentile(merged, 99),
                merged.length == 0 ? 0.0 : merged[merged.length - 1] / 1e6,
                sorted.length == 0 ? 0.0 : sorted[0],
                sorted.length == 0 ? 0.0 : sorted[sorted.length / 2],
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1],
                slope);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** One reporting window: latencies of the requests scheduled in it. Thread-safe. */
    private static final class Window {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        private final long[] values;
        private int count;

        Window(int capacity) {
            values = new long[capacity];
        }

        synchronized void record(long nanos) {
            if (count < values.length) {
                values[count++] = nanos;
            }
        }

        synchronized long[] latencies() {
            long[] l = Arrays.copyOf(values, count);
            Arrays.sort(l);
            return l;
        }
    }
}
