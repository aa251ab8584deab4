#include "model/framework.h"

#include <cmath>
#include <set>

#include "data/schema.h"
#include "data/toml_loader.h"
#include "model/oit_catalogue.h"

namespace oitgen::model {
namespace {

using data::Node;

bool meets(const Level& level, double total, const std::map<std::string, double>* tool_scores) {
  if (total < level.min) return false;
  if (level.tool_min.empty()) return true;
  if (!tool_scores) return false;
  for (const auto& [tool, min] : level.tool_min) {
    auto it = tool_scores->find(tool);
    if (it == tool_scores->end() || it->second < min) return false;
  }
  return true;
}

bool is_score(double v) { return std::isfinite(v) && v >= 0 && v <= 100; }

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

const Level& Framework::level_of(double total, const std::map<std::string, double>& tool_scores) const {
  for (const auto& l : levels)
    if (meets(l, total, &tool_scores)) return l;
  return levels.back();
}

const Level& Framework::level_of(double score) const {
  for (const auto& l : levels)
    if (meets(l, score, nullptr)) return l;
  return levels.back();
}

const FrameworkIndicator* Framework::indicator(int64_t number) const {
  for (const auto& i : indicators)
    if (i.number == number) return &i;
  return nullptr;
}

std::optional<Framework> load_framework(const std::filesystem::path& reference_dir, int64_t year,
                                        const SourceLocation& asked_at, const std::string& setting,
                                        Diagnostics& diags) {
  auto tree = load_year_file(reference_dir, "ita", "ITA framework", year, asked_at, setting, diags);
  if (!tree) return std::nullopt;
  using namespace data;
  auto tool = table_type({req("id", string_type()), req("name", string_type()), req("weight", number_type())});
  auto indicator = table_type({req("number", integer_type()), req("name", string_type()), req("tool", string_type())});
  auto level = table_type({req("label", string_type()), opt("description", string_type()), req("min", number_type()),
                           opt("tool_min", open_table_type())});
  auto status = choice_type({{"official", "Official", "ทางการ"}, {"provisional", "Provisional", "ชั่วคราว"}});
  auto schema = table_type({req("year", integer_type()), req("status", status), req("source", string_type()),
                            req("pass_mark", number_type()), req("tools", array_of(tool)),
                            req("indicators", array_of(indicator)), req("levels", array_of(level))});
  const size_t before = diags.error_count();
  check(*tree, *schema, "", diags);
  if (diags.error_count() > before) return std::nullopt;

  Framework fw;
  fw.where = tree->where;
  fw.year = tree->get("year")->i;
  if (fw.year != year)
    diags.error(tree->get("year")->where, "this file is data/ita/" + std::to_string(year) + ".toml but says year = " +
                                              std::to_string(fw.year));
  fw.provisional = tree->get("status")->s == "provisional";
  if (tree->get("status")->s != "official" && !fw.provisional)
    diags.error(tree->get("status")->where, "status is \"official\" or \"provisional\", not \"" +
                                                tree->get("status")->s + "\"");
  fw.source = tree->get("source")->s;
  fw.pass_mark = tree->get("pass_mark")->number();
  if (!is_score(fw.pass_mark)) diags.error(tree->get("pass_mark")->where, "the pass mark is a score from 0 to 100");

  double weights = 0;
  std::set<std::string> tool_ids;
  for (const auto& t : tree->get("tools")->array) {
    const Node* id = t->get("id");
    if (!tool_ids.insert(id->s).second) diags.error(id->where, "tool '" + id->s + "' is listed twice");
    const double w = t->get("weight")->number();
    if (!std::isfinite(w) || w <= 0 || w > 100)
      diags.error(t->get("weight")->where, "a tool's weight is a percentage above 0 and at most 100");
    weights += w;
    fw.tools.push_back({id->s, t->get("name")->s, w});
  }
  if (fw.tools.empty()) diags.error(tree->get("tools")->where, "the framework names no tool");
  else if (std::fabs(weights - 100) > 1e-9)
    diags.error(tree->get("tools")->where, "the tools' weights add up to " + number_text(weights) + ", not 100");

  std::set<std::string> used_tools;
  int64_t last = 0;
  for (const auto& i : tree->get("indicators")->array) {
    const Node* n = i->get("number");
    const Node* t = i->get("tool");
    if (n->i <= last)
      diags.error(n->where, "indicator " + std::to_string(n->i) + " comes after indicator " + std::to_string(last) +
                                ": indicators are numbered 1, 2, 3 … in order, each once");
    last = std::max(last, n->i);
    if (!tool_ids.count(t->s)) diags.error(t->where, "indicator " + std::to_string(n->i) + " belongs to tool '" +
                                                         t->s + "', which the framework does not list under [[tools]]");
    used_tools.insert(t->s);
    fw.indicators.push_back({n->i, i->get("name")->s, t->s});
  }
  for (const auto& t : fw.tools)
    if (!used_tools.count(t.id))
      diags.error(tree->get("indicators")->where, "tool '" + t.id + "' has no indicator, so it has no score");

  std::set<std::string> labels;
  for (const auto& l : tree->get("levels")->array) {
    Level level{l->get("label")->s, l->get("description") ? l->get("description")->s : "", l->get("min")->number(), {}};
    const Node* label = l->get("label");
    if (!labels.insert(level.label).second) diags.error(label->where, "level '" + level.label + "' is listed twice");
    if (!is_score(level.min)) diags.error(l->get("min")->where, "a level's minimum is a score from 0 to 100");
    if (const Node* tm = l->get("tool_min")) {
      for (const auto& [tool_id, v] : tm->table) {
        if (!tool_ids.count(tool_id))
          diags.error(v->where, "level '" + level.label + "' sets a minimum for tool '" + tool_id +
                                    "', which the framework does not list under [[tools]]");
        else if (!v->is_number() || !is_score(v->number()))
          diags.error(v->where, "the minimum of " + tool_id + " is a score from 0 to 100");
        else
          level.tool_min.push_back({tool_id, v->number()});
      }
    }
    if (!fw.levels.empty()) {
      const Level& above = fw.levels.back();
      if (level.min > above.min)
        diags.error(l->get("min")->where, "level '" + level.label + "' (from " + number_text(level.min) +
                                              ") is listed after level '" + above.label + "' (from " +
                                              number_text(above.min) + "): levels go from the highest down");
      // A level no total can reach: one above it asks no more and takes every total it would.
      for (const auto& earlier : fw.levels) {
        bool weaker = earlier.min <= level.min;
        for (const auto& [tool_id, min] : earlier.tool_min) {
          bool covered = false;
          for (const auto& [t2, m2] : level.tool_min) covered |= t2 == tool_id && m2 >= min;
          weaker &= covered;
        }
        if (weaker) {
          diags.error(label->where, "level '" + level.label + "' can never be given: level '" + earlier.label +
                                        "' above it takes every total that reaches it");
          break;
        }
      }
    }
    fw.levels.push_back(level);
  }
  if (fw.levels.empty()) {
    diags.error(tree->get("levels")->where, "the framework names no level");
  } else if (fw.levels.back().min != 0 || !fw.levels.back().tool_min.empty()) {
    diags.error(tree->get("levels")->where, "the last level must start at 0 with no tool minimums, so that every "
                                            "score has a level");
  }
  if (diags.error_count() > before) return std::nullopt;
  return fw;
}

}  // namespace oitgen::model
