package io.ppcanomaly.store.jdbc;

import java.lang.reflect.Method;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** JDBC URLs as the store prints them: never with a password. Stateless. */
public final class JdbcUrls {

    /** {@code password=…}, {@code sslpassword=…}, H2's {@code ;PASSWORD=…}: any parameter whose name ends in password. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][a-z_.]*password=)[^&;]*");
    /** {@code //user:secret@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]+:)[^@/?;]*@");

    private JdbcUrls() {
    }

    /**
     * @param url a JDBC URL, or {@code null}
     * @return the URL with every password replaced by {@code ***} (query, H2 settings, user info), or {@code null}
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1***@");
    }

    /**
     * The URL a data source connects to, when it says so without connecting: its {@code getJdbcUrl()}
     * (HikariCP), {@code getUrl()} (PostgreSQL's data sources) or {@code getURL()} (H2's).
     *
     * @return the URL, redacted, or {@code null} when the data source does not tell
     */
    public static String of(DataSource ds) {
        for (String getter : new String[] {"getJdbcUrl", "getUrl", "getURL"}) {
            try {
                Method m = ds.getClass().getMethod(getter);
                if (m.getReturnType() == String.class) {
                    Object v = m.invoke(ds);
                    if (v != null) {
                        return redact(v.toString());
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not this getter; try the next
            }
        }
        return null;
    }
}
