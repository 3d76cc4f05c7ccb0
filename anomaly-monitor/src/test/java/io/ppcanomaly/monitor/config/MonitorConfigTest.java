package io.ppcanomaly.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.source.MonitorSources;
import io.ppcanomaly.monitor.source.MonitorStores;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading monitor.properties: every key, and every bad key or value named with its value. */
class MonitorConfigTest {

    private static Properties props(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    private static MonitorConfig parse(String text) {
        return ConfigParser.parse(props(text), Set.of());
    }

    @Test
    void aFullFileIsRead() {
        MonitorConfig c = parse("""
                profiles = 3712345678901234, brand-two
                levels = keyword, campaign
                profile.brand-two.levels = ad_group
                profile.brand-two.source-profile = *
                source.type = csv
                source.path = /data/{profile}
                store.dir = /var/lib/ppc
                detector = ensemble
                detector.threshold = 0.995
                features.window.length = 10
                explain = false
                root-cause-analyzer = hierarchy
                min-score = 0.999
                training.max-windows = 20000
                seed = 7
                schedule.zone = Europe/Berlin
                schedule.daily-at = 07:30
                schedule.hourly-minute = 20
                schedule.cleanup-at = 02:00
                schedule.retrain-day = sat
                schedule.retrain-at = 01:00
                retrain.shadow-days = 10
                retrain.feedback-radius = 1.5
                retrain.false-alert-tolerance = 0.1
                monitor.instance-id = host-1
                monitor.threads = 2
                monitor.lease-ttl = 5m
                monitor.keep-versions = 3
                monitor.ledger-days = 100
                monitor.shutdown-timeout = 90s
                """);
        assertThat(c.profiles()).hasSize(2);
        assertThat(c.profiles().get(0).levels()).containsExactly(EntityType.KEYWORD, EntityType.CAMPAIGN);
        assertThat(c.profiles().get(0).sourceProfile()).isEqualTo("3712345678901234");
        assertThat(c.profiles().get(1).levels()).containsExactly(EntityType.AD_GROUP);
        assertThat(c.profiles().get(1).sourceProfile()).isNull();
        assertThat(c.detection().detectorOptions().getProperty("threshold")).isEqualTo("0.995");
        assertThat(c.detection().features().windowLength()).isEqualTo(10);
        assertThat(c.detection().explain()).isFalse();
        assertThat(c.detection().minScore()).hasValue(0.999);
        assertThat(c.detection().maxTrainingWindows()).isEqualTo(20000);
        assertThat(c.detection().seed()).isEqualTo(7);
        assertThat(c.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.schedule().dailyAt()).isEqualTo(LocalTime.of(7, 30));
        assertThat(c.schedule().hourlyMinute()).isEqualTo(20);
        assertThat(c.schedule().retrainDay()).contains(DayOfWeek.SATURDAY);
        assertThat(c.retraining().shadowDays()).isEqualTo(10);
        assertThat(c.retraining().radius()).isEqualTo(1.5);
        assertThat(c.retraining().falseAlertTolerance()).isEqualTo(0.1);
        assertThat(c.instanceId()).isEqualTo("host-1");
        assertThat(c.threads()).isEqualTo(2);
        assertThat(c.leaseTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.keepVersions()).isEqualTo(3);
        assertThat(c.ledgerDays()).isEqualTo(100);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.sourceKeys().getProperty("path")).isEqualTo("/data/{profile}");
        assertThat(c.storeKeys().getProperty("dir")).isEqualTo("/var/lib/ppc");
    }

    @Test
    void theDefaultsNeedOnlyTheProfiles() {
        MonitorConfig c = parse("profiles = p1");
        assertThat(c.profiles().get(0).levels()).containsExactly(EntityType.KEYWORD);
        assertThat(c.detection().features()).as("the data's granularity picks them").isNull();
        assertThat(c.schedule().retrainDay()).contains(DayOfWeek.SUNDAY);
        assertThat(parse("profiles = p1\nschedule.retrain-day = off").schedule().retrainDay()).isEmpty();
    }

