// The O42/O43 measures report: the last ITA result computed from its indicators with the
// assessment year's framework (data/ita/): each tool's score, the total by the tools' weights
// and the level by the year's rule; trends and differences of the history, the highest, lowest
// and failing indicators, the OIT items that scored 0, and the supervision table checked against
// the OIT catalogue. Where the data states a figure the scores contradict, a warning; the report
// prints the computed one. The words that name the office's peer group come from the data.
#include <cmath>
#include <cstdio>
#include <map>

#include "model/framework.h"
#include "model/reference_data.h"
#include "model/kinds/document_kind.h"
#include "model/oit_catalogue.h"

namespace oitgen::model {
namespace {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

constexpr const char* kRising = "เพิ่มขึ้น";
constexpr const char* kFalling = "ลดลง";
constexpr const char* kSteady = "เท่าเดิม";

std::string hundredths_text(int64_t h, bool sign) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", h < 0 ? "-" : (sign && h > 0 ? "+" : ""),
                static_cast<long long>(std::llabs(h) / 100), static_cast<long long>(std::llabs(h) % 100));
  return buf;
}

// A score out of 100, in hundredths; reports an error and returns false for anything else.
bool score_of(const Node* n, const std::string& what, Diagnostics& diags, int64_t& out) {
  const double v = n->number();
  if (!std::isfinite(v) || v < 0 || v > 100) {
    diags.error(n->where, what + " must be a score from 0 to 100");
    return false;
  }
  out = std::llround(v * 100);
  return true;
}

// Sets level, level_description, level_text (and grade, grade_description, the same under their
// older names), passes and pass_text of a scored table.
void set_level(TableBuilder& t, const Level& l, bool passes, const SourceLocation& where) {
  t.set("level", data::make_string(l.label, where));
  t.set("level_description", data::make_string(l.description, where));
  t.set("level_text", data::make_string(l.text(), where));
  t.set("grade", data::make_string(l.label, where));
  t.set("grade_description", data::make_string(l.description, where));
  t.set("passes", data::make_bool(passes, where));
  t.set("pass_text", data::make_string(passes ? "ผ่าน" : "ไม่ผ่าน", where));
}

// The same for one score with no tool scores behind it.
void set_grade(TableBuilder& t, double score, const Framework& fw, const SourceLocation& where) {
  set_level(t, fw.level_of(score), fw.passes(score), where);
}

NodePtr history_of(const Node& list, const Framework& scale, Diagnostics& diags) {
  auto out = std::make_shared<Node>(list);
  out->array.clear();
  const Node* previous = nullptr;
  int64_t previous_score = 0;
  for (const auto& y : list.array) {
    TableBuilder row(*y);
    int64_t score = 0;
    const Node* year = y->get("year");
    if (!score_of(y->get("score"), "the score of " + std::to_string(year->i), diags, score)) continue;
    set_grade(row, score / 100.0, scale, y->get("score")->where);
    std::string trend = "-", difference = "-";
    if (previous && year->i <= previous->get("year")->i) {
      diags.error(year->where, "the years of 'measures.history' must rise: " + std::to_string(year->i) +
                                   " comes after " + std::to_string(previous->get("year")->i));
    } else if (previous) {
      const int64_t d = score - previous_score;
      trend = d > 0 ? kRising : d < 0 ? kFalling : kSteady;
      difference = hundredths_text(d, true);
      const std::string sums = hundredths_text(score, false) + " − " + hundredths_text(previous_score, false);
      if (const Node* stated = y->get("trend"); stated && stated->s != trend)
        diags.warning(stated->where, "the data says " + std::to_string(year->i) + " was '" + stated->s +
                                         "', but the scores give '" + trend + "' (" + sums +
                                         "); the report prints '" + trend + "'");
      if (const Node* stated = y->get("difference");
          stated && (std::fabs(stated->number()) > 100 || std::llround(stated->number() * 100) != d))
        diags.warning(stated->where, "the data gives the " + std::to_string(year->i) + " difference as " +
                                         hundredths_text(std::llround(stated->number() * 100), false) +
                                         ", but the scores give " + difference + " (" + sums +
                                         "); the report prints " + difference);
    } else {
      for (const char* key : {"trend", "difference"})
        if (const Node* stated = y->get(key))
          diags.warning(stated->where, "the first year of 'measures.history' has no earlier score to compare "
                                       "with; its " + std::string(key) + " is not printed");
    }
    row.set("trend", data::make_string(trend, year->where));
    row.set("difference", data::make_string(difference, year->where));
    out->array.push_back(row.freeze());
    previous = y.get();
    previous_score = score;
  }
  return out;
}

