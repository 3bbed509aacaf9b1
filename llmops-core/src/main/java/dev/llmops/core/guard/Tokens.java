package dev.llmops.core.guard;

import java.util.Arrays;

/**
 * The words of a folded text: runs of ASCII letters and digits (other letters count too), with the
 * sentence each belongs to. Sentences end at {@code . ! ?} or a newline.
 */
final class Tokens {
  final char[] text;
  int count;
  int[] start;
  int[] end;
  int[] sentence;
  /** Bit {@code c} set when the ASCII character {@code c < 64} occurs in the text outside words. */
  long present0;
  /** Bit {@code c - 64} set when the ASCII character {@code 64 <= c < 128} occurs outside words. */
  long present1;
  /** Index of the first token of each sentence, and one past the last. */
  int[] sentenceStart = new int[16];
  int sentences;

  Tokens(String folded) {
    this.text = folded.toCharArray();
    // a word and its separator take at least two characters: sized once, never grown for most texts
    int cap = Math.max(16, Math.min(text.length / 3 + 16, text.length / 2 + 1));
    start = new int[cap];
    end = new int[cap];
    sentence = new int[cap];
    long p0 = 0;
    long p1 = 0;
    boolean sentenceOpen = false;
    int i = 0;
    int n = text.length;
    while (i < n) {
      char c = text[i];
      if (isWord(c)) {
        int b = i;
        while (i < n && isWord(text[i])) {
          i++;
        }
        if (!sentenceOpen) {
          if (sentences + 1 >= sentenceStart.length) {
            sentenceStart = Arrays.copyOf(sentenceStart, sentenceStart.length * 2);
          }
          sentenceStart[sentences] = count;
          sentenceOpen = true;
        }
        add(b, i, sentences);
        continue;
      }
      if (c < 64) {
        p0 |= 1L << c;
      } else if (c < 128) {
        p1 |= 1L << c;
      }
      if ((c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') && sentenceOpen) {
        sentenceOpen = false;
        sentences++;
      }
      i++;
    }
    if (sentenceOpen) {
      sentences++;
    }
    present0 = p0;
    present1 = p1;
    if (sentences >= sentenceStart.length) {
      sentenceStart = Arrays.copyOf(sentenceStart, sentences + 1);
    }
    sentenceStart[sentences] = count;
  }

  private void add(int b, int e, int s) {
    if (count == start.length) {
      start = Arrays.copyOf(start, count * 2);
      end = Arrays.copyOf(end, count * 2);
      sentence = Arrays.copyOf(sentence, count * 2);
    }
    start[count] = b;
    end[count] = e;
    sentence[count] = s;
    count++;
  }

  static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xC0 && Character.isLetterOrDigit(c));
  }

  boolean is(int token, String word) {
    int len = end[token] - start[token];
    if (len != word.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (text[start[token] + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  String word(int token) {
    return new String(text, start[token], end[token] - start[token]);
  }

  int sentenceLength(int s) {
    return sentenceStart[s + 1] - sentenceStart[s];
  }

  /** Splits a folded phrase into its words, the way texts are split. */
  static String[] split(String folded) {
    Tokens t = new Tokens(folded);
    String[] out = new String[t.count];
    for (int k = 0; k < t.count; k++) {
      out[k] = t.word(k);
    }
    return out;
  }
}
