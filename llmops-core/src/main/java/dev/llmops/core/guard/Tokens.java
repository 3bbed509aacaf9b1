package dev.llmops.core.guard;

import java.util.Arrays;

/**
 * The words of a folded text: runs of ASCII letters and digits (other letters count too), with the
 * sentence each belongs to. Sentences end at {@code . ! ?} or a newline.
 */
final class Tokens {
  final char[] text;
  int count;
  int[] start = new int[64];
  int[] end = new int[64];
  int[] sentence = new int[64];
  /** Index of the first token of each sentence, and one past the last. */
  int[] sentenceStart = new int[16];
  int sentences;

  Tokens(String folded) {
    this.text = folded.toCharArray();
    int s = 0;
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
      if ((c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') && sentenceOpen) {
        sentenceOpen = false;
        sentences++;
      }
      i++;
    }
    if (sentenceOpen) {
      sentences++;
    }
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