NodePtr oit_scores(const Node& oit, NodePtr& zero_items, Diagnostics& diags) {
  auto scores = std::make_shared<Node>();
  scores->kind = Node::Kind::Array;
  scores->where = oit.where;
  auto zeros = std::make_shared<Node>(*scores);
  long last = 0;
  for (const auto& [id, value] : oit.table) {
    const bool well_formed = id.size() >= 2 && id.size() <= 4 && id[0] == 'O' && id[1] != '0' &&
                             id.find_first_not_of("0123456789", 1) == std::string::npos;
    if (!well_formed) {
      diags.error(value->where, "'" + id + "' is not an OIT item id such as O1 or O43");
      continue;
    }
    const long number = std::stol(id.substr(1));
    if (number <= last)
      diags.error(value->where, "OIT item '" + id + "' is out of order: items are listed O1, O2, O3 …");
    last = number;
    if (!value->is_number()) {
      diags.error(value->where, "the score of " + id + " must be a number, found " + Node::kind_name(value->kind));
      continue;
    }
    int64_t score = 0;
    if (!score_of(value.get(), "the score of " + id, diags, score)) continue;
    TableBuilder item;
    item.node->where = value->where;
    item.set("id", data::make_string(id, value->where));
    item.set("score", value);
    item.set("zero", data::make_bool(score == 0, value->where));
    scores->array.push_back(item.freeze());
    if (score == 0) zeros->array.push_back(data::make_string(id, value->where));
  }
  if (scores->array.empty()) diags.error(oit.where, "'measures.oit' lists no OIT item scores");
  zero_items = zeros;
  return scores;
}

// The supervision table follows the OIT items of `year` (measures.oit_year, else the fiscal year).
NodePtr supervision_of(const Node& list, const Node& year, const std::string& setting, const ModelContext& ctx) {
  auto& diags = ctx.diags;
  const Node& fiscal_year = year;
  const Catalogue* cat = ctx.reference.catalogue(year.i, year.where, setting, diags);
  auto out = std::make_shared<Node>(list);
  out->array.clear();
  if (!cat) return out;
  const auto& catalogue = cat->items;
  std::map<std::string, const CatalogueItem*> by_id;
  for (const auto& c : catalogue) by_id[c.id] = &c;
  std::map<std::string, int> seen;
  for (const auto& row : list.array) {
    const Node* id = row->get("item");
    auto it = by_id.find(id->s);
    if (it == by_id.end()) {
      diags.error(id->where, "item '" + id->s + "' is not in the OIT catalogue of " + std::to_string(fiscal_year.i));
      continue;
    }
    if (auto prior = seen.find(id->s); prior != seen.end()) {
      diags.error(id->where, "item '" + id->s + "' is listed twice (first at line " + std::to_string(prior->second) + ")");
      continue;
    }
    seen[id->s] = id->where.line;
    TableBuilder r(*row);
    r.set("indicator", it->second->indicator);
    r.set("group", it->second->group);
    if (!row->get("title")) r.set("title", data::make_string(it->second->name, id->where));
    out->array.push_back(r.freeze());
  }
  for (const auto& c : catalogue)
    if (!seen.count(c.id))
      diags.warning(list.where, "item '" + c.id + "' (" + c.name + ") has no supervision result");
  return out;
}

