package io.ppcanomaly.service.source;

import java.util.Arrays;

/**
 * Gives one {@code String} per distinct text read from a char buffer: a report repeats each campaign, ad group,
 * keyword and id on every one of its days, so a load builds each of them once instead of once per row. Bounded:
 * past {@link #MAX} distinct texts it keeps what it has and builds the rest afresh. Not thread-safe.
 */
final class TextTable {

    /** Distinct texts kept at most. */
    static final int MAX = 1 << 16;

    private String[] strings = new String[1 << 12];
    private char[][] keys = new char[1 << 12][];
    private int[] hashes = new int[1 << 12];
    private int size;

    /** @return the text {@code chars[offset, offset + length)} as a string, the same instance for the same text */
    String get(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int mask = strings.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            char[] k = keys[slot];
            if (k == null) {
                String s = new String(chars, offset, length);
                if (size < MAX) {
                    keys[slot] = Arrays.copyOfRange(chars, offset, offset + length);
                    strings[slot] = s;
                    hashes[slot] = h;
                    if (++size * 2 > strings.length) {
                        grow();
                    }
                }
                return s;
            }
            if (hashes[slot] == h && Arrays.equals(k, 0, k.length, chars, offset, offset + length)) {
                return strings[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        String[] oldStrings = strings;
        char[][] oldKeys = keys;
        int[] oldHashes = hashes;
        int n = oldStrings.length * 2;
        strings = new String[n];
        keys = new char[n][];
        hashes = new int[n];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = (oldHashes[i] ^ (oldHashes[i] >>> 16)) & (n - 1);
                while (keys[slot] != null) {
                    slot = (slot + 1) & (n - 1);
                }
                keys[slot] = oldKeys[i];
                strings[slot] = oldStrings[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
