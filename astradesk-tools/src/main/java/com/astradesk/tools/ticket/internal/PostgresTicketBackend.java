package com.astradesk.tools.ticket.internal;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.ticket.Ticket;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.ticket.TicketPriority;
import com.astradesk.tools.ticket.TicketStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets in PostgreSQL table {@code tickets}. A create with an idempotency key is one
 * {@code INSERT ... ON CONFLICT (reporter, idempotency_key) DO NOTHING}: of concurrent creates on any number of
 * replicas exactly one inserts and the others read its row. Database failures become
 * {@link ToolFailureException}s that name neither the URL nor the SQL. Thread-safe.
 */
public final class PostgresTicketBackend implements TicketBackend {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTicketBackend.class);
    private static final Pattern ID = Pattern.compile("^TKT-(\\d{1,18})$");
    private static final String COLUMNS = "number, title, description, priority, status, reporter, created_at";

    private final DataSource dataSource;

    public PostgresTicketBackend(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Ticket create(
            String title,
            String description,
            TicketPriority priority,
            String reporter,
            Optional<String> idempotencyKey) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(reporter, "reporter");
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tickets"
                    + " (title, description, priority, reporter, idempotency_key) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (reporter, idempotency_key) DO NOTHING RETURNING " + COLUMNS)) {
                insert.setString(1, title);
                insert.setString(2, description);
                insert.setString(3, priority.wireName());
                insert.setString(4, reporter);
                insert.setString(5, idempotencyKey.orElse(null));
                Optional<Ticket> inserted = one(insert);
                if (inserted.isPresent()) {
                    return inserted.get();
                }
            }
            // the key was used before (or concurrently: ON CONFLICT waited for that insert to commit)
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM tickets WHERE reporter = ? AND idempotency_key = ?")) {
                select.setString(1, reporter);
                select.setString(2, idempotencyKey.orElseThrow());
                return one(select).orElseThrow(() -> failure("create", null));
            }
        } catch (SQLException e) {
            throw failure("create", e);
        }
    }

    @Override
    public Optional<Ticket> find(String id) {
        Matcher m = ID.matcher(Objects.requireNonNull(id, "id"));
        if (!m.matches()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE number = ?")) {
            select.setLong(1, Long.parseLong(m.group(1)));
            return one(select);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static Optional<Ticket> one(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Ticket(
                    "TKT-" + rs.getLong("number"),
                    rs.getString("title"),
                    rs.getString("description"),
                    TicketPriority.fromWire(rs.getString("priority")).orElse(TicketPriority.MEDIUM),
                    TicketStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                    rs.getString("reporter"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()));
        }
    }

    private static ToolFailureException failure(String what, SQLException e) {
        String tool = "create".equals(what) ? BuiltinTools.CREATE_TICKET : BuiltinTools.GET_TICKET;
        if (e == null) {
            return new ToolFailureException(tool, "ticket database returned no ticket for a repeated request");
        }
        LOG.warn("ticket {} failed (SQL state {}): {}", what, e.getSQLState(), e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean unavailable = state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57P")
                || e instanceof java.sql.SQLTransientConnectionException;
        return new ToolFailureException(
                tool, unavailable ? "the ticket database is unavailable" : "the ticket database failed to " + what, e);
    }
}