NodePtr derive(const Node& m, const ModelContext& ctx) {
  auto& diags = ctx.diags;
  const size_t errors_before = diags.error_count();
  TableBuilder out(m);
  // The report's own date (its PDF metadata): as written, else the latest of the documents it
  // composes.
  const Node* date = m.get("date");
  if (!date) {
    std::vector<const Node*> parts;
    for (const char* dated : {"announcement", "order"})
      if (const Node* section = ctx.root.get(dated)) parts.push_back(section->get("date"));
    if (const Node* monitoring = ctx.root.get("monitoring")) parts.push_back(monitoring_report_date(*monitoring));
    for (const Node* d : parts)
      if (d && d->kind == Node::Kind::Date && (!date || d->date > date->date)) date = d;
  }
  if (date) out.set("report_date", data::make_date(date->date, date->where));
  const Node* fy = m.get("fiscal_year");
  const Node* ay = m.get("assessment_year");
  for (const Node* y : {fy, ay})
    if (y->i < 2500 || y->i > 2700)
      diags.error(y->where, "'measures." + std::string(y == fy ? "fiscal_year" : "assessment_year") +
                                "' is a Buddhist-era year such as 2565");
  if (diags.error_count() > errors_before) return out.freeze();
  const Framework* fw = ctx.reference.framework(ay->i, ay->where, "measures.assessment_year", diags);
  if (!fw) return out.freeze();
  out.set("pass_mark", data::make_float(fw->pass_mark, ay->where));
  // The words that name the office's peer group: "สำนักงานเขตพื้นที่การศึกษา" counted in "เขต".
  const Node* office = ctx.root.get("office");
  const Node* kind = office ? office->get("agency_kind") : nullptr;
  const Node* unit = office ? office->get("agency_unit") : nullptr;
  out.set("agency_kind", kind ? std::make_shared<Node>(*kind) : data::make_string("หน่วยงานภาครัฐ"));
  out.set("agency_unit", unit ? std::make_shared<Node>(*unit) : data::make_string("หน่วยงาน"));
  bool tool_rule = false;
  for (const auto& l : fw->levels) tool_rule |= !l.tool_min.empty();
  out.set("level_needs_tools", data::make_bool(tool_rule, ay->where));
  out.set("framework_provisional", data::make_bool(fw->provisional, ay->where));

  if (const Node* national = m.get("national")) {
    TableBuilder n(*national);
    int64_t avg = 0;
    if (score_of(national->get("average"), "the national average", diags, avg))
      set_grade(n, avg / 100.0, *fw, national->get("average")->where);
    out.set("national", n.freeze());
  }

  // The indicators, graded one by one, and each tool's score: the mean of its indicators.
  const Node& indicators = *m.get("indicators");
  auto graded = std::make_shared<Node>(indicators);
  graded->array.clear();
  auto weak = std::make_shared<Node>(*graded);
  NodePtr highest, lowest;
  int64_t high = -1, low = 0;
  std::map<int64_t, int> numbers;
  std::map<std::string, std::pair<int64_t, int>> tool_sums;  // hundredths, count
  bool all_scored = true;
  for (const auto& ind : indicators.array) {
    const Node* number = ind->get("number");
    if (auto prior = numbers.find(number->i); prior != numbers.end())
      diags.error(number->where, "indicator " + std::to_string(number->i) + " is listed twice (first at line " +
                                     std::to_string(prior->second) + ")");
    numbers[number->i] = number->where.line;
    const FrameworkIndicator* fi = fw->indicator(number->i);
    if (!fi) {
      std::string have;
      for (const auto& i : fw->indicators) have += (have.empty() ? "" : ", ") + std::to_string(i.number);
      diags.error(number->where, "the " + std::to_string(ay->i) + " framework has no indicator " +
                                     std::to_string(number->i) + " (it has " + have + ")");
      all_scored = false;
      continue;
    }
    int64_t score = 0;
    if (!score_of(ind->get("score"), "the score of indicator " + std::to_string(number->i), diags, score)) {
      all_scored = false;
      continue;
    }
    tool_sums[fi->tool].first += score;
    tool_sums[fi->tool].second += 1;
    TableBuilder row(*ind);
    if (!ind->get("name")) row.set("name", data::make_string(fi->name, number->where));
    row.set("tool", data::make_string(fi->tool, number->where));
    set_grade(row, score / 100.0, *fw, ind->get("score")->where);
    const std::string grade = fw->level_of(score / 100.0).label;
    if (const Node* stated = ind->get("grade"); stated && stated->s != grade)
      diags.warning(stated->where, "indicator " + std::to_string(number->i) + " is graded '" + stated->s +
                                       "' in the data, but its score " + hundredths_text(score, false) + " is " +
                                       grade + " on the " + std::to_string(ay->i) + " scale; the report prints " +
                                       grade);
    auto frozen = row.freeze();
    graded->array.push_back(frozen);
    if (score > high) high = score, highest = frozen;
    if (!lowest || score < low) low = score, lowest = frozen;
    if (!fw->passes(score / 100.0)) weak->array.push_back(frozen);
  }
  if (graded->array.empty()) diags.error(indicators.where, "'measures.indicators' lists no indicator");
  for (const auto& fi : fw->indicators)
    if (!numbers.count(fi.number)) {
      diags.error(indicators.where, "'measures.indicators' has no score for indicator " + std::to_string(fi.number) +
                                        " (" + fi.name + ") of the " + std::to_string(ay->i) +
                                        " framework: the total is computed from every indicator");
      all_scored = false;
    }
  out.set("indicators", graded);
  if (highest) out.set("highest", highest);
  if (lowest) out.set("lowest", lowest);
  out.set("weak_indicators", weak);

  // The total: the tools' scores by their weights. The data's stated total for the year (its
  // history row) is checked against it, to the hundredth either way (NACC rounds its tools).
  std::optional<double> total;
  std::map<std::string, double> tool_scores;
  std::string sum_text;
  if (all_scored && !graded->array.empty()) {
    double t = 0;
    auto tools = std::make_shared<Node>();
    tools->kind = Node::Kind::Array;
    for (const auto& tool : fw->tools) {
      const auto& [sum, count] = tool_sums[tool.id];
      // The tool's score as printed, rounded half up in whole hundredths (the mean 74.195 is
      // 74.20, which 74.195 in binary is not): the level and the total use what is printed.
      const int64_t hundredths = count ? (2 * sum + count) / (2 * count) : 0;
      const double score = hundredths / 100.0;
      tool_scores[tool.id] = score;
      t += tool.weight / 100 * score;
      TableBuilder tb;
      tb.set("id", data::make_string(tool.id, ay->where));
      tb.set("name", data::make_string(tool.name, ay->where));
      tb.set("weight", data::make_float(tool.weight, ay->where));
      tb.set("score", data::make_float(hundredths / 100.0, ay->where));
      tools->array.push_back(tb.freeze());
      char part[64];
      std::snprintf(part, sizeof part, "%s%g × %s", sum_text.empty() ? "" : " + ", tool.weight / 100,
                    hundredths_text(hundredths, false).c_str());
      sum_text += part;
    }
    out.set("tools", tools);
    total = t;
  }
  auto history = std::make_shared<Node>(*m.get("history"));
  const Node* this_year = nullptr;
  for (const auto& y : history->array)
    if (y->get("year")->i == ay->i) this_year = y.get();
  double printed = 0;
  if (total) {
    const int64_t computed = std::llround(*total * 100 + 1e-9);  // half up, as the tools
    printed = computed / 100.0;
    SourceLocation where = indicators.where;
    if (this_year) {
      const Node* stated = this_year->get("score");
      where = stated->where;
      const int64_t s = std::llround(stated->number() * 100);
      if (std::llabs(s - computed) <= 1) {
        printed = s / 100.0;
      } else {
        diags.warning(stated->where, "the data gives the " + std::to_string(ay->i) + " total as " +
                                         hundredths_text(s, false) + ", but its indicators give " +
                                         hundredths_text(computed, false) + " (" + sum_text +
                                         "); the report prints " + hundredths_text(computed, false));
      }
    }
    // The history row of the year holds the printed total; without one, it is added in order.
    TableBuilder row = this_year ? TableBuilder(*this_year) : TableBuilder();
    if (!this_year) {
      row.node->where = indicators.where;
      row.set("year", data::make_integer(ay->i, ay->where));
    }
    row.set("score", data::make_float(printed, where));
    auto it = history->array.begin();
    while (it != history->array.end() && (*it)->get("year")->i < ay->i) ++it;
    if (it != history->array.end() && (*it)->get("year")->i == ay->i) *it = row.freeze();
    else history->array.insert(it, row.freeze());
    TableBuilder result;
    result.node->where = where;
    result.set("score", data::make_float(printed, where));
    set_level(result, fw->level_of(printed, tool_scores), fw->passes(printed), where);
    result.set("tools", out.node->get("tools") ? std::make_shared<Node>(*out.node->get("tools")) : nullptr);
    out.set("result", result.freeze());
  } else if (!this_year) {
    diags.error(history->where, "'measures.history' has no score for the assessment year " + std::to_string(ay->i));
  }
  out.set("history", history_of(*history, *fw, diags));
  if (!history->array.empty()) {
    out.set("history_from", data::make_integer(history->array.front()->get("year")->i));
    out.set("history_to", data::make_integer(history->array.back()->get("year")->i));
  }

  NodePtr zero_items;
  out.set("oit_scores", oit_scores(*m.get("oit"), zero_items, diags));
  out.set("zero_items", zero_items);
  if (const Node* sup = m.get("supervision")) {
    const Node* oit_year = m.get("oit_year");
    out.set("supervision", supervision_of(*sup, oit_year ? *oit_year : *fy,
                                          oit_year ? "measures.oit_year" : "measures.fiscal_year", ctx));
  }
  return out.freeze();
}

}  // namespace

extern const DocumentKind kMeasuresKind{"measures-report", "measures", derive};

}  // namespace oitgen::model
