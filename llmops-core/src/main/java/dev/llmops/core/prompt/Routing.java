package dev.llmops.core.prompt;

/**
 * The stable hash behind sticky A/B routing: 64-bit FNV-1a over the UTF-16 code units of the prompt name,
 * label and routing key, finished with the MurmurHash3 mixer. Defined here, not by the JVM, so a key lands
 * on the same arm in every process and release.
 */
final class Routing {
  private Routing() {}

  static long hash(String name, String label, String key) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, name);
    h = (h ^ 0) * 0x100000001b3L;
    h = mix(h, label);
    h = (h ^ 0) * 0x100000001b3L;
    h = mix(h, key);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * 0x100000001b3L;
      h = (h ^ (c >>> 8)) * 0x100000001b3L;
    }
    return h;
  }

  /** A bucket in {@code [0, total)} for the key. */
  static int bucket(String name, String label, String key, int total) {
    return (int) Long.remainderUnsigned(hash(name, label, key), total);
  }
}
