package dev.llmops.core.ground;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Exact and near-duplicate removal: MinHash over word 3-shingles, banded LSH, exact Jaccard to confirm. */
final class NearDuplicates {
  private static final int HASHES = 64;
  private static final int BANDS = 16;
  private static final int ROWS = HASHES / BANDS;
  private static final long[] SEEDS = new long[HASHES];

  static {
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < HASHES; i++) {
      x += 0x9E3779B97F4A7C15L;
      SEEDS[i] = mix(x);
    }
  }

  private NearDuplicates() {}

  static List<Chunk> remove(List<Chunk> chunks, double threshold) {
    Set<String> exact = new HashSet<>();
    List<Set<Long>> keptShingles = new ArrayList<>();
    List<Map<Long, List<Integer>>> bands = new ArrayList<>();
    for (int b = 0; b < BANDS; b++) {
      bands.add(new HashMap<>());
    }
    List<Chunk> out = new ArrayList<>();
    for (Chunk c : chunks) {
      String norm = normalize(c.text());
      if (norm.isEmpty() || !exact.add(norm)) {
        continue;
      }
      if (threshold >= 1) {
        out.add(c);
        continue;
      }
      Set<Long> shingles = shingles(norm);
      long[] sig = signature(shingles);
      Set<Integer> candidates = new HashSet<>();
      long[] keys = new long[BANDS];
      for (int b = 0; b < BANDS; b++) {
        long k = 17;
        for (int r = 0; r < ROWS; r++) {
          k = k * 31 + sig[b * ROWS + r];
        }
        keys[b] = k;
        List<Integer> hit = bands.get(b).get(k);
        if (hit != null) {
          candidates.addAll(hit);
        }
      }
      boolean duplicate = false;
      for (int cand : candidates) {
        if (jaccard(shingles, keptShingles.get(cand)) >= threshold) {
          duplicate = true;
          break;
        }
      }
      if (duplicate) {
        continue;
      }
      int id = keptShingles.size();
      keptShingles.add(shingles);
      for (int b = 0; b < BANDS; b++) {
        bands.get(b).computeIfAbsent(keys[b], k -> new ArrayList<>()).add(id);
      }
      out.add(c);
    }
    return out;
  }

  static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  static Set<Long> shingles(String normalized) {
    String[] w = normalized.split(" ");
    Set<Long> out = new HashSet<>();
    if (w.length < 3) {
      out.add(hash(normalized));
      return out;
    }
    for (int i = 0; i + 2 < w.length; i++) {
      out.add(hash(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]));
    }
    return out;
  }

  static double jaccard(Set<Long> a, Set<Long> b) {
    Set<Long> small = a.size() <= b.size() ? a : b;
    Set<Long> large = small == a ? b : a;
    int inter = 0;
    for (Long x : small) {
      if (large.contains(x)) {
        inter++;
      }
    }
    int union = a.size() + b.size() - inter;
    return union == 0 ? 1 : (double) inter / union;
  }

  private static long[] signature(Set<Long> shingles) {
    long[] sig = new long[HASHES];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (long s : shingles) {
      for (int i = 0; i < HASHES; i++) {
        long h = mix(s ^ SEEDS[i]);
        if (h < sig[i]) {
          sig[i] = h;
        }
      }
    }
    return sig;
  }

  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
