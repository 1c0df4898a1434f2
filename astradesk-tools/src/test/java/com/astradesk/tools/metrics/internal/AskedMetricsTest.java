package com.astradesk.tools.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metric words of a question, English and Polish, mapped to the backends' metric names. */
class AskedMetricsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "what's the error rate of payments-api?|error_ratio",
                "errors for webapp in the past hour|error_ratio",
                "how many failures did auth-service have today|error_ratio",
                "any 5xx on the api gateway?|error_ratio",
                "ile błędów ma payments-api w ostatniej godzinie?|error_ratio",
                "ile bledow ma payments-api|error_ratio",
                "błędy webapp z ostatniej doby|error_ratio",
                "czy search rzuca błąd?|error_ratio",
                "what's the latency on search?|p95_latency_seconds p99_latency_seconds",
                "p99 latency of payments-api|p99_latency_seconds",
                "latency p95 for webapp|p95_latency_seconds",
                "response time of the api gateway|p95_latency_seconds p99_latency_seconds",
                "opóźnienie payments-api|p95_latency_seconds p99_latency_seconds",
                "jakie są opóźnienia webapp?|p95_latency_seconds p99_latency_seconds",
                "czas odpowiedzi search-service|p95_latency_seconds p99_latency_seconds",
                "memory usage of payments-api|memory_bytes",
                "RAM of webapp|memory_bytes",
                "ile pamięci zużywa webapp|memory_bytes",
                "zużycie pamieci database|memory_bytes",
                "cpu of search|cpu_cores",
                "obciążenie procesora database|cpu_cores",
                "throughput of the api gateway since yesterday|request_rate_per_second",
                "request rate for payments-api|request_rate_per_second",
                "ruch na webapp w ostatniej godzinie|request_rate_per_second",
                "przepustowość api-gateway|request_rate_per_second",
                "saturation of db over the last 30 minutes|cpu_cores memory_bytes",
                "uptime of payments-api|uptime_seconds",
                "czas działania webapp|uptime_seconds",
                "how many restarts did payments-api have|restarts_in_window restart_count",
                "ile restartów miała baza|restarts_in_window restart_count",
                "memory and errors of webapp|memory_bytes error_ratio",
                "błędy i opóźnienie p99 payments-api|error_ratio p99_latency_seconds",
            })
    void should_map_metric_words_to_metric_names(String question, String expected) {
        assertThat(AskedMetrics.in(Optional.of(question))).containsExactlyElementsOf(List.of(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "how is payments-api doing?",
                "metrics for webapp",
                "pokaż metryki payments-api",
                "restart payments-api and show its metrics",
                "jak się ma webapp?",
                "download stats for the release page",
            })
    void should_ask_for_no_metric_when_the_question_names_none(String question) {
        assertThat(AskedMetrics.in(Optional.of(question))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void should_ask_for_nothing_without_a_question() {
        assertThat(AskedMetrics.in(Optional.empty())).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "errors?|error[- ]?rate|5xx|http 5\\d\\d|bl[ae]d\\p{L}*;'error,error,5xx,http 5,bl'",
                "requests? per (?:second|minute)|rps;'request,rps'",
                "95(?:th)? percentile|slow(?:ness)?|how long (?:has )?up;'95,slow,how long '",
                "rps|(?:number of|how many) requests;",
                "\\d+m|uptime;",
            })
    void should_anchor_each_alternative_on_its_literal_start(String alternatives, String expected) {
        assertThat(AskedMetrics.anchors(alternatives))
                .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(",")));
    }
}
