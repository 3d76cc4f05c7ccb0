package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.AbstractDetector;
import io.ppcanomaly.api.spi.FitReporter;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.ensemble.calibration.EmpiricalCalibrator;
import io.ppcanomaly.ensemble.state.EnsembleState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A calibrated, weighted vote of other detectors found by name — by default {@code period-tail} (0.7), which
 * judges the judged period feature by feature, and the window detectors: the LSTM autoencoder (0.15), Half-Space
 * Trees (0.1) and the isolation forest (0.05). Create it through
 * {@code Detectors.create("ensemble", options)}; the options are those of {@link EnsembleConfig}.
 *
 * <h2>How it scores</h2>
 * <ol>
 *   <li>Fit: every member is created afresh from its provider and fitted on the same windows — all but a
 *       held-out part (see {@link EnsembleConfig}: by default the latest 20% of periods); each member then
 *       scores the held-out windows, and those scores become its {@link EmpiricalCalibrator calibration}. The
 *       {@code period-tail} member is fitted first and screens the training data: periods it finds rarer than
 *       {@code calibration.screen} are kept out of the other members' fit and of every calibration
 *       ({@link CalibrationScreen}), so recent incidents do not compress the scores of the next ones.</li>
 *   <li>Score: each member's [0, 1] score is calibrated (0.99 = rarer than 99% of held-out normal windows, the
 *       same meaning for every member); the members' votes — by default their surprisals {@code −ln(1 − c)},
 *       a weighted Fisher combination, or with {@code combine=mean} the calibrated scores {@code c}
 *       themselves ({@link Combination}) — are averaged with the weights, and the mean is calibrated once more
 *       against the same mean on the held-out windows. The result's {@code score} is that combined calibrated
 *       score, {@code rawScore} the weighted mean before it, {@code memberScores} each voting member's
 *       calibrated score: who voted, and how hard.</li>
 *   <li>Flag: {@code score >= threshold} (default 0.999, about 0.1% of normal windows: one false alert per 1,000
 *       entity-periods). With the screen, a window whose judged period is rarer than the screen scores 1 − that
 *       period's tail probability, any other (1 − screen) times its combined calibrated score, so the budget
 *       holds.</li>
 * </ol>
 * The members' scales never meet: only their calibrated scores are combined, so the weights mean what they say.
 *
 * <h2>Degradation</h2>
 * A default member whose module is not on the class path, or that fails to fit, is left out with a WARN and the
 * weights are renormalised over the rest; a member that throws while scoring a batch is left out of that batch's
 * vote the same way. {@link #memberWeights()} and each result's {@code memberScores} say who voted. A member
 * named explicitly that is missing fails {@code create} with the available names; option {@code strict=true}
 * turns every member failure into an exception.
 *
 * <h2>Streaming</h2>
 * Members that are {@link StreamingDetector}s (Half-Space Trees) keep learning through {@link #learn} and
 * {@link #scoreAndLearn}; the others keep their fitted model, which is exactly what they would do on their own.
 * The calibration is frozen at fit time (a streaming member's score scale is stationary as long as the data
 * are; refit to recalibrate). As for any streaming detector, learning must not run concurrently with itself or
 * with scoring; scoring alone is thread-safe.
 *
 * <h2>Progress</h2>
 * {@link #fit(List, io.ppcanomaly.api.FitListener)} reports {@code MEMBERS} fitted (or left out) and passes each
 * member's own events on with the path {@code [ensemble, <member>]}: the LSTM's epochs and losses, the forest's
 * trees, Half-Space Trees' rows. A listener that throws aborts the whole fit, in strict mode or not.
 *
 * <h2>Persistence</h2>
 * {@link #save} writes the configuration, each member's own stream nested inside this one, and the calibration
 * sample ({@link EnsembleState}); loading needs the members' providers on the class path.
 */
public final class EnsembleDetector extends AbstractDetector<EnsembleConfig, FittedEnsemble>
        implements StreamingDetector {

    private final MemberLookup lookup;
    private final List<ResolvedMember> resolved;

    EnsembleDetector(EnsembleConfig config, MemberLookup lookup) {
        super(config);
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.resolved = ResolvedMember.resolve(config, lookup);
    }

    @Override
    public String name() {
        return EnsembleDetectorProvider.NAME;
    }

    /**
     * @return the members found on the class path with their weights renormalised over them, in configured
     *         order: who will be fitted
     */
    public Map<String, Double> availableMembers() {
        double sum = 0;
        for (ResolvedMember r : resolved) {
            sum += r.spec().weight();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (ResolvedMember r : resolved) {
            out.put(r.spec().name(), r.spec().weight() / sum);
        }
        return out;
    }

    /**
     * @return the fitted members with their normalised weights, in configured order: who votes
     * @throws IllegalStateException if not fitted
     */
    public Map<String, Double> memberWeights() {
        return fitted().weights();
    }

    /**
     * @param member a fitted member's name
     * @return that member's calibrator
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if the member does not vote
     */
    public EmpiricalCalibrator calibrator(String member) {
        FittedEnsemble f = fitted();
        int j = f.indexOf(member);
        if (j < 0) {
            throw new IllegalArgumentException("member must be one of " + List.of(f.names) + ", got '" + member
                    + "'");
        }
        return f.calibrators[j];
    }

    /**
     * @return the calibrator of the combined score when every member votes
     * @throws IllegalStateException if not fitted
     */
    public EmpiricalCalibrator combinedCalibrator() {
        FittedEnsemble f = fitted();
        return f.combinedFor((1 << f.members.length) - 1);
    }

    /**
     * Fits every member on the same windows and calibrates them; {@link #fit} then replaces the model atomically.
     *
     * @throws IllegalStateException when no member could be fitted
     */
    @Override
    protected FittedEnsemble fitModel(List<FeatureWindow> windows, FitReporter progress) {
        return FittedEnsemble.fit(config(), resolved, windows, progress);
    }

    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        return fitted().score(windows, false);
    }

    /** Streaming members learn the window; the others keep their model. */
    @Override
    public void learn(FeatureWindow window) {
        fitted().learn(List.of(window));
    }

    /** Streaming members learn the windows in order; the others keep their model. */
    @Override
    public void learnAll(List<FeatureWindow> windows) {
        fitted().learn(windows);
    }

    @Override
    public AnomalyResult scoreAndLearn(FeatureWindow window) {
        return fitted().score(List.of(window), true).get(0);
    }

    /**
     * Scores then learns each window in order: streaming members step through the batch causally, the others
     * score it in one call (they do not learn, so the result is the same as window by window).
     */
    @Override
    public List<AnomalyResult> scoreAndLearnAll(List<FeatureWindow> windows) {
        return fitted().score(windows, true);
    }

    /** Writes the configuration, each member's own stream and the calibration sample ({@link EnsembleState}). */
    @Override
    protected void writeModel(FittedEnsemble f, OutputStream out) throws IOException {
        List<EnsembleState.Voter> voters = new ArrayList<>(f.members.length);
        for (int j = 0; j < f.members.length; j++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            f.members[j].save(bytes);
            voters.add(new EnsembleState.Voter(f.names[j], f.configuredWeights[j], f.calibrationScores[j],
                    bytes.toByteArray()));
        }
        EnsembleState state = new EnsembleState(f.config, f.schema().names(), f.windowLength(), voters);
        DataOutputStream data = new DataOutputStream(out);
        ModelStreams.writeHeader(data, name(), EnsembleState.VERSION);
        state.write(data);
        data.flush();
    }

    /** Reads an ensemble written by {@link #save}, finding its members' providers through {@code lookup}. */
    static EnsembleDetector load(InputStream in, MemberLookup lookup) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int version = ModelStreams.readHeader(data, EnsembleDetectorProvider.NAME, 1, EnsembleState.VERSION);
        EnsembleState state = EnsembleState.read(data, EnsembleDetectorProvider.NAME, version);
        FeatureSchema schema;
        try {
            schema = FeatureSchema.of(state.featureNames());
        } catch (IllegalArgumentException e) {
            throw new IOException("model stream of '" + EnsembleDetectorProvider.NAME + "' is corrupt: "
                    + e.getMessage(), e);
        }
        int m = state.voters().size();
        String[] names = new String[m];
        Detector[] members = new Detector[m];
        double[] weights = new double[m];
        double[][] scores = new double[m][];
        List<String> available = lookup.memberCandidates();
        for (int j = 0; j < m; j++) {
            EnsembleState.Voter v = state.voters().get(j);
            if (!available.contains(v.name())) {
                throw new IllegalArgumentException("ensemble member '" + v.name() + "' of the saved model must be "
                        + "available to load it; available detectors are " + available);
            }
            names[j] = v.name();
            members[j] = lookup.provider(v.name()).load(new ByteArrayInputStream(v.model()));
            if (!members[j].schema().equals(schema) || members[j].windowLength() != state.windowLength()) {
                throw new IOException("model stream of '" + EnsembleDetectorProvider.NAME + "' is corrupt: member '"
                        + v.name() + "' has schema " + members[j].schema() + " and length "
                        + members[j].windowLength() + ", the ensemble " + schema + " and " + state.windowLength());
            }
            weights[j] = v.weight();
            scores[j] = v.calibrationScores();
        }
        EnsembleDetector d = new EnsembleDetector(state.config(), lookup);
        d.publish(new FittedEnsemble(state.config(), names, members, weights, scores));
        return d;
    }

}
