package io.ppcanomaly.notify.email;

import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.message.Notification;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends each message as an email over SMTP through Eclipse Angus Mail: {@code multipart/alternative} with a
 * plain-text and an HTML part ({@link EmailBodies}), subject = prefix + title, {@code Message-ID} made from the
 * delivery id (so a retried message is the same message to mail systems), STARTTLS (required by default) or implicit
 * TLS, and AUTH when a user is set.
 *
 * <p>Failures: SMTP replies 4xx, a refused connection, a time-out or an I/O error are retried; 5xx replies (an
 * address refused, a message rejected), failed authentication and a server without the required STARTTLS are not.
 * Thread-safe: one connection per message.
 */
public final class EmailNotifier implements Notifier {

    /** How the connection is protected. */
    public enum Tls {
        /** STARTTLS on a plain connection, refusing a server that does not offer it (port 587). */
        STARTTLS_REQUIRED,
        /** STARTTLS when the server offers it, else plain. */
        STARTTLS_OPTIONAL,
        /** TLS from the first byte (SMTPS, port 465). */
        IMPLICIT,
        /** No TLS (a local relay only; refused with a password). */
        NONE
    }

    /**
     * Where and how to send.
     *
     * @param host          the SMTP server
     * @param port          its port, 1 to 65535
     * @param tls           connection protection
     * @param trustHosts    hosts whose certificate is trusted without a CA (self-signed relays), space-separated, or
     *                      {@code null} to validate certificates against the JVM's trust store
     * @param username      the AUTH user, or {@code null} for no AUTH
     * @param password      the AUTH password
     * @param from          the sender address
     * @param to            recipients, at least one
     * @param cc            copy recipients
     * @param subjectPrefix put before each title, e.g. {@code [PPC Anomaly] }
     * @param timeout       connect, read and write time-out
     * @param linkBase      the dashboard's base URL, or {@code null}
     * @param maxAlerts     alerts listed per message
     */
    public record Settings(String host, int port, Tls tls, String trustHosts, String username, String password,
                           InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc,
                           String subjectPrefix, Duration timeout, String linkBase, int maxAlerts) {

        /** Validates. */
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(subjectPrefix, "subjectPrefix");
            Objects.requireNonNull(timeout, "timeout");
            to = List.copyOf(to);
            cc = cc == null ? List.of() : List.copyOf(cc);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
            }
            if (to.isEmpty()) {
                throw new IllegalArgumentException("to must name at least one recipient, got none");
            }
            if (username != null && tls == Tls.NONE) {
                throw new IllegalArgumentException("starttls must not be off when a username is set: the password "
                        + "would cross the network in clear text (use starttls=required or ssl=true)");
            }
        }

        @Override
        public String toString() {
            return "Settings[" + host + ":" + port + ", " + tls + ", user " + username + ", from " + from + ", to "
                    + to + "]";
        }
    }

    private final Settings settings;
    private final Session session;

    /** @param settings where and how to send */
    public EmailNotifier(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(Settings s) {
        String proto = s.tls() == Tls.IMPLICIT ? "smtps" : "smtp";
        String p = "mail." + proto + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", proto);
        props.setProperty(p + "host", s.host());
        props.setProperty(p + "port", Integer.toString(s.port()));
        String ms = Long.toString(s.timeout().toMillis());
        props.setProperty(p + "connectiontimeout", ms);
        props.setProperty(p + "timeout", ms);
        props.setProperty(p + "writetimeout", ms);
        props.setProperty(p + "auth", Boolean.toString(s.username() != null));
        props.setProperty(p + "starttls.enable", Boolean.toString(s.tls() == Tls.STARTTLS_REQUIRED
                || s.tls() == Tls.STARTTLS_OPTIONAL));
        props.setProperty(p + "starttls.required", Boolean.toString(s.tls() == Tls.STARTTLS_REQUIRED));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        if (s.trustHosts() != null) {
            props.setProperty(p + "ssl.trust", s.trustHosts());
        }
        props.setProperty(p + "from", s.from().getAddress());
        return props;
    }

    @Override
    public String type() {
        return EmailNotifierProvider.NAME;
    }

    @Override
    public void send(Notification n, Delivery d) throws DeliveryException {
        MimeMessage m;
        try {
            m = message(n, d);
        } catch (MessagingException e) {
            throw DeliveryException.permanent("cannot build the email: " + e.getMessage(), 0, e);
        }
        try (Transport t = session.getTransport()) {
            t.connect(settings.host(), settings.port(), settings.username(), settings.password());
            t.sendMessage(m, m.getAllRecipients());
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    MimeMessage message(Notification n, Delivery d) throws MessagingException {
        String messageId = "<" + d.deliveryId() + "@ppc-anomaly>";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(settings.from());
        m.setRecipients(Message.RecipientType.TO, settings.to().toArray(new Address[0]));
        if (!settings.cc().isEmpty()) {
            m.setRecipients(Message.RecipientType.CC, settings.cc().toArray(new Address[0]));
        }
        m.setSubject(settings.subjectPrefix() + n.title(), "UTF-8");
        m.setSentDate(Date.from(n.createdAt()));
        m.setHeader("X-PPC-Anomaly-Delivery-Id", d.deliveryId());
        m.setHeader("X-PPC-Anomaly-Kind", n.kind().wireName());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(EmailBodies.text(n, d, settings.linkBase(), settings.maxAlerts()), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailBodies.html(n, d, settings.linkBase(), settings.maxAlerts()), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    private DeliveryException classify(MessagingException e) {
        String where = "SMTP " + settings.host() + ":" + settings.port();
        if (e instanceof AuthenticationFailedException) {
            return DeliveryException.permanent(where + " refused the login of " + settings.username() + ": "
                    + e.getMessage(), 535, e);
        }
        int code = replyCode(e);
        if (code >= 500) {
            return DeliveryException.permanent(where + " refused the message (" + code + "): " + oneLine(e), code, e);
        }
        if (code >= 400) {
            return DeliveryException.retryable(where + " deferred the message (" + code + "): " + oneLine(e), code, e);
        }
        if (e instanceof MailConnectException || hasIoCause(e)) {
            return DeliveryException.retryable(where + ": " + oneLine(e), 0, e);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("STARTTLS is required")) {
            return DeliveryException.permanent(where + " does not offer STARTTLS, which starttls=required asks for",
                    0, e);
        }
        return DeliveryException.retryable(where + ": " + oneLine(e), 0, e);
    }

    private static int replyCode(MessagingException e) {
        Exception x = e;
        for (int depth = 0; x != null && depth < 8; depth++) {
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            x = x instanceof MessagingException me ? me.getNextException() : null;
        }
        if (e instanceof SendFailedException s && s.getInvalidAddresses() != null
                && s.getInvalidAddresses().length > 0) {
            return 550;
        }
        return 0;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException me && me.getNextException() != null
                ? me.getNextException() : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String oneLine(Exception e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        Exception next = e instanceof MessagingException me ? me.getNextException() : null;
        if (next != null && next.getMessage() != null && !b.toString().contains(next.getMessage())) {
            b.append(": ").append(next.getMessage());
        }
        return b.toString().replaceAll("\\s+", " ").trim();
    }

    @Override
    public String describe() {
        return "email through " + settings.host() + ":" + settings.port() + " (" + settings.tls().name().toLowerCase(
                java.util.Locale.ROOT) + ") to " + settings.to();
    }

    @Override
    public String toString() {
        return "EmailNotifier[" + settings + "]";
    }
}