    @Test
    void aBadValueStopsStartUpNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> parse("levels = keyword")).hasMessage("monitor config key 'profiles' must be set "
                + "(the profile ids to monitor), got none");
        assertThatThrownBy(() -> parse("profiles = p1\nlevels = keyword, campaigns"))
                .hasMessageStartingWith("monitor config key 'levels' has a bad value 'campaigns' in 'keyword, "
                        + "campaigns': entity type must be one of");
        assertThatThrownBy(() -> parse("profiles = p1\nschedule.daily-at = 25:00"))
                .hasMessage("monitor config key 'schedule.daily-at' must be a time of day such as 06:00, got '25:00'");
        assertThatThrownBy(() -> parse("profiles = p1\nmonitor.lease-ttl = soon"))
                .hasMessage("monitor config key 'monitor.lease-ttl' must be a positive duration such as 90s, 10m, 2h, "
                        + "7d or PT10M, got 'soon'");
        assertThatThrownBy(() -> parse("profiles = p1\nmonitor.threads = 0"))
                .hasMessage("monitor config key 'monitor.threads' must be an integer in [1, 256], got '0'");
        assertThatThrownBy(() -> parse("profiles = p1\nschedule.zone = Mars/Olympus"))
                .hasMessageContaining("'schedule.zone' must be a time zone such as UTC or America/New_York, got "
                        + "'Mars/Olympus'");
        assertThatThrownBy(() -> parse("profiles = p1\nmin-score = 2"))
                .hasMessage("monitor config key 'min-score' must be a number in [0.0, 1.0], got '2'");
        assertThatThrownBy(() -> parse("profiles = p1\ndetector = isolation-tree"))
                .hasMessageStartingWith("monitor config key 'detector' (value 'isolation-tree') or its 'detector.*' "
                        + "options [] are not valid: ");
        assertThatThrownBy(() -> parse("profiles = p1\ndetector.thresold = 0.9"))
                .hasMessageContaining("'detector.*' options [thresold] are not valid");
        assertThatThrownBy(() -> parse("profiles = p1\nfeatures.window.lenght = 10"))
                .hasMessageStartingWith("monitor config key 'features.window.lenght' (value '10') is unknown: feature "
                        + "keys are [");
        assertThatThrownBy(() -> parse("profiles = p1\nexplainer = lime"))
                .hasMessageStartingWith("monitor config key 'explainer' must be one of [");
    }

    @Test
    void anUnknownKeyIsRefusedAndNotificationKeysNeedTheirExtension() {
        assertThatThrownBy(() -> parse("profiles = p1\nschedule.daily = 06:00"))
                .hasMessage("monitor config key 'schedule.daily' (value '06:00') is unknown: see the keys in the "
                        + "anomaly-monitor README (keys starting 'schedule.' exist)");
        assertThatThrownBy(() -> parse("profiles = p1\nprofile.p2.levels = keyword"))
                .hasMessageContaining("'profile.p2.levels' (value 'keyword') is unknown");
        assertThatThrownBy(() -> parse("profiles = p1\nroute.oncall.type = slack"))
                .hasMessage("monitor config key 'route.oncall.type' (value 'slack') needs a monitor extension handling "
                        + "'route.*' keys (notifications: add anomaly-notify to the class path); none is installed");
        MonitorConfig c = ConfigParser.parse(props("profiles = p1\nroute.oncall.type = slack\nnotify.base-url = x"),
                Set.of("notify.", "route."));
        assertThat(c.extensionKeys()).containsEntry("route.oncall.type", "slack").containsEntry("notify.base-url",
                "x");
    }

    @Test
    void sourceAndStoreKeysAreCheckedWhenOpened(@TempDir Path dir) {
        assertThatThrownBy(() -> MonitorSources.of(props("path = /x")))
                .hasMessageStartingWith("monitor config key 'source.type' must be set");
        assertThatThrownBy(() -> MonitorSources.of(props("type = parquet")))
                .hasMessage("monitor config key 'source.type' must be one of [csv, jdbc, sample], got 'parquet'");
        assertThatThrownBy(() -> MonitorSources.of(props("type = csv\npath = " + dir.resolve("none.csv"))))
                .hasMessageContaining("'source.path' must be an existing report file or folder");
        assertThatThrownBy(() -> MonitorSources.of(props("type = csv\npath = " + dir + "\non-error = ignore")))
                .hasMessage("monitor config key 'source.on-error' must be fail or skip, got 'ignore'");
        assertThatThrownBy(() -> MonitorSources.of(props("type = sample\nkeywords = 100\nseeds = 3")))
                .hasMessage("monitor config key 'source.seeds' (value '3') is unknown for a sample source");
        assertThat(MonitorSources.of(props("type = csv\npath = /data/{profile}/reports"))).isNotNull();
        assertThatThrownBy(() -> MonitorStores.open(props("dir = " + dir + "\nurl = jdbc:h2:mem:x"),
                java.time.Clock.systemUTC())).hasMessageStartingWith("monitor config keys 'store.dir' and 'store.url' "
                + "must have exactly one set, got both");
        assertThatThrownBy(() -> MonitorStores.open(props("url = postgres://x"), java.time.Clock.systemUTC()))
                .hasMessage("monitor config key 'store.url' must be a JDBC URL starting with jdbc:, got "
                        + "'postgres://x'");
        assertThatThrownBy(() -> MonitorStores.open(props("dir = " + dir + "\npool = 3"), java.time.Clock.systemUTC()))
                .hasMessageStartingWith("monitor config key 'store.pool' (value '3') is unknown");
    }
}
