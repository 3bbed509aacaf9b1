package dev.llmops.core.guard;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;

/**
 * The learned layer of {@link PromptInjectionGuard}: a logistic regression over hashed word features of the
 * guard's folded text, trained offline by {@code tools/guardml/train_injection.py} on public attack and benign
 * texts (see docs/guards.md).
 *
 * <p>Features, exactly as the training script computes them: the folded text is split into words (runs of
 * {@code a-z}, {@code 0-9} and letters or digits from U+00C0 on); each word, each pair of adjacent words
 * joined by one space, and, for words of seven or more characters, {@code '>'} followed by their first five
 * characters, is hashed with FNV-1a 32 over its UTF-8 bytes and masked to {@code 2^bits} buckets. The
 * probability is {@code sigmoid(bias + scale * sum(w[bucket]) / sqrt(max(16, features)))} with int8 weights.
 *
 * <p>The resource {@code injection-model.bin} is gzip: the magic {@code LIM1}, a version byte (1), the bit
 * count, two reserved bytes, then big-endian float32 scale, bias and threshold, then {@code 2^bits} int8
 * weights. Scoring allocates nothing and reads each character of the text once or twice.
 */
final class InjectionModel {
  static final String RESOURCE = "injection-model.bin";
  private static final int FNV_OFFSET = 0x811C9DC5;
  private static final int FNV_PRIME = 0x01000193;
  private static final int PREFIX_FROM = 7;
  private static final int PREFIX = 5;
  /** Short texts are scored as if they had this many features: a few words make the model less sure. */
  private static final int MIN_FEATURES = 16;
  /** Words per block; long texts are scored per window of two consecutive blocks. */
  static final int BLOCK = 20;
  static final String SIGNAL = "learned_classifier";
  private static final double GUARD_THRESHOLD = 0.6;

  private final byte[] weights;
  private final int mask;
  private final double scale;
  private final double bias;
  private final double threshold;

  private InjectionModel(byte[] weights, int bits, double scale, double bias, double threshold) {
    this.weights = weights;
    this.mask = (1 << bits) - 1;
    this.scale = scale;
    this.bias = bias;
    this.threshold = threshold;
  }

  /** The shipped model, loaded once. */
  static InjectionModel shipped() {
    return Holder.MODEL;
  }

  private static final class Holder {
    static final InjectionModel MODEL = load();
  }

