package io.ppcanomaly.lstm.state;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import java.io.InputStream;

/**
 * Run in a child JVM whose class path holds only this module, anomaly-api and SLF4J — no DL4J, no ND4J: loads
 * the fixture through the registry and prints its scores of the probe windows, one hex double per line, after
 * a line saying whether ND4J is on the class path at all.
 */
public final class NoNativeScoringProbe {

    private NoNativeScoringProbe() {
    }

    /** Prints "nd4j absent" or "nd4j present", then the raw scores. */
    public static void main(String[] args) throws Exception {
        boolean nd4j;
        try {
            Class.forName("org.nd4j.linalg.factory.Nd4j", false, NoNativeScoringProbe.class.getClassLoader());
            nd4j = true;
        } catch (ClassNotFoundException e) {
            nd4j = false;
        }
        System.out.println(nd4j ? "nd4j present" : "nd4j absent");
        Detector d;
        try (InputStream in = NoNativeScoringProbe.class.getResourceAsStream(ModelFixtures.MODEL_V1)) {
            d = Detectors.load(in);
        }
        for (AnomalyResult r : d.scoreAll(ModelFixtures.probe())) {
            System.out.println(Double.toHexString(r.rawScore()));
        }
    }
}
