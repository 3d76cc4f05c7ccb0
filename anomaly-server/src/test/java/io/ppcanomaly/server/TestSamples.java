package io.ppcanomaly.server;

import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.server.sample.SampleBootstrap;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.util.Map;

/**
 * The accounts the server's tests run on: two generated accounts (tenant A: 500 keywords, tenant B: 200; 90 days,
 * the default 11 incidents each, a one-day reporting outage among them), judged with Half-Space Trees. The default
 * ensemble fits its LSTM for a minute or more; Half-Space Trees fit in a few seconds and, on the 500-keyword
 * account, alert on the reporting outage (the isolation forest does not, and on 200 keywords no detector does: the
 * keywords are too small for one empty day to stand out). The tests are about the server, not detection quality,
 * which anomaly-service measures on the full sample.
 */
final class TestSamples {

    /** The detector the tests' samples are judged with. */
    static final String DETECTOR = "half-space-trees";
    /** Days judged at start. */
    static final int DAYS = 30;
    /** Tenant A: the generated account's own profile id. */
    static final SampleBootstrap.Sample A = SampleBootstrap.generate(SampleConfig.builder().keywords(500).seed(42)
            .build());
    /** Tenant B: another account, served under another profile id. */
    static final ProfileId B_PROFILE = ProfileId.of("tenant-b");
    private static final SampleBootstrap.Sample B_RAW = SampleBootstrap.generate(SampleConfig.builder().keywords(200)
            .seed(7).build());

    /** Both tenants' metrics: each profile id routed to its account. */
    static final MetricSource SOURCE = new MetricSource() {
        private final Map<String, SampleBootstrap.Sample> byProfile = Map.of(A.profile().value(), A,
                B_PROFILE.value(), B_RAW);

        @Override
        public String description() {
            return "two generated test accounts";
        }

        @Override
        public AccountData load(MetricQuery q) throws IOException {
            if (q.profileId() == null) {
                throw new IllegalArgumentException("the test source serves one profile at a time");
            }
            SampleBootstrap.Sample s = byProfile.get(q.profileId());
            if (s == null) {
                throw new IllegalArgumentException("profile must be one of " + byProfile.keySet() + ", got '"
                        + q.profileId() + "'");
            }
            return s.source().load(new MetricQuery(s.profile().value(), q.until()));
        }
    };

    private TestSamples() {
    }

    /** @return tenant B as the bootstrap sees it: its account under the profile id {@link #B_PROFILE} */
    static SampleBootstrap.Sample tenantB() {
        return new SampleBootstrap.Sample(B_RAW.account(), B_RAW.source(), B_PROFILE);
    }
}
