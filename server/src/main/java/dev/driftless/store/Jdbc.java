package dev.driftless.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Plain JDBC with the boilerplate in one place: parameters bound by type, rows mapped, SQL errors wrapped. */
final class Jdbc {

    private static final String UNIQUE_VIOLATION = "23505";

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Session session) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in a transaction, committed when it returns and rolled back when it throws.
     *
     * @param what what the work does, for the error message
     */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Session(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error while " + what + ": " + e.getMessage(), e);
        }
    }

    <T> List<T> query(String what, String sql, Row<T> row, Object... parameters) {
        return transaction(what, session -> session.query(sql, row, parameters));
    }

    <T> Optional<T> queryOne(String what, String sql, Row<T> row, Object... parameters) {
        return query(what, sql, row, parameters).stream().findFirst();
    }

    int update(String what, String sql, Object... parameters) {
        return transaction(what, session -> session.update(sql, parameters));
    }

    static boolean uniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** Times as both databases keep them: microseconds, UTC. */
    static Instant stored(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** Statements on one connection, inside a transaction. */
    static final class Session {
        private final Connection connection;

        private Session(Connection connection) {
            this.connection = connection;
        }

        <T> List<T> query(String sql, Row<T> row, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(row.map(rows));
                    }
                    return result;
                }
            }
        }

        /**
         * Hands the rows to {@code row} and {@code consumer} as they are read, {@code fetchSize} at a time, until
         * the consumer answers false; for results too large to hold.
         */
        <T> void forEach(String sql, int fetchSize, Row<T> row, Predicate<T> consumer, Object... parameters)
                throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(fetchSize);
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    boolean more = true;
                    while (more && rows.next()) {
                        more = consumer.test(row.map(rows));
                    }
                }
            }
        }

        int update(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return statement.executeUpdate();
            }
        }

        /** Runs an INSERT and returns the {@code id} the database generated. */
        long insert(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql, new String[]{"id"})) {
                bind(statement, parameters);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no generated id");
                    }
                    return keys.getLong(1);
                }
            }
        }

        private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
            for (int i = 0; i < parameters.length; i++) {
                int index = i + 1;
                switch (parameters[i]) {
                    case null -> statement.setNull(index, Types.NULL);
                    case Instant time -> statement.setObject(index, time.atOffset(ZoneOffset.UTC));
                    case byte[] bytes -> statement.setBytes(index, bytes);
                    case String text -> statement.setString(index, text);
                    case Long number -> statement.setLong(index, number);
                    case Integer number -> statement.setInt(index, number);
                    case Boolean flag -> statement.setBoolean(index, flag);
                    default -> throw new IllegalArgumentException(
                            "cannot bind a " + parameters[i].getClass().getName() + " to SQL parameter " + index);
                }
            }
        }
    }
}
