package com.astradesk.tools;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.Tool;
import com.astradesk.tools.metrics.MetricsBackend;
import com.astradesk.tools.metrics.internal.GetMetricsTool;
import com.astradesk.tools.restart.RestartExecutor;
import com.astradesk.tools.restart.internal.RestartServiceTool;
import com.astradesk.tools.service.ServiceStateRegistry;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.ticket.internal.CreateTicketTool;
import com.astradesk.tools.ticket.internal.GetTicketTool;
import com.astradesk.tools.weather.WeatherBackend;
import com.astradesk.tools.weather.internal.GetWeatherTool;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Supplies the built-in tools ({@link BuiltinTools#ALL}) to a {@link com.astradesk.core.tool.ToolRegistry};
 * found by {@link java.util.ServiceLoader}. Reads from the context, each optional:
 *
 * <ul>
 *   <li>{@link ServiceCatalog} (default {@link ServiceCatalog#defaults()}) — the services {@code get_metrics}
 *       and {@code restart_service} accept;
 *   <li>{@link Clock} (default system UTC);
 *   <li>{@link ServiceStateRegistry} (default a new one over the catalog) — shared by the embedded metrics
 *       backend and the simulated restart executor;
 *   <li>{@link TicketBackend} (default {@link TicketBackend#inMemory(Clock)});
 *   <li>{@link MetricsBackend} (default {@link MetricsBackend#inProcess(ServiceStateRegistry)});
 *   <li>{@link RestartExecutor} (default {@link RestartExecutor#simulated(ServiceStateRegistry)});
 *   <li>{@link WeatherBackend} (default {@link WeatherBackend#notConfigured()}).
 * </ul>
 *
 * Each {@link #tools} call builds fresh embedded defaults for whatever the context lacks; put a backend in the
 * context to share it between registries. It also offers the tools to the reference agents ({@code support}:
 * tickets; {@code ops}: metrics, restarts, weather) and contributes their keyword rules ({@code
 * keyword-rules.json} next to this class). Thread-safe (stateless).
 */
public final class BuiltinToolProvider implements ToolProvider {

    /** For {@link java.util.ServiceLoader}. */
    public BuiltinToolProvider() {}

    @Override
    public List<Tool> tools(ToolProviderContext context) {
        Clock clock = context.get(Clock.class).orElseGet(Clock::systemUTC);
        ServiceCatalog catalog = context.get(ServiceCatalog.class).orElseGet(ServiceCatalog::defaults);
        ServiceStateRegistry services =
                context.get(ServiceStateRegistry.class).orElseGet(() -> ServiceStateRegistry.create(catalog, clock));
        TicketBackend tickets = context.get(TicketBackend.class).orElseGet(() -> TicketBackend.inMemory(clock));
        MetricsBackend metrics = context.get(MetricsBackend.class).orElseGet(() -> MetricsBackend.inProcess(services));
        RestartExecutor restarts =
                context.get(RestartExecutor.class).orElseGet(() -> RestartExecutor.simulated(services));
        WeatherBackend weather = context.get(WeatherBackend.class).orElseGet(WeatherBackend::notConfigured);
        return List.of(
                new CreateTicketTool(tickets),
                new GetTicketTool(tickets),
                new GetMetricsTool(metrics, catalog),
                new RestartServiceTool(restarts, catalog),
                new GetWeatherTool(weather));
    }

    @Override
    public Map<String, List<String>> agentTools() {
        return Map.of("support", BuiltinTools.SUPPORT_AGENT_TOOLS, "ops", BuiltinTools.OPS_AGENT_TOOLS);
    }

    @Override
    public List<URL> keywordRules() {
        return List.of(BuiltinToolProvider.class.getResource("keyword-rules.json"));
    }
}
