package dev.llmops.core.prompt;

import dev.llmops.api.PromptTemplateException;
import dev.llmops.api.PromptTemplateException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compiled form of the template language.
 *
 * <p>Syntax: {@code {{name}}} inserts a text variable; {@code {{#items}}..{{/items}}} repeats its body for
 * each element of a list, where the body sees the element's fields ({@code {{field}}}) or, for a list of
 * texts, the element itself ({@code {{.}}}); {@code {{^items}}..{{/items}}} renders its body only when the
 * list is empty; {@code \{{} writes a literal {@code {{} (and {@code \\{{} a backslash before a tag). A
 * section tag alone on its line takes the line with it. Values are inserted as they are and never parsed:
 * a value holding {@code {{x}}} renders as those characters.
 *
 * <p>Strict: every variable the template uses must be given, and nothing else; sections take lists, text
 * variables take text (strings, numbers, booleans).
 */
final class Template {
  private static final int TEXT = 0;
  private static final int VAR = 1;
  private static final int DOT = 2;
  private static final int SECTION = 3;
  private static final int INVERTED = 4;

  /** One node: literal text, a variable, or a (possibly inverted) section with a body and a scope. */
  private static final class Node {
    final int kind;
    final String value;
    final Node[] body;
    final @org.jspecify.annotations.Nullable Scope scope;

    Node(int kind, String value, Node[] body, @org.jspecify.annotations.Nullable Scope scope) {
      this.kind = kind;
      this.value = value;
      this.body = body;
      this.scope = scope;
    }
  }

  /** The variables one scope uses: text names, and list names with the scope of their elements. */
  static final class Scope {
    final Map<String, Scope> lists = new TreeMap<>();
    final List<String> texts = new ArrayList<>();
    boolean usesDot;

    int size() {
      return lists.size() + texts.size();
    }

    boolean has(String name) {
      return lists.containsKey(name) || texts.contains(name);
    }

    /** {@code text}, {@code list} (of texts) or {@code list(a,b:list(c))}. */
    static String kind(Scope elements) {
      if (elements.usesDot || elements.size() == 0) {
        return "list";
      }
      StringBuilder s = new StringBuilder("list(");
      boolean first = true;
      for (Map.Entry<String, String> e : elements.schema().entrySet()) {
        s.append(first ? "" : ",").append(e.getKey());
        if (!e.getValue().equals("text")) {
          s.append(':').append(e.getValue());
        }
        first = false;
      }
      return s.append(')').toString();
    }

    Map<String, String> schema() {
      Map<String, String> m = new TreeMap<>();
      for (String t : texts) {
        m.put(t, "text");
      }
      lists.forEach((k, v) -> m.put(k, kind(v)));
      return m;
    }
  }

  private final String promptName;
  private final Node[] nodes;
  private final Scope root;
  private final Map<String, String> schema;
  private final int sizeHint;

  private Template(String promptName, Node[] nodes, Scope root, int sizeHint) {
    this.promptName = promptName;
    this.nodes = nodes;
    this.root = root;
    this.schema = Collections.unmodifiableMap(root.schema());
    this.sizeHint = sizeHint;
  }

  /** The variables schema: each top-level variable and its kind, sorted by name. */
  Map<String, String> schema() {
    return schema;
  }

  static Template compile(String promptName, String text) {
    Parser p = new Parser(promptName, text);
    Scope root = new Scope();
    Node[] nodes = p.parse(root, null, 0);
    return new Template(promptName, nodes, root, text.length() + 64);
  }

  String render(Map<String, ?> values) {
    check(root, values, null);
    StringBuilder out = new StringBuilder(sizeHint);
    renderNodes(nodes, values, null, out);
    return out.toString();
  }

  private void check(Scope scope, Map<String, ?> values, @org.jspecify.annotations.Nullable String section) {
    int found = 0;
    for (String t : scope.texts) {
      Object v = values.get(t);
      if (v == null) {
        throw error(Problem.MISSING_VARIABLE, qualified(section, t));
      }
      if (!isText(v)) {
        throw error(Problem.WRONG_TYPE, qualified(section, t), "needs text");
      }
      found++;
    }
    for (Map.Entry<String, Scope> e : scope.lists.entrySet()) {
      Object v = values.get(e.getKey());
      String name = qualified(section, e.getKey());
      if (v == null) {
        throw error(Problem.MISSING_VARIABLE, name);
      }
      if (!(v instanceof List)) {
        throw error(Problem.WRONG_TYPE, name, "needs a list");
      }
      Scope elements = e.getValue();
      int i = 0;
      for (Object element : (List<?>) v) {
        if (elements.usesDot || elements.size() == 0) {
          if (element == null || !isText(element)) {
            throw error(Problem.WRONG_TYPE, name, "element " + i + " needs text");
          }
        } else {
          if (!(element instanceof Map)) {
            throw error(Problem.WRONG_TYPE, name, "element " + i + " needs a map of fields");
          }
          check(elements, stringKeyed(name, (Map<?, ?>) element), name);
        }
        i++;
      }
      found++;
    }
    if (values.size() != found) {
      for (Object key : values.keySet()) {
        if (!(key instanceof String) || !scope.has((String) key)) {
          throw error(Problem.UNEXPECTED_VARIABLE,
              key instanceof String && Parser.isName((String) key) ? qualified(section, (String) key) : null,
              key instanceof String && Parser.isName((String) key) ? "" : "a key that is not a variable name");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, ?> stringKeyed(String name, Map<?, ?> map) {
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        throw error(Problem.WRONG_TYPE, name, "field names must be strings");
      }
    }
    return (Map<String, ?>) map;
  }

  private static String qualified(@org.jspecify.annotations.Nullable String section, String name) {
    return section == null ? name : section + "." + name;
  }

  private static boolean isText(Object v) {
    return v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character
        || v instanceof Enum;
  }

  private static void renderNodes(Node[] nodes, Map<String, ?> values, @org.jspecify.annotations.Nullable Object dot,
      StringBuilder out) {
    for (Node n : nodes) {
      switch (n.kind) {
        case TEXT:
          out.append(n.value);
          break;
        case VAR:
          Object v = values.get(n.value);
          out.append(v instanceof String ? (String) v : String.valueOf(v));
          break;
        case DOT:
          out.append(String.valueOf(dot));
          break;
        case SECTION: {
          List<?> list = (List<?>) values.get(n.value);
          for (Object element : list) {
            if (element instanceof Map) {
              @SuppressWarnings("unchecked")
              Map<String, ?> fields = (Map<String, ?>) element;
              renderNodes(n.body, fields, null, out);
            } else {
              renderNodes(n.body, Map.of(), element, out);
            }
          }
          break;
        }
        default: {
          List<?> list = (List<?>) values.get(n.value);
          if (list.isEmpty()) {
            renderNodes(n.body, values, dot, out);
          }
        }
      }
    }
  }

  private PromptTemplateException error(Problem problem, @org.jspecify.annotations.Nullable String variable) {
    return error(problem, variable, "");
  }

  private PromptTemplateException error(Problem problem, @org.jspecify.annotations.Nullable String variable,
      String detail) {
    return new PromptTemplateException(promptName, problem, variable, detail);
  }

  /** A recursive-descent parser over the template text. */
  private static final class Parser {
    private final String promptName;
    private final String text;
    private int pos;

    Parser(String promptName, String text) {
      this.promptName = promptName;
      this.text = text;
    }

    static boolean isName(String s) {
      if (s.isEmpty() || s.length() > 64) {
        return false;
      }
      char c0 = s.charAt(0);
      if (!(Character.isLetter(c0) && c0 < 128 || c0 == '_')) {
        return false;
      }
      for (int i = 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
          return false;
        }
      }
      return true;
    }

    /** Parses until the closing tag of {@code section} (or the end, at top level). */
    Node[] parse(Scope scope, @org.jspecify.annotations.Nullable String section, int openLine) {
      List<Node> nodes = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\\' && text.startsWith("{{", pos + 1)) {
          literal.append("{{");
          pos += 3;
          continue;
        }
        if (c == '\\' && text.startsWith("\\{{", pos + 1)) {
          literal.append('\\');
          pos += 2;
          continue;
        }
        if (c != '{' || !text.startsWith("{{", pos)) {
          literal.append(c);
          pos++;
          continue;
        }
        int tagStart = pos;
        int close = text.indexOf("}}", pos + 2);
        if (close < 0) {
          throw error(Problem.SYNTAX, null, "unclosed tag at line " + line(tagStart));
        }
        String inner = text.substring(pos + 2, close).strip();
        pos = close + 2;
        char sigil = inner.isEmpty() ? ' ' : inner.charAt(0);
        if (sigil == '#' || sigil == '^' || sigil == '/') {
          String name = inner.substring(1).strip();
          if (!isName(name)) {
            throw error(Problem.SYNTAX, null, "invalid section name at line " + line(tagStart));
          }
          if (standalone(literal, tagStart)) {
            skipLineEnd();
          }
          if (sigil == '/') {
            if (!name.equals(section)) {
              throw error(Problem.UNBALANCED_SECTION, name,
                  (section == null ? "closed without opening" : "closes section opened as another name")
                      + " at line " + line(tagStart));
            }
            flush(literal, nodes);
            return nodes.toArray(new Node[0]);
          }
          if (scope.texts.contains(name)) {
            throw error(Problem.SYNTAX, name, "used both as text and as a section");
          }
          flush(literal, nodes);
          if (sigil == '#') {
            Scope elements = scope.lists.computeIfAbsent(name, k -> new Scope());
            Node[] body = parse(elements, name, line(tagStart));
            if (elements.usesDot && elements.size() > 0) {
              throw error(Problem.SYNTAX, name, "a section uses both {{.}} and fields");
            }
            nodes.add(new Node(SECTION, name, body, elements));
          } else {
            scope.lists.computeIfAbsent(name, k -> new Scope());
            Node[] body = parse(scope, name, line(tagStart));
            nodes.add(new Node(INVERTED, name, body, null));
          }
          continue;
        }
        flush(literal, nodes);
        if (inner.equals(".")) {
          if (section == null) {
            throw error(Problem.SYNTAX, null, "{{.}} outside a section at line " + line(tagStart));
          }
          scope.usesDot = true;
          nodes.add(new Node(DOT, ".", new Node[0], null));
        } else {
          if (!isName(inner)) {
            throw error(Problem.SYNTAX, null, "invalid variable name at line " + line(tagStart));
          }
          if (scope.lists.containsKey(inner)) {
            throw error(Problem.SYNTAX, inner, "used both as text and as a section");
          }
          if (!scope.texts.contains(inner)) {
            scope.texts.add(inner);
          }
          nodes.add(new Node(VAR, inner, new Node[0], null));
        }
      }
      if (section != null) {
        throw error(Problem.UNBALANCED_SECTION, section, "opened at line " + openLine + " and never closed");
      }
      flush(literal, nodes);
      return nodes.toArray(new Node[0]);
    }

    /**
     * Whether the tag that started at {@code tagStart} and ended at {@code pos} is alone on its line; if so,
     * drops the indentation before it from {@code literal}.
     */
    private boolean standalone(StringBuilder literal, int tagStart) {
      int lineStart = tagStart;
      while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
        char c = text.charAt(lineStart - 1);
        if (c != ' ' && c != '\t') {
          return false;
        }
        lineStart--;
      }
      int after = pos;
      while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t'
          || text.charAt(after) == '\r')) {
        after++;
      }
      if (after < text.length() && text.charAt(after) != '\n') {
        return false;
      }
      int indent = tagStart - lineStart;
      if (literal.length() < indent) {
        return false;
      }
      literal.setLength(literal.length() - indent);
      return true;
    }

    private void skipLineEnd() {
      while (pos < text.length() && text.charAt(pos) != '\n') {
        pos++;
      }
      if (pos < text.length()) {
        pos++;
      }
    }

    private static void flush(StringBuilder literal, List<Node> nodes) {
      if (literal.length() > 0) {
        nodes.add(new Node(TEXT, literal.toString(), new Node[0], null));
        literal.setLength(0);
      }
    }

    private int line(int offset) {
      int line = 1;
      for (int i = 0; i < offset && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    private PromptTemplateException error(Problem problem, @org.jspecify.annotations.Nullable String variable,
        String detail) {
      return new PromptTemplateException(promptName, problem, variable, detail);
    }
  }

  @Override
  public String toString() {
    return "Template[" + promptName + ", variables=" + new LinkedHashMap<>(schema).keySet() + "]";
  }
}
