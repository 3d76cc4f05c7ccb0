package io.ppcanomaly.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that opens a new connection per call from a JDBC URL through {@link DriverManager}, for
 * command-line use ({@code jdbc:postgresql://host:5432/db?user=…&password=…}, {@code jdbc:h2:…}). No pool: a
 * long-running application should give the store its own pooled data source. Thread-safe.
 */
public final class UrlDataSource implements DataSource {

    private final String url;
    private final String user;
    private final String password;

    /**
     * @param url      the JDBC URL, credentials included or not
     * @param user     the user, or {@code null} to use the URL's
     * @param password the password, or {@code null}
     */
    public UrlDataSource(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must start with jdbc:, got '" + JdbcUrls.redact(url) + "'");
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** @return the URL, redacted ({@link JdbcUrls#redact}) */
    public String getUrl() {
        return JdbcUrls.redact(url);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return DriverManager.getConnection(url, username, pass);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager's log is global; not ours to set
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("UrlDataSource logs nothing of its own");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("UrlDataSource does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "UrlDataSource[" + getUrl() + "]";
    }
}
