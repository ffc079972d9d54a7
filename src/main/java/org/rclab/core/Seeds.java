package org.rclab.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams derived from one {@code long} seed.
 *
 * <p>Each stream is seeded by mixing the master seed with a 64-bit hash of its name, so that
 * adding a new stream never shifts the numbers drawn by the others, and the same seed and name
 * always give the same bits. Immutable; the streams it returns are not thread-safe.
 *
 * <pre>{@code
 * Seeds seeds = new Seeds(42);
 * SplittableRandom w = seeds.stream("W");     // recurrent weights
 * SplittableRandom win = seeds.stream("Win"); // input weights
 * }</pre>
 */
public record Seeds(long seed) {

    /** A fresh generator for the stream called {@code name}; equal names give equal streams. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(streamSeed(name));
    }

    /** The 64-bit seed of the stream called {@code name}. */
    public long streamSeed(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("stream name must be non-empty, got \"" + name + "\"");
        }
        return mix(seed ^ mix(fnv1a(name)));
    }

    /** Seeds of a child family, for example one per layer: {@code seeds.child("layer1")}. */
    public Seeds child(String name) {
        return new Seeds(streamSeed(name));
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finaliser (Steele, Lea, Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
