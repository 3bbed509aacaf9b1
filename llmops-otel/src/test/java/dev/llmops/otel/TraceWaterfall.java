package dev.llmops.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders the spans of one trace as an SVG waterfall: one row per span, nested rows indented. */
final class TraceWaterfall {
  private static final int ROW = 26;
  private static final int LABEL = 330;
  private static final int BARS = 560;
  private static final int TOP = 46;

  private TraceWaterfall() {}

  static String render(List<SpanData> spans, String title) {
    List<SpanData> ordered = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    for (SpanData root : children(spans, null)) {
      walk(spans, root, 0, ordered, depths);
    }
    long start = ordered.stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0);
    long end = ordered.stream().mapToLong(SpanData::getEndEpochNanos).max().orElse(1);
    double scale = BARS / (double) Math.max(1, end - start);
    int width = LABEL + BARS + 130;
    int height = TOP + ordered.size() * ROW + 40;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"monospace\" font-size=\"12\">\n");
    svg.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append("  <text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"bold\">").append(escape(title))
        .append("</text>\n");
    svg.append("  <text x=\"").append(LABEL).append("\" y=\"38\" fill=\"#666\">0</text>\n");
    svg.append("  <text x=\"").append(LABEL + BARS).append("\" y=\"38\" fill=\"#666\" text-anchor=\"end\">")
        .append(duration(end - start)).append("</text>\n");
    for (int i = 0; i < ordered.size(); i++) {
      SpanData s = ordered.get(i);
      int y = TOP + i * ROW;
      double x = LABEL + (s.getStartEpochNanos() - start) * scale;
      double w = Math.max(1.5, (s.getEndEpochNanos() - s.getStartEpochNanos()) * scale);
      if (i % 2 == 0) {
        svg.append("  <rect x=\"0\" y=\"").append(y).append("\" width=\"").append(width).append("\" height=\"")
            .append(ROW).append("\" fill=\"#f6f8fa\"/>\n");
      }
      svg.append("  <text x=\"").append(10 + depths.get(i) * 14).append("\" y=\"").append(y + 17).append("\">")
          .append(escape(s.getName())).append("</text>\n");
      svg.append("  <rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 6).append("\" width=\"").append(fmt(w))
          .append("\" height=\"").append(ROW - 12).append("\" rx=\"2\" fill=\"").append(color(s)).append("\">")
          .append("<title>").append(escape(s.getName() + " (" + s.getKind() + ")")).append("</title></rect>\n");
      svg.append("  <text x=\"").append(fmt(Math.min(x + w + 4, LABEL + BARS + 4))).append("\" y=\"")
          .append(y + 17).append("\" fill=\"#444\">").append(duration(s.getEndEpochNanos() - s.getStartEpochNanos()))
          .append("</text>\n");
    }
    int ly = TOP + ordered.size() * ROW + 22;
    legend(svg, 10, ly, "#2f6fdb", "CLIENT (inference)");
    legend(svg, 190, ly, "#e08a1e", "apply_guardrail");
    legend(svg, 350, ly, "#3a9a5b", "retrieval / embeddings");
    legend(svg, 560, ly, "#8a94a6", "INTERNAL (request, stages)");
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void legend(StringBuilder svg, int x, int y, String color, String text) {
    svg.append("  <rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
        .append(color).append("\"/><text x=\"").append(x + 16).append("\" y=\"").append(y).append("\">")
        .append(escape(text)).append("</text>\n");
  }

  private static String color(SpanData s) {
    String op = s.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"));
    if (s.getKind() == SpanKind.CLIENT) {
      return "#2f6fdb";
    }
    if ("apply_guardrail".equals(op)) {
      return "#e08a1e";
    }
    if ("retrieval".equals(op) || "embeddings".equals(op)) {
      return "#3a9a5b";
    }
    return op != null ? "#5b8def" : "#8a94a6";
  }

  private static void walk(List<SpanData> all, SpanData s, int depth, List<SpanData> out, List<Integer> depths) {
    out.add(s);
    depths.add(depth);
    for (SpanData c : children(all, s)) {
      walk(all, c, depth + 1, out, depths);
    }
  }

  private static List<SpanData> children(List<SpanData> all, SpanData parent) {
    List<SpanData> out = new ArrayList<>();
    for (SpanData s : all) {
      boolean isChild = parent == null
          ? all.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId()))
          : s.getParentSpanId().equals(parent.getSpanId());
      if (isChild) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    return out;
  }

  private static String duration(long nanos) {
    return nanos >= 1_000_000 ? fmt(nanos / 1e6) + " ms" : fmt(nanos / 1e3) + " \u00b5s";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
