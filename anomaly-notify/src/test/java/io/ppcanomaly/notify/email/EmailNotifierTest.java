package io.ppcanomaly.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.Notifiers;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The email notifier against a real SMTP server in process (SubEthaSMTP) that requires STARTTLS, with a certificate
 * made for the test, and AUTH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailNotifierTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T08:00:00Z"), ZoneOffset.UTC);

    /** One envelope recipient's copy. */
    record Received(String from, String to, byte[] data) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("smtp.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                ks.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool: %s", out).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .startTlsSocketFactory(tls).enableTLS().requireTLS()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!("alerts".equals(user) && "pa55word".equals(password))) {
                        throw new LoginFailedException("bad credentials");
                    }
                })).requireAuth()
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        received.add(new Received(from, recipient, data.readAllBytes()));
                    }
                })
                .build();
        server.start();
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @BeforeEach
    void forget() {
        received.clear();
    }

    private Notifier email(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(server.getPortAllocated()));
        p.setProperty("ssl.trust", "127.0.0.1");
        p.setProperty("username", "alerts");
        p.setProperty("password", "pa55word");
        p.setProperty("from", "PPC Anomaly <anomaly@example.com>");
        p.setProperty("to", "ops@example.com, ads@example.com");
        p.setProperty("cc", "lead@example.com");
        p.setProperty("timeout", "5s");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Notifiers.create("email", p);
    }

    @Test
    void sendsToEveryRecipientOverStartTlsWithAuthASubjectAndBothParts() throws Exception {
        try (Notifier n = email("base-url", "https://anomaly.example.com")) {
            n.send(Notifications.sample("ops", CLOCK), new Delivery("d-42", 1, "ops"));
        }
        assertThat(received).extracting(Received::to)
                .containsExactlyInAnyOrder("ops@example.com", "ads@example.com", "lead@example.com");
        assertThat(received).extracting(Received::from).containsOnly("anomaly@example.com");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(received.get(0).data()));
        assertThat(m.getSubject()).startsWith("[PPC Anomaly] ").contains("[TEST]").contains("599.75");
        assertThat(m.getMessageID()).isEqualTo("<d-42@ppc-anomaly>");
        assertThat(m.getHeader("X-PPC-Anomaly-Delivery-Id")[0]).isEqualTo("d-42");
        assertThat(m.getHeader("To")[0]).contains("ops@example.com").contains("ads@example.com");
        assertThat(m.getHeader("Cc")[0]).contains("lead@example.com");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) text.getContent()).contains("ran out of budget").contains("running shoes")
                .contains("https://anomaly.example.com/alerts/1");
        assertThat((String) html.getContent()).contains("<html").contains("ran out of budget")
                .contains("href=\"https://anomaly.example.com/alerts/1\"");
    }

    @Test
    void aRetriedMessageKeepsItsMessageId() throws Exception {
        try (Notifier n = email()) {
            n.send(Notifications.sample("ops", CLOCK), new Delivery("d-7", 1, "ops"));
            n.send(Notifications.sample("ops", CLOCK), new Delivery("d-7", 2, "ops"));
        }
        Session s = Session.getInstance(new Properties());
        assertThat(received).hasSize(6).allSatisfy(r -> assertThat(
                new MimeMessage(s, new ByteArrayInputStream(r.data())).getMessageID()).isEqualTo("<d-7@ppc-anomaly>"));
    }

    @Test
    void aWrongPasswordIsNotRetried() {
        try (Notifier n = email("password", "wrong")) {
            assertThatThrownBy(() -> n.send(Notifications.sample("ops", CLOCK), new Delivery("d-1", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("alerts").doesNotContain("wrong");
                    });
        }
        assertThat(received).isEmpty();
    }

    @Test
    void withoutStartTlsTheServerRefusesAndNothingIsSent() {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(server.getPortAllocated()));
        p.setProperty("starttls", "off");
        p.setProperty("from", "anomaly@example.com");
        p.setProperty("to", "ops@example.com");
        try (Notifier n = Notifiers.create("email", p)) {
            assertThatThrownBy(() -> n.send(Notifications.sample("ops", CLOCK), new Delivery("d-1", 1, "ops")))
                    .isInstanceOf(DeliveryException.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(server.getPortAllocated()));
        p.setProperty("username", "alerts");
        p.setProperty("password", "pa55word");
        p.setProperty("from", "anomaly@example.com");
        p.setProperty("to", "ops@example.com");
        try (Notifier n = Notifiers.create("email", p)) {
            assertThatThrownBy(() -> n.send(Notifications.sample("ops", CLOCK), new Delivery("d-1", 1, "ops")))
                    .isInstanceOf(DeliveryException.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aPasswordWithoutTlsIsRefusedAtConfiguration() {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("starttls", "off");
        p.setProperty("username", "alerts");
        p.setProperty("password", "pa55word");
        p.setProperty("from", "anomaly@example.com");
        p.setProperty("to", "ops@example.com");
        assertThatThrownBy(() -> Notifiers.create("email", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starttls").hasMessageNotContaining("pa55word");
    }
}
