package io.ppcanomaly.store;

import java.util.Objects;

/**
 * What a person records when resolving an alert ({@link AlertStore#resolve}). Immutable;
 * {@code Resolution.by("ana").note("bid cap restored").revenueImpact(-412.5).build()}.
 *
 * @param who              who resolved it: 1 to 256 characters, not blank
 * @param note             what was done, at most 4,000 characters, or {@code null}
 * @param revenueImpact    the revenue impact in the account's currency (negative for a loss), finite, or
 *                         {@code null} when not known
 * @param marketConditions a JSON object snapshot of market conditions to keep with the alert, or {@code null}
 * @param campaignSettings a JSON object snapshot of the campaign's settings, or {@code null}
 */
public record Resolution(String who, String note, Double revenueImpact, String marketConditions,
                         String campaignSettings) {

    /** The longest note stored. */
    public static final int MAX_NOTE = 4000;

    /** Validates. */
    public Resolution {
        who = Validation.who(who);
        if (note != null && note.length() > MAX_NOTE) {
            throw new IllegalArgumentException("note must be at most " + MAX_NOTE + " characters, got " + note.length());
        }
        if (revenueImpact != null && !Double.isFinite(revenueImpact)) {
            throw new IllegalArgumentException("revenueImpact must be finite, got " + revenueImpact);
        }
        AlertJson.requireObject("marketConditions", marketConditions);
        AlertJson.requireObject("campaignSettings", campaignSettings);
    }

    /** @return a resolution by {@code who} with nothing else recorded */
    public static Resolution of(String who) {
        return new Resolution(who, null, null, null, null);
    }

    /** @return a builder for a resolution by {@code who} */
    public static Builder by(String who) {
        return new Builder(who);
    }

    /** Builds a {@link Resolution}. */
    public static final class Builder {
        private final String who;
        private String note;
        private Double revenueImpact;
        private String marketConditions;
        private String campaignSettings;

        private Builder(String who) {
            this.who = Objects.requireNonNull(who, "who");
        }

        /** @param n what was done; @return this */
        public Builder note(String n) {
            this.note = n;
            return this;
        }

        /** @param r revenue impact, negative for a loss; @return this */
        public Builder revenueImpact(double r) {
            this.revenueImpact = r;
            return this;
        }

        /** @param json a JSON object; @return this */
        public Builder marketConditions(String json) {
            this.marketConditions = json;
            return this;
        }

        /** @param json a JSON object; @return this */
        public Builder campaignSettings(String json) {
            this.campaignSettings = json;
            return this;
        }

        /** @return the resolution */
        public Resolution build() {
            return new Resolution(who, note, revenueImpact, marketConditions, campaignSettings);
        }
    }
}
