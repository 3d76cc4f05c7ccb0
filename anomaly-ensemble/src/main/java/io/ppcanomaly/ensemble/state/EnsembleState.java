package io.ppcanomaly.ensemble.state;

import io.ppcanomaly.ensemble.Combination;
import io.ppcanomaly.ensemble.EnsembleConfig;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.ensemble.MemberSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The persisted form of a fitted ensemble, apart from the live model: configuration, the fitted shape, and per
 * voting member its weight, its calibration sample and its own saved model. The calibrators are rebuilt from
 * the calibration sample on load, which is deterministic, so a loaded ensemble scores bit-identically.
 *
 * <h2>Body layout, format {@value #VERSION}</h2>
 * After the {@link io.ppcanomaly.api.spi.ModelStreams} header ({@code "ensemble"}, version), big-endian
 * {@link DataOutputStream} primitives:
 * <pre>
 * config:   int memberCount; per member: UTF name, double weight, int optionCount, (UTF key, UTF value)*
 *           boolean explicitMembers, UTF combination, double threshold, double holdoutFraction, int minHoldout,
 *           int maxCalibrationSamples, double tailFraction, double screen (format 2 on), long seed,
 *           boolean strict
 * shape:    int featureCount, UTF name*, int windowLength
 * voters:   int voterCount, int sampleCount; per voter: UTF name, double weight, double[sampleCount] scores,
 *           int modelBytes, byte[modelBytes] the member's own stream (its header first)
 * </pre>
 * Each member's stream is length-prefixed, so a member reader that buffers ahead cannot swallow the next one.
 *
 * @param config       the ensemble's configuration
 * @param featureNames the fitted schema's names
 * @param windowLength the fitted window length
 * @param voters       the members that were fitted, in order
 */
public record EnsembleState(EnsembleConfig config, List<String> featureNames, int windowLength, List<Voter> voters) {

    /**
     * Current format version. 2 added the calibration screen; a format 1 stream reads with the screen off, which
     * is how it was fitted.
     */
    public static final int VERSION = 2;
    /** Upper bound on any count read back, so a corrupt stream cannot trigger a huge allocation. */
    private static final int MAX_COUNT = 1 << 26;

    /** Validates and freezes the lists. */
    public EnsembleState {
        Objects.requireNonNull(config, "config");
        featureNames = List.copyOf(featureNames);
        voters = List.copyOf(voters);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("voters must not be empty, got 0");
        }
        int n = voters.get(0).calibrationScores().length;
        for (Voter v : voters) {
            if (v.calibrationScores().length != n) {
                throw new IllegalArgumentException("calibration samples must have one length, got "
                        + v.calibrationScores().length + " for '" + v.name() + "' and " + n);
            }
        }
        if (windowLength <= 0) {
            throw new IllegalArgumentException("windowLength must be > 0, got " + windowLength);
        }
    }

    /**
     * One fitted member. The arrays are not copied: this is a transfer object between the live model and a
     * stream.
     *
     * @param name              provider name
     * @param weight            configured weight, &gt; 0
     * @param calibrationScores the member's [0, 1] scores of the calibration windows
     * @param model             the member's own saved stream
     */
    public record Voter(String name, double weight, double[] calibrationScores, byte[] model) {

        /** Validates. */
        public Voter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(calibrationScores, "calibrationScores");
            Objects.requireNonNull(model, "model");
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight of '" + name + "' must be finite and > 0, got " + weight);
            }
        }
    }

    /** Writes the body (the caller writes the header first). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(config.members().size());
        for (MemberSpec m : config.members()) {
            out.writeUTF(m.name());
            out.writeDouble(m.weight());
            out.writeInt(m.options().size());
            for (Map.Entry<String, String> e : m.options().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        }
        out.writeBoolean(config.explicitMembers());
        out.writeUTF(config.combination().name());
        out.writeDouble(config.threshold());
        out.writeDouble(config.holdoutFraction());
        out.writeInt(config.minHoldout());
        out.writeInt(config.maxCalibrationSamples());
        out.writeDouble(config.tailFraction());
        out.writeDouble(config.screen());
        out.writeLong(config.seed());
        out.writeBoolean(config.strict());
        out.writeInt(featureNames.size());
        for (String f : featureNames) {
            out.writeUTF(f);
        }
        out.writeInt(windowLength);
        out.writeInt(voters.size());
        out.writeInt(voters.get(0).calibrationScores().length);
        for (Voter v : voters) {
            out.writeUTF(v.name());
            out.writeDouble(v.weight());
            for (double s : v.calibrationScores()) {
                out.writeDouble(s);
            }
            out.writeInt(v.model().length);
            out.write(v.model());
        }
    }

    /**
     * Reads a body written by {@link #write}.
     *
     * @param name    the provider name, for messages
     * @param version the stream's format version, 1 or 2
     * @throws IOException when the stream ends early or holds inconsistent values
     */
    public static EnsembleState read(DataInputStream in, String name, int version) throws IOException {
        try {
            int mc = count(in.readInt(), "member count", name);
            List<MemberSpec> members = new ArrayList<>(mc);
            for (int i = 0; i < mc; i++) {
                String member = in.readUTF();
                double weight = in.readDouble();
                int oc = count(in.readInt(), "option count", name);
                Map<String, String> options = new LinkedHashMap<>();
                for (int k = 0; k < oc; k++) {
                    options.put(in.readUTF(), in.readUTF());
                }
                members.add(new MemberSpec(member, weight, options));
            }
            boolean explicit = in.readBoolean();
            Combination combination = Combination.valueOf(in.readUTF());
            double threshold = in.readDouble();
            double holdout = in.readDouble();
            int minHoldout = in.readInt();
            int maxSamples = in.readInt();
            double tail = in.readDouble();
            double screen = version >= 2 ? in.readDouble() : 0.0;
            EnsembleConfig config = new EnsembleConfig(members, explicit, combination, threshold, holdout,
                    minHoldout, maxSamples, tail, screen, in.readLong(), in.readBoolean());
            int fc = count(in.readInt(), "feature count", name);
            List<String> features = new ArrayList<>(fc);
            for (int i = 0; i < fc; i++) {
                features.add(in.readUTF());
            }
            int windowLength = in.readInt();
            int vc = count(in.readInt(), "voter count", name);
            int n = count(in.readInt(), "calibration sample size", name);
            List<Voter> voters = new ArrayList<>(vc);
            for (int j = 0; j < vc; j++) {
                String voter = in.readUTF();
                double weight = in.readDouble();
                double[] scores = new double[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = in.readDouble();
                    if (!(scores[i] >= 0 && scores[i] <= 1)) {
                        throw new IOException("model stream of '" + name + "' is corrupt: calibration score of '"
                                + voter + "' must be in [0, 1], got " + scores[i]);
                    }
                }
                int len = count(in.readInt(), "model length of '" + voter + "'", name);
                byte[] model = ModelStreams.readFully(in, len, name);
                voters.add(new Voter(voter, weight, scores, model));
            }
            return new EnsembleState(config, features, windowLength, voters);
        } catch (EOFException e) {
            throw ModelStreams.truncated(name, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("model stream of '" + name + "' is corrupt: " + e.getMessage(), e);
        }
    }

    private static int count(int v, String what, String name) throws IOException {
        if (v < 0 || v > MAX_COUNT) {
            throw new IOException("model stream of '" + name + "' is corrupt: " + what + " must be in [0, "
                    + MAX_COUNT + "], got " + v);
        }
        return v;
    }
}
