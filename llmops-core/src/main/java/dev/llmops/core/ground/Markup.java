package dev.llmops.core.ground;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reduces Markdown and HTML to paragraphs of plain text. */
final class Markup {
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n+");
  private static final Pattern HTML_DROP = Pattern.compile(
      "(?is)<(script|style|head|template|noscript)\\b.*?</\\1\\s*>|<!--.*?-->");
  private static final Pattern HTML_BLOCK = Pattern.compile(
      "(?i)</?(p|div|br|hr|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre|dd|dt|title)"
          + "\\b[^>]*>");
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
  private static final Map<String, String> NAMED = Map.of(
      "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "mdash", "\u2014",
      "ndash", "\u2013", "hellip", "\u2026", "copy", "\u00a9");
  private static final Pattern MD_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern MD_HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s*(.*?)\\s*#*\\s*$");
  private static final Pattern MD_LIST = Pattern.compile("(?m)^\\s*(?:[-*+]|\\d+[.)])\\s+");
  private static final Pattern MD_QUOTE = Pattern.compile("(?m)^\\s*>\\s?");
  private static final Pattern MD_EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|_|`)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern MD_RULE = Pattern.compile("(?m)^\\s*([-*_]\\s*){3,}$");
  private static final Pattern MD_TABLE_RULE = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}.*$");

  private Markup() {}

  /** The document's paragraphs, in order, each trimmed and with runs of spaces collapsed; never blank. */
  static List<String> paragraphs(Document doc) {
    String text = doc.text().replace("\r\n", "\n").replace('\r', '\n');
    switch (doc.format()) {
      case HTML:
        text = html(text);
        break;
      case MARKDOWN:
        text = markdown(text);
        break;
      default:
        break;
    }
    List<String> out = new ArrayList<>();
    for (String p : BLANK_LINES.split(text)) {
      String clean = p.replaceAll("[\\s\\u00a0]+", " ").trim();
      if (!clean.isEmpty()) {
        out.add(clean);
      }
    }
    return out;
  }

  static String html(String html) {
    String s = HTML_DROP.matcher(html).replaceAll(" ");
    s = HTML_BLOCK.matcher(s).replaceAll("\n\n");
    s = HTML_TAG.matcher(s).replaceAll("");
    s = s.replaceAll("[ \\t]*\\n[ \\t]*(?!\\n)", " ");
    return decodeEntities(s);
  }

  static String decodeEntities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String e = m.group(1);
      String rep;
      try {
        if (e.startsWith("#x") || e.startsWith("#X")) {
          rep = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
        } else if (e.startsWith("#")) {
          rep = new String(Character.toChars(Integer.parseInt(e.substring(1))));
        } else {
          rep = NAMED.getOrDefault(e.toLowerCase(Locale.ROOT), m.group());
        }
      } catch (IllegalArgumentException ex) {
        rep = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(rep));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String markdown(String md) {
    StringBuilder out = new StringBuilder(md.length());
    boolean fence = false;
    StringBuilder prose = new StringBuilder();
    for (String line : md.split("\n", -1)) {
      if (line.trim().startsWith("```") || line.trim().startsWith("~~~")) {
        if (!fence) {
          out.append(prose(prose.toString()));
          prose.setLength(0);
          out.append("\n\n");
        } else {
          out.append("\n\n");
        }
        fence = !fence;
        continue;
      }
      if (fence) {
        out.append(line).append('\n');
      } else {
        prose.append(line).append('\n');
      }
    }
    out.append(prose(prose.toString()));
    return out.toString();
  }

  private static String prose(String s) {
    s = MD_RULE.matcher(s).replaceAll("\n");
    s = MD_TABLE_RULE.matcher(s).replaceAll("");
    s = MD_HEADING.matcher(s).replaceAll("\n\n$1\n\n");
    s = MD_LIST.matcher(s).replaceAll("\n\n");
    s = MD_QUOTE.matcher(s).replaceAll("");
    s = MD_LINK.matcher(s).replaceAll("$1");
    s = MD_EMPHASIS.matcher(s).replaceAll("$2");
    s = s.replace("|", " ");
    return decodeEntities(s);
  }

  /** Whether a text looks binary: NUL, or more than 1% other control characters or replacement chars. */
  static boolean looksBinary(String text) {
    int bad = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return true;
      }
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == '\uFFFD') {
        bad++;
      }
    }
    return bad > 0 && bad * 100 > text.length();
  }
}
