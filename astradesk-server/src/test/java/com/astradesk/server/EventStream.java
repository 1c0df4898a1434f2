package com.astradesk.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A server-sent events response read to its end: the events and comments, in order (per the SSE spec). */
public final class EventStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its name and its data (the {@code data:} lines joined by newlines). */
    public record Event(String name, String data) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("event " + name + " is not JSON: " + data, e);
            }
        }
    }

    private final HttpResponse<?> response;
    private final List<Event> events;
    private final List<String> comments;
    /** Everything in arrival order: event names, and {@code ":" + comment} for comments. */
    private final List<String> sequence;

    private EventStream(HttpResponse<?> response, List<Event> events, List<String> comments, List<String> sequence) {
        this.response = response;
        this.events = List.copyOf(events);
        this.comments = List.copyOf(comments);
        this.sequence = List.copyOf(sequence);
    }

    /** Sends {@code request} with {@code Accept: text/event-stream} and reads the stream until the server ends it. */
    public static EventStream read(HttpClient client, HttpRequest.Builder request) {
        HttpResponse<Stream<String>> response;
        try {
            response = client.send(
                    request.header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return parse(response, response.body());
    }

    /** Parses SSE lines. */
    public static EventStream parse(HttpResponse<?> response, Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String> sequence = new ArrayList<>();
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        boolean[] hasData = {false};
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (hasData[0]) {
                        String n = name[0] == null ? "message" : name[0];
                        events.add(new Event(n, data.toString()));
                        sequence.add(n);
                    }
                    name[0] = null;
                    data.setLength(0);
                    hasData[0] = false;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                    sequence.add(":" + line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    if (field.equals("event")) {
                        name[0] = value;
                    } else if (field.equals("data")) {
                        if (hasData[0]) {
                            data.append('\n');
                        }
                        data.append(value);
                        hasData[0] = true;
                    }
                }
            });
        }
        return new EventStream(response, events, comments, sequence);
    }

    public HttpResponse<?> response() {
        return response;
    }

    public List<Event> events() {
        return events;
    }

    public List<String> comments() {
        return comments;
    }

    public List<String> sequence() {
        return sequence;
    }

    /** The names of the events, in order. */
    public List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    /** The first event with this name. */
    public Optional<Event> first(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Every event with this name. */
    public List<Event> all(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }
}
