package com.astradesk.deploy.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/** A real single-node OpenSearch 2.19.6 cluster in this JVM, HTTP on a free loopback port. */
final class EmbeddedOpenSearch implements AutoCloseable {
    private final Node node;
    private final Path home;

    private static final class PluginNode extends Node {
        PluginNode(Settings settings) {
            super(
                    InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "astradesk-test-node"),
                    List.of(Netty4Plugin.class),
                    true);
        }
    }

    private EmbeddedOpenSearch(Node node, Path home) {
        this.node = node;
        this.home = home;
    }

    static EmbeddedOpenSearch start() throws Exception {
        Path home = Files.createTempDirectory("astradesk-opensearch-");
        Settings settings = Settings.builder()
                .put("cluster.name", "astradesk-audit-test")
                .put("node.name", "astradesk-test-node")
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", "19200-19400")
                .put("transport.port", "19500-19700")
                .put("discovery.type", "single-node")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", true)
                .build();
        Node node = new PluginNode(settings);
        node.start();
        return new EmbeddedOpenSearch(node, home);
    }

    URI url() {
        int port = node.injector()
                .getInstance(HttpServerTransport.class)
                .boundAddress()
                .publishAddress()
                .getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws IOException {
        node.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
