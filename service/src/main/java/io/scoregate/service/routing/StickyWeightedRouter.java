package io.scoregate.service.routing;

import java.nio.charset.StandardCharsets;

/**
 * Weighted, sticky choice of a version: a deterministic hash of (applicationId, revision) gives a bucket
 * 0..99, and the buckets are handed out in table order (stable first, then the candidate) by weight.
 * The same application lands in the same bucket on every instance while the revision is unchanged; a new
 * revision reshuffles the buckets, so one unlucky set of applications does not stay on a candidate forever.
 *
 * <p>Hash: 64-bit FNV-1a over the UTF-8 bytes of the id and the revision, finished with the SplitMix64
 * mixer, because FNV-1a alone leaves its low bits poorly mixed for short keys. Cost: one pass over the id.
 */
public final class StickyWeightedRouter {

    public static final int BUCKETS = 100;

    private StickyWeightedRouter() {
    }

    /** The version for this application under this table. */
    public static String choose(RoutingTable table, String applicationId) {
        int bucket = bucketOf(applicationId, table.revision());
        int stableWeight = table.weightOf(table.stable());
        if (bucket < stableWeight) {
            return table.stable();
        }
        return table.candidate().filter(c -> table.weightOf(c) > 0).orElse(table.stable());
    }

    /** The bucket 0..99 of an application under a revision. */
    public static int bucketOf(String applicationId, long revision) {
        long h = 0xcbf29ce484222325L;
        for (byte b : applicationId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L; // separator, so ("ab", 1) and ("a", b1...) differ
        for (int i = 0; i < Long.BYTES; i++) {
            h = (h ^ ((revision >>> (8 * i)) & 0xff)) * 0x100000001b3L;
        }
        return (int) Long.remainderUnsigned(splitMix64(h), BUCKETS);
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
