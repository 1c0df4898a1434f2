package com.astradesk.benchmarks.audit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CPU time spent on the pipeline during a measured window, split by who spent it: this JVM's threads grouped by
 * name (relay, Auditor, sink clients, the S3 and index stand-ins), the JVM's own threads (JIT, GC), the
 * {@code nats-server} process, and the PostgreSQL backends connected to the scratch database. CPU time is
 * steadier than a rate on a shared machine: other work takes wall time, not CPU time. Processes are polled
 * ({@link #poll}) so a backend that exits inside the window still counts with its last reading. Not thread-safe.
 */
public final class CpuMeter {
    /** Groups whose name starts with this are the measurement's own work and stay out of the total. */
    public static final String MEASUREMENT = "measurement";

    private static final double TICKS = ticksPerSecond();

    private final String database;
    private final Function<String, String> groupOf;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> threadStart = new ConcurrentHashMap<>();
    private final Map<Long, Long> threadLast = new ConcurrentHashMap<>();
    private final Map<Long, String> threadGroup = new ConcurrentHashMap<>();
    private final Map<Long, Double> procStart = new ConcurrentHashMap<>();
    private final Map<Long, Double> procLast = new ConcurrentHashMap<>();
    private final Map<Long, String> procGroup = new ConcurrentHashMap<>();
    private final Map<Long, Double> taskStart = new ConcurrentHashMap<>();
    private final Map<Long, Double> taskLast = new ConcurrentHashMap<>();
    private final Map<Long, String> taskGroup = new ConcurrentHashMap<>();
    private final Map<Long, Long> allocStart = new ConcurrentHashMap<>();
    private final Map<Long, Long> allocLast = new ConcurrentHashMap<>();
    private long jvmStart;
    private long jvmEnd;

    /**
     * @param database the scratch database whose backends count as PostgreSQL work
     * @param groupOf  the group of a JVM thread name
     */
    public CpuMeter(String database, Function<String, String> groupOf) {
        this.database = database;
        this.groupOf = groupOf;
    }

    /** Starts the window: everything spent before is left out. */
    public void start() {
        jvmStart = processCpuNanos();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                threadStart.put(id, cpu);
            }
            long bytes = allocatedBytes(id);
            if (bytes >= 0) {
                allocStart.put(id, bytes);
            }
        }
        pollProcesses(true);
        pollJvmTasks(true);
        poll();
    }

    /** Takes a reading of every thread and process (call every few hundred ms and at the end). */
    public void poll() {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            threadStart.putIfAbsent(id, 0L);
            threadLast.put(id, cpu);
            long bytes = allocatedBytes(id);
            if (bytes >= 0) {
                allocStart.putIfAbsent(id, 0L);
                allocLast.put(id, bytes);
            }
            if (!threadGroup.containsKey(id)) {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info != null) {
                    threadGroup.put(id, groupOf.apply(info.getThreadName()));
                }
            }
        }
        pollProcesses(false);
        pollJvmTasks(false);
        jvmEnd = processCpuNanos();
    }

    /** CPU seconds per group in the window, JVM groups first, then {@code jvm other}, nats-server, PostgreSQL. */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new TreeMap<>();
        double named = 0;
        for (Map.Entry<Long, Long> e : threadLast.entrySet()) {
            double s = (e.getValue() - threadStart.getOrDefault(e.getKey(), 0L)) / 1e9;
            out.merge(threadGroup.getOrDefault(e.getKey(), "other JVM threads"), s, Double::sum);
            named += s;
        }
        Map<String, Double> ordered = new LinkedHashMap<>(out);
        Map<String, Double> internal = new TreeMap<>();
        for (Map.Entry<Long, Double> e : taskLast.entrySet()) {
            double s = e.getValue() - taskStart.getOrDefault(e.getKey(), 0.0);
            internal.merge(taskGroup.get(e.getKey()), s, Double::sum);
            named += s;
        }
        ordered.putAll(internal);
        ordered.put("jvm other (VM thread, ended threads)", Math.max(0, (jvmEnd - jvmStart) / 1e9 - named));
        Map<String, Double> procs = new TreeMap<>();
        for (Map.Entry<Long, Double> e : procLast.entrySet()) {
            procs.merge(procGroup.get(e.getKey()), e.getValue() - procStart.getOrDefault(e.getKey(), 0.0), Double::sum);
        }
        ordered.putAll(procs);
        return ordered;
    }

    /** Bytes allocated per JVM thread group in the window (heap allocation: what the GC has to collect). */
    public Map<String, Long> allocatedBytes() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<Long, Long> e : allocLast.entrySet()) {
            out.merge(
                    threadGroup.getOrDefault(e.getKey(), "other JVM threads"),
                    e.getValue() - allocStart.getOrDefault(e.getKey(), 0L),
                    Long::sum);
        }
        return out;
    }

    /**
     * A table: CPU seconds and microseconds per event per group (and heap bytes allocated per event for this JVM's
     * groups), with the total and its 2-core ceiling, and the same without the JIT compiler threads (a relay or
     * Auditor that has run for a while compiles nothing more; a short round still does).
     */
    public String report(long events) {
        StringBuilder sb = new StringBuilder();
        Map<String, Long> allocated = allocatedBytes();
        double total = 0;
        double jit = 0;
        long totalAllocated = 0;
        for (Map.Entry<String, Double> e : seconds().entrySet()) {
            if (e.getValue() < 0.005) {
                continue;
            }
            boolean measuring = e.getKey().startsWith(MEASUREMENT);
            Long bytes = allocated.get(e.getKey());
            if (!measuring) {
                total += e.getValue();
                totalAllocated += bytes == null ? 0 : bytes;
                jit += e.getKey().startsWith("jvm JIT") ? e.getValue() : 0;
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-44s %7.2f s  %7.1f us/event%s%n",
                    e.getKey(),
                    e.getValue(),
                    1e6 * e.getValue() / events,
                    bytes == null
                            ? ""
                            : String.format(Locale.ROOT, "  %7.0f B/event allocated", (double) bytes / events)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "  %-44s %7.2f s  %7.1f us/event -> at most %.0f events/s on 2 idle cores; %.0f B/event allocated%n",
                "TOTAL",
                total,
                1e6 * total / events,
                events * 2 / total,
                (double) totalAllocated / events));
        sb.append(String.format(
                Locale.ROOT,
                "  %-44s %7.2f s  %7.1f us/event -> at most %.0f events/s on 2 idle cores%n",
                "TOTAL without JIT compilation",
                total - jit,
                1e6 * (total - jit) / events,
                events * 2 / (total - jit)));
        return sb.toString();
    }

    private long allocatedBytes(long threadId) {
        return threads instanceof com.sun.management.ThreadMXBean sun ? sun.getThreadAllocatedBytes(threadId) : -1;
    }

    private void pollProcesses(boolean first) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                String group = processGroup(p);
                if (group == null) {
                    continue;
                }
                long pid = Long.parseLong(p.getFileName().toString());
                double cpu = cpuSeconds(p);
                if (cpu < 0) {
                    continue;
                }
                if (first) {
                    procStart.put(pid, cpu);
                } else {
                    // a backend that appeared inside the window counts from zero
                    procStart.putIfAbsent(pid, 0.0);
                }
                procLast.put(pid, cpu);
                procGroup.putIfAbsent(pid, group);
            }
        } catch (IOException e) {
            // /proc unreadable: the report shows JVM threads only
        }
    }

    /**
     * The JVM's own threads, which {@link ThreadMXBean} does not list, by their kernel name: the JIT compiler
     * threads ({@code C1/C2 CompilerThre}) and the garbage collector's ({@code GC Thread#n}, {@code G1 ...}).
     */
    private void pollJvmTasks(boolean first) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"), "[0-9]*")) {
            for (Path t : tasks) {
                String group = jvmTaskGroup(t);
                if (group == null) {
                    continue;
                }
                long tid = Long.parseLong(t.getFileName().toString());
                double cpu = cpuSeconds(t);
                if (cpu < 0) {
                    continue;
                }
                if (first) {
                    taskStart.put(tid, cpu);
                } else {
                    taskStart.putIfAbsent(tid, 0.0);
                }
                taskLast.put(tid, cpu);
                taskGroup.putIfAbsent(tid, group);
            }
        } catch (IOException e) {
            // /proc unreadable: JIT and GC stay in "jvm other"
        }
    }

    private static String jvmTaskGroup(Path task) {
        try {
            String comm = Files.readString(task.resolve("comm")).trim();
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                return "jvm JIT compiler threads";
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                return "jvm GC threads";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String processGroup(Path proc) {
        try {
            String comm = Files.readString(proc.resolve("comm")).trim();
            if (comm.equals("nats-server")) {
                return "nats-server (whole process)";
            }
            if (!comm.equals("postgres")) {
                return null;
            }
            String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
            if (cmdline.contains(" " + database + " ")) {
                return "postgresql backends (scratch database)";
            }
            if (List.of("walwriter", "checkpointer", "background writer", "walsender").stream()
                    .anyMatch(cmdline::contains)) {
                return "postgresql wal/checkpoint (shared)";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU seconds of every {@code nats-server} process so far (for a before/after difference). */
    public static double natsServerCpuSeconds() {
        double total = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("nats-server")) {
                        total += Math.max(0, cpuSeconds(p));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    private static double cpuSeconds(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double ticksPerSecond() {
        return 100.0; // USER_HZ on Linux
    }
}
