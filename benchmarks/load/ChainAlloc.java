import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.json.Json;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The journal writer's chain step for one ops run, in one JVM (docs/PERFORMANCE.md "Round five"): the run's two audit
 * records (get_metrics and agents.run, as the load test writes them) linked after a known tail and written as the
 * batch statement's payload text, rounds of 100,000; bytes allocated and CPU time per run of this thread. Works on
 * builds before and after CanonicalAuditJson (found by reflection):
 * {@code java -cp astradesk-server/target/astradesk-server.jar benchmarks/load/ChainAlloc.java}.
 */
public class ChainAlloc {
    public static void main(String[] args) throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        List<AuditRecord> run = List.of(
                AuditRecord.builder().withTs(Instant.now()).withActor("load-sre").withAction("get_metrics")
                        .withDecision(AuditDecision.ALLOWED).withTool("get_metrics").withSideEffect("read")
                        .withArgs(Map.of("channel", "agent", "outcome", "ok", "arguments",
                                Map.of("window", "15m", "service", "payments-api")))
                        .withRequestId(UUID.randomUUID().toString()).withTraceId("2344fa936dc55f4511b8eb1aac5dffb6")
                        .withRunId(UUID.randomUUID().toString()).build(),
                AuditRecord.builder().withTs(Instant.now()).withActor("load-sre").withAction("agents.run")
                        .withDecision(AuditDecision.ALLOWED)
                        .withArgs(Map.of("agent", "ops", "steps", List.of(Map.of("tool", "get_metrics", "status", "ok")),
                                "degraded", false, "used_tools", List.of("get_metrics")))
                        .withRequestId(UUID.randomUUID().toString()).withTraceId("2344fa936dc55f4511b8eb1aac5dffb6")
                        .withRunId(UUID.randomUUID().toString()).build());
        Optional<String> tail = Optional.of("b69c73e6d7ccf75e85a406e59bdb58411410a40bbd63673ff79329caefc050d1");
        Method linkAll = null;
        Method append = null;
        Method record = null;
        try {
            Class<?> c = Class.forName("com.astradesk.core.audit.internal.CanonicalAuditJson");
            Class<?> linked = Class.forName("com.astradesk.core.audit.internal.CanonicalAuditJson$Linked");
            linkAll = c.getMethod("linkAll", Optional.class, List.class);
            append = linked.getMethod("appendWireValue", StringBuilder.class);
            record = linked.getMethod("record");
        } catch (ClassNotFoundException e) {
            // a build before CanonicalAuditJson: AuditChain.linkAll and Json.write(toWire), as its batch did
        }
        System.out.println("path: " + (linkAll == null ? "AuditChain.linkAll + Json.write(toWire)" : "CanonicalAuditJson"));
        StringBuilder sink = new StringBuilder(4096);
        int n = 100_000;
        for (int round = 0; round < 6; round++) {
            long b0 = mx.getThreadAllocatedBytes(tid);
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink.setLength(0);
                if (linkAll == null) {
                    for (AuditRecord r : AuditChain.linkAll(tail, run)) {
                        sink.append(r.ts().toString()).append(Json.write(AuditChain.toWire(r)));
                    }
                } else {
                    for (Object l : (List<?>) linkAll.invoke(null, tail, run)) {
                        sink.append(((AuditRecord) record.invoke(l)).ts().toString());
                        append.invoke(l, sink);
                    }
                }
            }
            long b1 = mx.getThreadAllocatedBytes(tid);
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: %.0f B and %.2f us CPU per run (2 records), %d chars written%n",
                    round, (b1 - b0) / (double) n, (c1 - c0) / 1e3 / n, sink.length());
        }
    }
}
