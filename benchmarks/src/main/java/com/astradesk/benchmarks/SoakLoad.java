package com.astradesk.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * A constant-rate (open-loop) load generator for {@code benchmarks/load/soak.sh}: sends {@code POST} requests at a
 * fixed rate for a fixed time, whatever the server's latency, and prints per window the requests sent, the non-2xx
 * answers and failures, and p50 / p99 / max latency measured from each request's <em>scheduled</em> send time (so
 * a server that stalls shows the stall, instead of the generator slowing down with it). wrk2's schedule, as in
 * {@link FixedRateLoad}: request {@code i} is due at {@code start + i / rate} and goes out on connection {@code i mod
 * connections} (one thread and one blocking Apache HttpClient 5 connection each, kept alive), so the load is spread
 * evenly over a fixed number of connections and a late answer makes that connection's next requests late too, which
 * their latencies show. A request more than 5 s behind its schedule is not sent and counts as an error (neither the
 * server nor the generator kept the rate). The JDK's asynchronous {@code HttpClient} used before cost ~0.4–0.5 ms of
 * CPU per request here (more than an ops run costs the server) and opened a connection per request in flight.
 * Loopback only; bounded in count and time. Not thread-safe (one run per process).
 *
 * <p>Arguments: {@code url rate-per-second duration-seconds window-seconds token-file body [connections]} (64).
 * Output lines: {@code WINDOW t_s sent ok errors p50_ms p99_ms max_ms}, then {@code SUMMARY ...}.
 */
public final class SoakLoad {
    /** A request this far behind its schedule is not sent: it counts as an error. */
    private static final long LATE_NANOS = 5_000_000_000L;

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
        int connections = args.length > 6 ? Integer.parseInt(args[6]) : 64;
        if (rate <= 0 || seconds <= 0 || window <= 0 || connections <= 0) {
            throw new IllegalArgumentException("rate, duration, window and connections must be positive");
        }

        int windows = (seconds + window - 1) / window;
        List<Window> stats = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            stats.add(new Window((int) Math.ceil(rate * window * 1.2) + 16));
        }
        long total = (long) (rate * seconds);
        double interval = 1e9 / rate;
        long windowNanos = window * 1_000_000_000L;
        long start = System.nanoTime() + 20_000_000L; // every worker sees the same start
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        List<Future<?>> done = new ArrayList<>(connections);
        for (int k = 0; k < connections; k++) {
            int worker = k;
            CloseableHttpClient client = client();
            HttpPost request = new HttpPost(url); // one each: the client adds headers to a request
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            request.setHeader("Authorization", "Bearer " + token);
            done.add(workers.submit(() -> {
                try (client) {
                    for (long i = worker; i < total; i += connections) {
                        long scheduled = start + (long) (i * interval);
                        long wait;
                        while ((wait = scheduled - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        Window w = stats.get((int) Math.min(windows - 1, (scheduled - start) / windowNanos));
                        w.sent.incrementAndGet();
                        if (System.nanoTime() - scheduled > LATE_NANOS) {
                            w.errors.incrementAndGet();
                            continue;
                        }
                        try {
                            int status = client.execute(request, response -> {
                                EntityUtils.consume(response.getEntity());
                                return response.getCode();
                            });
                            if (status / 100 == 2) {
                                w.record(System.nanoTime() - scheduled);
                            } else {
                                w.errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            w.errors.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        // print each window once the next one has passed: its late answers have had a full window to arrive
        int reported = 0;
        while (reported < windows - 1) {
            long due = start + (reported + 2) * windowNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 100_000_000L));
            }
            print(stats.get(reported), (reported + 1) * window);
            reported++;
        }
        for (Future<?> f : done) {
            f.get(seconds + 120L, TimeUnit.SECONDS);
        }
        workers.shutdownNow();
        for (int i = reported; i < windows; i++) {
            print(stats.get(i), (i + 1) * window);
        }
        summary(stats, window, (System.nanoTime() - start) / 1e9);
    }

    /** A blocking client of one kept-alive loopback connection, no retries, 30 s timeouts (also {@link FixedRateLoad}'s). */
    static CloseableHttpClient client() {
        BasicHttpClientConnectionManager connection = new BasicHttpClientConnectionManager();
        connection.setSocketConfig(SocketConfig.custom()
                .setTcpNoDelay(true)
                .setSoTimeout(Timeout.ofSeconds(30))
                .build());
        return HttpClients.custom()
                .setConnectionManager(connection)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofSeconds(30))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableContentCompression()
                .build();
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
