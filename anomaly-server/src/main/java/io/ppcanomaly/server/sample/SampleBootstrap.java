package io.ppcanomaly.server.sample;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.server.ModelProvider;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a generated account ready to be looked at: its keyword model trained on the days before the last
 * {@code days} and saved (so later detections answer at once), and those days judged once and stored, so the
 * dashboard has alerts. Idempotent: a saved model is reused, and days whose alerts the store already holds are not
 * judged again. Used by the one-command start and by the tests (on a smaller account).
 */
public final class SampleBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(SampleBootstrap.class);

    private SampleBootstrap() {
    }

    /**
     * A generated account and its metric source.
     *
     * @param account the account with its labelled incidents
     * @param source  its metrics
     * @param profile the store's tenant its alerts are kept under (by default the account's own profile id; the
     *                tests keep a second account under another id)
     */
    public record Sample(SampleAccount account, InMemoryMetricSource source, ProfileId profile) {
    }

    /**
     * What {@link #prepare} did.
     *
     * @param model      the model the days were judged with
     * @param trained    whether it was trained now (false: loaded)
     * @param judged     whether the days were judged now (false: the store already held them)
     * @param alerts     alerts of the judged days (0 when not judged now)
     * @param saved      what the save stored, or {@code null} when not judged now
     */
    public record Prepared(TrainedModel model, boolean trained, boolean judged, int alerts, SaveResult saved) {
    }

    /** @return the account {@code config} generates, as a metric source */
    public static Sample generate(SampleConfig config) {
        SampleAccount a = SyntheticAccountGenerator.generate(config);
        AccountData data = new AccountData(a.graph(), a.granularity(), a.keywordSeries(), LoadSummary.NONE);
        InMemoryMetricSource src = InMemoryMetricSource.of("generated sample (" + a.keywordIds().size()
                + " keywords, " + config.days() + " days, seed " + config.seed() + ")", data);
        String profile = a.graph().entities(EntityType.PROFILE).get(0).id();
        return new Sample(a, src, ProfileId.of(profile));
    }

    /**
     * Trains (or loads) the keyword model and judges the last {@code days} days once.
     *
     * @param models   root of the saved models ({@link ModelProvider#directory(Path)} layout)
     * @param detector detector provider name
     * @param days     days judged, ending at the account's last day, in [1, account days − 30]
     * @throws IOException when a model cannot be saved or read
     */
    public static Prepared prepare(Sample sample, AlertStore store, AnomalyService service, Path models,
                                   String detector, int days) throws IOException {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(models, "models");
        int total = sample.account().config().days();
        if (days < 1 || days > total - 30) {
            throw new IllegalArgumentException("days must be between 1 and " + (total - 30)
                    + " (the account's days less 30 of history), got " + days);
        }
        ProfileId profile = sample.profile();
        String dataProfile = sample.account().graph().entities(EntityType.PROFILE).get(0).id();
        LocalDateTime end = sample.account().end();
        LocalDateTime trainedThrough = end.minusDays(days);
        Path dir = models.resolve(ModelProvider.profileDirectory(profile));
        Optional<TrainedModel> saved = ModelProvider.directory(models).model(profile, EntityType.KEYWORD, detector)
                .filter(m -> !m.trainedThrough().isAfter(trainedThrough));
        TrainedModel model;
        boolean trained = saved.isEmpty();
        if (saved.isPresent()) {
            model = saved.get();
            LOG.info("Using the saved {} model of profile {} (trained through {})", detector, profile,
                    model.trainedThrough().toLocalDate());
        } else {
            LOG.info("Training the {} keyword model of profile {} on the days up to {} (the ensemble takes about a "
                    + "minute)", detector, profile, trainedThrough.toLocalDate());
            model = service.train(DetectionRequest.builder().profileId(dataProfile).detector(detector)
                    .asOf(trainedThrough).build(), sample.source());
            ModelStore.save(model, dir);
            LOG.info("Trained in {} s on {} windows; saved in {}", model.fitMillis() / 1000, model.trainingWindows(),
                    dir);
        }
        long stored = store.statistics(profile, end.toLocalDate().minusDays(days - 1L), end.toLocalDate()).total();
        if (stored > 0) {
            LOG.info("The store already holds {} alerts of the last {} days of profile {}: not judging them again",
                    stored, days, profile);
            return new Prepared(model, trained, false, 0, null);
        }
        DetectionRequest request = model.applyTo(DetectionRequest.builder().profileId(dataProfile)
                .asOf(end).periods(days).build());
        DetectionReport report = service.detect(request, sample.source());
        SaveResult result = store.save(profile, report);
        LOG.info("Judged the last {} days of profile {}: {} alerts, {} stored as {} alerts", days, profile,
                report.anomaliesDetected(), report.anomaliesDetected() - result.alreadyStored(),
                result.opened().size());
        return new Prepared(model, trained, true, report.anomaliesDetected(), result);
    }
}
