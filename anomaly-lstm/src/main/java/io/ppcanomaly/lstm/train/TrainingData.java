package io.ppcanomaly.lstm.train;

import io.ppcanomaly.api.features.FeatureWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which windows train the network and which are held out, chosen from the seed alone.
 *
 * <p>Windows of one entity overlap (consecutive days share 13 of 14 periods), so holding out random windows
 * would validate on periods the network has already seen. When the windows name at least
 * {@link #MIN_ENTITIES_FOR_ENTITY_SPLIT} entities, whole entities are held out instead; otherwise windows are.
 *
 * @param training   indices of the windows gradient descent draws from, ascending
 * @param validation indices of the held-out windows, ascending
 */
record TrainingData(int[] training, int[] validation) {

    /** Fewest distinct entities for which the hold-out is made of whole entities. */
    static final int MIN_ENTITIES_FOR_ENTITY_SPLIT = 10;

    static TrainingData split(List<FeatureWindow> windows, double validationFraction, long seed) {
        int n = windows.size();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean[] held = new boolean[n];
        if (validationFraction > 0 && n >= 2) {
            Map<String, List<Integer>> byEntity = new LinkedHashMap<>();
            boolean allNamed = true;
            for (int i = 0; i < n; i++) {
                String id = windows.get(i).entityId();
                if (id == null) {
                    allNamed = false;
                    break;
                }
                byEntity.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            }
            if (allNamed && byEntity.size() >= MIN_ENTITIES_FOR_ENTITY_SPLIT) {
                // Sorted ids, then a seeded shuffle: the split depends on the entities, not on the input order.
                String[] ids = byEntity.keySet().toArray(new String[0]);
                Arrays.sort(ids);
                shuffle(ids, rnd);
                int holdOut = Math.max(1, (int) Math.round(ids.length * validationFraction));
                for (int e = 0; e < holdOut; e++) {
                    for (int i : byEntity.get(ids[e])) {
                        held[i] = true;
                    }
                }
            } else {
                int[] order = permutation(n, rnd);
                int holdOut = Math.max(1, (int) Math.round(n * validationFraction));
                for (int j = 0; j < holdOut; j++) {
                    held[order[j]] = true;
                }
            }
        }
        int[] train = indices(held, false);
        int[] valid = indices(held, true);
        if (train.length == 0) {
            // Too few windows to hold any out: validate on the training loss instead.
            train = valid;
            valid = new int[0];
        }
        return new TrainingData(train, valid);
    }

    private static int[] indices(boolean[] held, boolean want) {
        int c = 0;
        for (boolean h : held) {
            if (h == want) {
                c++;
            }
        }
        int[] out = new int[c];
        for (int i = 0, j = 0; i < held.length; i++) {
            if (held[i] == want) {
                out[j++] = i;
            }
        }
        return out;
    }

    static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    private static <T> void shuffle(T[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            T t = a[i];
            a[i] = a[k];
            a[k] = t;
        }
    }
}
