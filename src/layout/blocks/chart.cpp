// The `chart` block: a vector chart of one value per element of `each` (bars or a line), with
// axis, gridlines, value labels and category labels, in the document's font and digits. Drawn
// as rules, rectangles and glyph runs, never as an image, so its labels read back as text.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"
#include "layout/pdf_strings.h"

namespace oitgen::layout {
namespace {

struct ChartParams : BlockParams {
  std::string kind = "bars";  // or "line"
  Template label;             // category label under each bar ("{year}")
  Template value;             // path of the number to plot ("score")
  Template value_label;       // printed above each bar; default: the value with two decimals
  double height = 7 * kPointsPerCm, width = 0;  // points; width 0 = the column
  bool has_min = false, has_max = false;
  double min = 0, max = 0, step = 0;  // axis range and gridline step; 0 = chosen from the data
  double fill = 0.55;                 // bar gray level
  int decimals = 2;                   // of axis and default value labels
  std::vector<Template> alt;          // what the chart is about; its figures are added to it
  Template alt_point;                 // one figure said in words ("พ.ศ. {year} ได้ {score} คะแนน")
};

std::vector<data::Field> keys() {
  using namespace data;
  auto s = string_type();
  auto n = number_type();
  return {opt("kind", s),  req("label", s), req("value", s),  opt("value_label", s), opt("height", n),
          opt("width", n), opt("min", n),   opt("max", n),    opt("step", n),        opt("fill", n),
          opt("decimals", integer_type()), opt("alt", templates_type()),
          opt("alt_point", s)};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser& parser) {
  auto p = std::make_shared<ChartParams>();
  if (const data::Node* k = n.get("kind")) {
    p->kind = k->s;
    if (p->kind != "bars" && p->kind != "line")
      parser.diags.error(k->where, "unknown chart kind '" + p->kind + "'; expected bars or line");
  }
  p->label = template_of(n.get("label"));
  p->value = template_of(n.get("value"));
  p->value_label = template_of(n.get("value_label"));
  p->height = number_or(n.get("height"), p->height / kPointsPerCm) * kPointsPerCm;
  p->width = number_or(n.get("width"), 0) * kPointsPerCm;
  p->has_min = n.get("min") != nullptr;
  p->has_max = n.get("max") != nullptr;
  p->min = number_or(n.get("min"), 0);
  p->max = number_or(n.get("max"), 0);
  p->step = number_or(n.get("step"), 0);
  p->fill = number_or(n.get("fill"), p->fill);
  p->decimals = static_cast<int>(number_or(n.get("decimals"), p->decimals));
  p->alt = templates_of(n.get("alt"));
  p->alt_point = template_of(n.get("alt_point"));
  if (p->has_min && p->has_max && p->max <= p->min)
    parser.diags.error(n.get("max")->where, "the chart's 'max' must be above its 'min'");
  if (p->step < 0) parser.diags.error(n.get("step")->where, "the chart's 'step' must be positive");
  if (p->height < 2 * kPointsPerCm) parser.diags.error(n.where, "a chart needs a 'height' of at least 2 cm");
  if (p->decimals < 0 || p->decimals > 4) parser.diags.error(n.get("decimals")->where, "'decimals' must be 0 to 4");
  b.params = std::move(p);
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// A gridline step of 1, 2 or 5 × 10^k giving about five intervals.
double nice_step(double span) {
  const double raw = span / 5;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

struct Point {
  std::string label, value_text, said;
  double value = 0;
};

// The chart said in words, from the figures it draws: "แผนภูมิแท่ง คะแนน: ๒๕๖๓ ๘๐.๕๐, ๒๕๖๔
// ๘๕.๑๒ และ ๒๕๖๕ ๘๗.๕๖" (the layout's `alt` first, else the kind of chart).
std::string description(const std::string& about, const std::string& kind, const std::vector<Point>& points) {
  std::string out = about.empty() ? (kind == "line" ? "แผนภูมิเส้น" : "แผนภูมิแท่ง") : about;
  out += ": ";
  for (size_t i = 0; i < points.size(); ++i) {
    if (i > 0) out += i + 1 == points.size() ? " และ " : ", ";
    out += points[i].said.empty() ? points[i].label + " " + points[i].value_text : points[i].said;
  }
  return out;
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<ChartParams>(b);
  auto& diags = e.ctx().diags;
  std::vector<Point> points;
  e.for_each_scope(b, scope, [&](const Scope& s) {
    int index = 0;
    const data::Node* v = resolve_path(p.value.text, s, &index);
    if (!v || !v->is_number() || !std::isfinite(v->number())) {
      diags.error(v ? v->where : p.value.where, "the chart's value '" + p.value.text + "' must name a number");
      return;
    }
    Point pt;
    pt.value = v->number();
    pt.label = e.digits(expand_plain(p.label, s, diags));
    pt.value_text = e.digits(p.value_label.empty() ? fixed(pt.value, p.decimals) : expand_plain(p.value_label, s, diags));
    if (!p.alt_point.empty()) pt.said = e.digits(expand_plain(p.alt_point, s, diags));
    points.push_back(std::move(pt));
  });
  if (points.empty()) return;

  // The axis range: the layout's, or from zero (or the lowest value) to a step above the highest.
  double lo = p.has_min ? p.min : std::min(0.0, std::min_element(points.begin(), points.end(), [](auto& a, auto& c) {
                                                  return a.value < c.value;
                                                })->value);
  double hi_data = std::max_element(points.begin(), points.end(), [](auto& a, auto& c) { return a.value < c.value; })->value;
  double step = p.step > 0 ? p.step : nice_step(std::max(1e-9, (p.has_max ? p.max : hi_data) - lo));
  double hi = p.has_max ? p.max : std::ceil(hi_data / step) * step;
  if (hi <= lo) hi = lo + step;
  if ((hi - lo) / step > 50) step = nice_step(hi - lo);

  const StyleSpec& st = e.style_of(b.style, b.where);
  const double size = e.printed_size(st);
  const text::Font* font = e.font_of(st, false);
  auto line_of = [&](const std::string& text) { return e.unbroken_line({{text, font, size}}, b.where); };

  const auto frame = e.frame();
  const double width = p.width > 0 ? std::min(p.width, frame.width) : frame.width;
  const double left = e.aligned_x(width, "center");
  const double line_h = size * 1.4;
  // Axis labels on the left, as wide as the widest.
  std::vector<std::pair<double, text::Line>> ticks;
  double tick_w = 0;
  for (int i = 0; lo + i * step <= hi + step * 1e-6; ++i) {
    const double v = lo + i * step;
    ticks.push_back({v, line_of(e.digits(fixed(v, std::fabs(step - std::round(step)) < 1e-9 ? 0 : p.decimals)))});
    tick_w = std::max(tick_w, ticks.back().second.width);
  }
  const double plot_left = left + tick_w + size * 0.6;
  const double plot_right = left + width;
  const double plot_top = line_h;                 // room for the value labels
  const double plot_bottom = p.height - size * 2;  // room for the category labels
  const double plot_h = plot_bottom - plot_top;
  auto y_of = [&](double v) { return plot_bottom - (v - lo) / (hi - lo) * plot_h; };

  Box box;
  box.height = p.height;
  box.keep_with_next = b.keep_with_next;
  auto& items = box.items;
  const double baseline_shift = size * 0.3;  // centres a label's digits on its gridline
  for (const auto& [v, line] : ticks) {
    const double y = y_of(v);
    if (v > lo) items.push_back(RectItem{plot_left, y - 0.2, plot_right - plot_left, 0.4, 0.8, 0});
    Engine::append_runs(line, plot_left - size * 0.4 - line.width, y + baseline_shift, items);
  }
  const double slot = (plot_right - plot_left) / points.size();
  std::vector<std::pair<double, double>> centres;
  for (size_t i = 0; i < points.size(); ++i) {
    const Point& pt = points[i];
    const double cx = plot_left + slot * (i + 0.5);
    const double y = y_of(std::clamp(pt.value, lo, hi));
    centres.push_back({cx, y});
    if (p.kind == "bars") {
      const double bar_w = slot * 0.55;
      const double base = y_of(std::clamp(0.0, lo, hi));
      items.push_back(RectItem{cx - bar_w / 2, std::min(y, base), bar_w, std::fabs(base - y), p.fill, 0.4});
    }
    const text::Line value = line_of(pt.value_text);
    Engine::append_runs(value, cx - value.width / 2, y - size * 0.35, items);
    const text::Line label = line_of(pt.label);
    Engine::append_runs(label, cx - label.width / 2, plot_bottom + size * 1.6, items);
  }
  if (p.kind == "line") {
    for (size_t i = 0; i + 1 < centres.size(); ++i)
      items.push_back(RuleItem{centres[i].first, centres[i].second, centres[i + 1].first, centres[i + 1].second, 1.2});
    const double m = size * 0.22;
    for (const auto& [cx, cy] : centres) items.push_back(RectItem{cx - m, cy - m, 2 * m, 2 * m, 0, 0});
  }
  // The axes over everything else.
  items.push_back(RuleItem{plot_left, plot_top - line_h * 0.3, plot_left, plot_bottom, 0.6});
  items.push_back(RuleItem{plot_left, plot_bottom, plot_right, plot_bottom, 0.6});

  // The whole chart is one figure: its bars, lines and labels are what the description says.
  for (auto& item : items) artifact_of(item) = Artifact::None;
  e.space(b.space_before >= 0 ? b.space_before : 0);
  StructScope figure(e, Role::Figure);
  figure.node().alt = fit_pdf_string(description(e.first_text(p.alt, scope, "the chart's description"), p.kind, points),
                                     "the chart's description", {}, b.where, diags);
  e.out().push_back(std::move(box));
  e.space(b.space_after >= 0 ? b.space_after : 0);
}

}  // namespace

extern const BlockKind kChartBlock{"chart", keys, parse, lay_out};

}  // namespace oitgen::layout
