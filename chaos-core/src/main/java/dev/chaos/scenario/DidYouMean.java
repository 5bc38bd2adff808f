package dev.chaos.scenario;

/**
 * The name a user likely meant when a file has one chaos does not know (a scenario's or a target
 * file's key, a checker's name): the known name within two edits of the typed one, so an error can
 * say "did you mean ...".
 */
public final class DidYouMean {

    private static final int MAX_EDITS = 2;

    private DidYouMean() {
    }

    /** The first of {@code known}, in its order, fewest edits from {@code typed} and at most two; null when none is that near. */
    public static String closest(String typed, Iterable<String> known) {
        String best = null;
        int bestD = MAX_EDITS + 1;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestD) {
                best = k;
                bestD = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