  static InjectionModel load() {
    try (InputStream raw = InjectionModel.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
      byte[] magic = new byte[4];
      in.readFully(magic);
      int version = in.readUnsignedByte();
      int bits = in.readUnsignedByte();
      in.readUnsignedShort();
      if (magic[0] != 'L' || magic[1] != 'I' || magic[2] != 'M' || magic[3] != '1' || version != 1 || bits < 8
          || bits > 24) {
        throw new IllegalStateException("unsupported " + RESOURCE);
      }
      double scale = in.readFloat();
      double bias = in.readFloat();
      double threshold = in.readFloat();
      byte[] w = new byte[1 << bits];
      in.readFully(w);
      return new InjectionModel(w, bits, scale, bias, threshold);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The probability from which the model alone calls a text an injection (chosen by cross-validation). */
  double threshold() {
    return threshold;
  }

  /**
   * The probability that the folded text {@code a[0, n)} is an injection: of the whole text or, for a text
   * of at least {@code 3 * BLOCK} words, the highest of its windows of two consecutive blocks of {@code BLOCK}
   * words (stride one block; a window's first word loses its pair with the word before). So one injected
   * sentence in a long document is scored nearly on its own, and a long text's score does not grow with its
   * length. One pass, no allocation.
   */
  double probability(char[] a, int n) {
    byte[] w = weights;
    int m = mask;
    long sum = 0;
    int features = 0;
    int prev = 0;
    boolean hasPrev = false;
    int words = 0;
    // the block being filled, the block before it, and each one's first word's pair weight
    long blockSum = 0;
    int blockN = 0;
    long firstPair = 0;
    int firstPairN = 0;
    long lastSum = 0;
    int lastN = 0;
    long lastFirstPair = 0;
    int lastFirstPairN = 0;
    boolean hasLast = false;
    int inBlock = 0;
    double bestWindow = Double.NEGATIVE_INFINITY;
    int i = 0;
    while (i < n) {
      char c = a[i];
      if (!isWord(c)) {
        i++;
        continue;
      }
      int h = FNV_OFFSET;
      int h5 = 0;
      int len = 0;
      do {
        if (c < 0x80) {
          h = (h ^ c) * FNV_PRIME;
        } else if (c < 0x800) {
          h = (h ^ (0xC0 | (c >> 6))) * FNV_PRIME;
          h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
        } else {
          h = (h ^ (0xE0 | (c >> 12))) * FNV_PRIME;
          h = (h ^ (0x80 | ((c >> 6) & 0x3F))) * FNV_PRIME;
          h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
        }
        if (++len == PREFIX) {
          h5 = h;
        }
        i++;
      } while (i < n && isWord(c = a[i]));
      long wordSum = w[h & m];
      int wordN = 1;
      int pair = 0;
      if (hasPrev) {
        pair = w[((prev * FNV_PRIME ^ h) * FNV_PRIME) & m];
        wordSum += pair;
        wordN++;
      }
      if (len >= PREFIX_FROM) {
        wordSum += w[((h5 ^ '>') * FNV_PRIME) & m];
        wordN++;
      }
      sum += wordSum;
      features += wordN;
      prev = h;
      if (inBlock == 0) {
        firstPair = pair;
        firstPairN = hasPrev ? 1 : 0;
      }
      hasPrev = true;
      words++;
      blockSum += wordSum;
      blockN += wordN;
      if (++inBlock == BLOCK) {
        if (hasLast) {
          bestWindow = Math.max(bestWindow, window(lastSum - lastFirstPair + blockSum, lastN - lastFirstPairN + blockN));
        }
        lastSum = blockSum;
        lastN = blockN;
        lastFirstPair = firstPair;
        lastFirstPairN = firstPairN;
        hasLast = true;
        blockSum = 0;
        blockN = 0;
        inBlock = 0;
      }
    }
    double z = bias + scale * sum * (1.0 / Math.sqrt(Math.max(MIN_FEATURES, features)));
    if (words >= 3 * BLOCK) {
      if (inBlock > 0) {
        bestWindow = Math.max(bestWindow, window(lastSum - lastFirstPair + blockSum, lastN - lastFirstPairN + blockN));
      }
      // windows alone: the whole text's logit grows with the square root of its length (counts over
      // sqrt(features)), so a benign paragraph said five times would look sure
      z = bestWindow;
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The logit of a window with these summed weights and this many features. */
  private double window(long sum, int features) {
    return bias + scale * sum * (1.0 / Math.sqrt(Math.max(MIN_FEATURES, features)));
  }

  /**
   * Adds the model to a heuristic score: a probability {@code p} at or above {@link #threshold()} maps
   * linearly onto {@code [0.6, 1]} (0.6 being the guard's default threshold) and the higher score wins,
   * with the signal {@value #SIGNAL}; a lower probability leaves the score as it is.
   */
  double combine(Tokens tokens, double score, StringJoiner signals) {
    double p = probability(tokens);
    if (p < threshold) {
      return score;
    }
    double s = GUARD_THRESHOLD + (1 - GUARD_THRESHOLD) * (p - threshold) / (1 - threshold);
    signals.add(SIGNAL);
    return Math.max(score, Math.min(1, s));
  }

  /** The probability for the guard's tokens of a text. */
  double probability(Tokens tokens) {
    return probability(tokens.text, tokens.length);
  }

  /** Per ASCII character: whether it is a word character ({@code a-z}, {@code 0-9}; folded text has no A-Z). */
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_WORD[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII_WORD[c] = true;
    }
  }

  static boolean isWord(char c) {
    return c < 0x80 ? ASCII_WORD[c] : c >= 0xC0 && Character.isLetterOrDigit(c);
  }
}
