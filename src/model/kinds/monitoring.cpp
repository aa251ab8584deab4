// The 6-month monitoring report (O40): resolves the responsible person, computes the budget
// figures (remaining, per cent spent) and checks what the office typed against them.
#include "model/kinds/document_kind.h"

#include <cmath>
#include <cstdio>
#include <tuple>

#include "data/dataset_schema.h"
#include "model/thai_format.h"

namespace oitgen::model {
namespace {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

// The words of an activity's status and a budget's source are the schema's (the editor offers
// them as choices); the report prints a status's Thai phrase.
template <typename List, typename Key>
std::string choices(const List& list, Key key) {
  std::string s;
  for (const auto& c : list) s += std::string(s.empty() ? "" : ", ") + "\"" + key(c) + "\"";
  return s;
}

// The Thai fiscal year BE N runs from 1 October of N-1 to 30 September of N.
bool in_fiscal_year(const data::Date& d, int64_t fiscal_year_be) {
  const int end_year = static_cast<int>(fiscal_year_be) - 543;
  const data::Date first{end_year - 1, 10, 1}, last{end_year, 9, 30};
  return d >= first && d <= last;
}

void check_in_year(const Node* date, int64_t fy, const std::string& what, Diagnostics& diags) {
  if (date && date->kind == Node::Kind::Date && !in_fiscal_year(date->date, fy))
    diags.warning(date->where, what + " " + format_thai_date(date->date) + " lies outside fiscal year " +
                                   std::to_string(fy));
}

// Steps are written as plain strings or as {text, date, photos}; layouts see tables.
NodePtr normalized_steps(const Node* steps, int64_t fy, Diagnostics& diags) {
  return data::map_array(steps, [&](const NodePtr& s) {
    check_in_year(s->get("date"), fy, "the step's date", diags);
    return data::as_text_table(s).freeze();
  });
}

NodePtr with_activity(const Node& a, int64_t fy, Diagnostics& diags) {
  TableBuilder out(a);
  const Node* status = a.get("status");
  const data::Choice* found = nullptr;
  for (const auto& c : data::activity_statuses())
    if (status->s == c.value) found = &c;
  if (!found)
    diags.error(status->where, "unknown activity status '" + status->s + "'; expected one of: " +
                                   choices(data::activity_statuses(), [](const data::Choice& c) { return c.value; }));
  else
    out.set("status_text", data::make_string(found->th, status->where));
  check_in_year(a.get("date"), fy, "the activity's date", diags);
  out.set("steps", normalized_steps(a.get("steps"), fy, diags));
  return out.freeze();
}

NodePtr number_node(double v, const SourceLocation& where) {
  if (v == std::floor(v) && std::fabs(v) < 9e15) return data::make_integer(static_cast<int64_t>(v), where);
  return data::make_float(v, where);
}

NodePtr with_budget(const Node& b, Diagnostics& diags) {
  TableBuilder out(b);
  const Node* approved = b.get("approved");
  const Node* spent = b.get("spent");
  const double a = approved->number(), s = spent->number();
  bool ok = true;
  if (a <= 0) {
    diags.error(approved->where, "the approved budget must be more than 0");
    ok = false;
  }
  if (s < 0) {
    diags.error(spent->where, "the amount spent cannot be negative");
    ok = false;
  }
  for (const Node* n : {approved, spent})
    if (std::fabs(n->number()) >= kMaxAmount) {
      diags.error(n->where, "the amount " + std::string(n == approved ? "approved" : "spent") +
                                " is too large: amounts must be below 1,000,000,000,000 baht");
      ok = false;
    }
  if (ok && s > a) {
    diags.error(spent->where, "the amount spent (" + format_amount(s) + " baht) is more than the approved budget (" +
                                  format_amount(a) + " baht at line " + std::to_string(approved->where.line) + ")");
    ok = false;
  }
  if (!ok) return out.freeze();
  // Work in satang so 0.1 + 0.2 style errors never reach a printed figure.
  const int64_t remaining = std::llround(a * 100) - std::llround(s * 100);
  out.set("remaining", number_node(static_cast<double>(remaining) / 100, spent->where));
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.2f", s * 100 / a);
  out.set("percent_spent", data::make_string(percent, spent->where));
  const Node* source = b.get("source");
  bool known = false;
  for (const auto& c : data::budget_sources()) {
    out.set("source_" + c.value, data::make_bool(source->s == c.value, source->where));
    known |= source->s == c.value;
  }
  if (!known)
    diags.error(source->where, "unknown budget source '" + source->s + "'; expected one of: " +
                                   choices(data::budget_sources(), [](const data::Choice& c) { return c.value; }));
  return out.freeze();
}

NodePtr with_project(const Node& p, int64_t fy, const People& people, Diagnostics& diags) {
  TableBuilder out(p);
  if (const NodePtr* person = find_person(people, *p.get("responsible"), "monitoring.project.responsible", diags)) {
    out.set("responsible_person", *person);
    if (!p.get("unit"))
      if (const Node* unit = (*person)->get("unit")) out.set("unit", std::make_shared<Node>(*unit));
  }
  auto activities =
      data::map_array(p.get("activities"), [&](const NodePtr& a) { return with_activity(*a, fy, diags); });
  if (activities->array.empty()) diags.error(activities->where, "the project needs at least one activity");
  out.set("activities", activities);
  out.set("budget", with_budget(*p.get("budget"), diags));
  return out.freeze();
}

NodePtr with_monitoring(const Node& m, const People& people, Diagnostics& diags) {
  TableBuilder out(m);
  const Node* round = m.get("round");
  const int64_t fy = m.get("fiscal_year")->i;
  if (fy < 2500 || fy > 2700)
    diags.error(m.get("fiscal_year")->where, "'monitoring.fiscal_year' is a Buddhist-era year such as 2565");
  if (round->i != 6 && round->i != 9 && round->i != 12)
    diags.error(round->where, "'monitoring.round' is the months covered: 6, 9 or 12");
  bool current_found = false;
  auto periods = data::map_array(m.get("periods"), [&](const NodePtr& p) {
    TableBuilder period(*p);
    const bool current = p->get("months")->i == round->i;
    current_found |= current;
    period.set("current", data::make_bool(current, p->where));
    if (p->get("to")->date < p->get("from")->date)
      diags.error(p->get("to")->where, "the period ends before it starts");
    check_in_year(p->get("from"), fy, "the period's start", diags);
    check_in_year(p->get("to"), fy, "the period's end", diags);
    return period.freeze();
  });
  if (!current_found)
    diags.error(round->where, "no period in 'monitoring.periods' covers " + std::to_string(round->i) + " months");
  out.set("periods", periods);
  out.set("project", with_project(*m.get("project"), fy, people, diags));
  if (const Node* date = monitoring_report_date(m)) out.set("report_date", data::make_date(date->date, date->where));
  return out.freeze();
}

NodePtr derive(const Node& m, const ModelContext& ctx) {
  TableBuilder out(*with_monitoring(m, ctx.people, ctx.diags));
  // The body the second budget box names: the office's own short name for it ("สพฐ."), else
  // words that fit any agency.
  const Node* office = ctx.root.get("office");
  const Node* parent = office ? office->get("parent_short") : nullptr;
  out.set("parent_body", parent ? std::make_shared<Node>(*parent) : data::make_string("หน่วยงานต้นสังกัด"));
  return out.freeze();
}

}  // namespace

const Node* monitoring_report_date(const Node& m) {
  if (const Node* date = m.get("date"); date && date->kind == Node::Kind::Date) return date;
  // Not before the end of the period it reports on, nor before the last thing it reports.
  const Node* date = nullptr;
  if (const Node* round = m.get("round"); round && m.get("periods"))
    for (const auto& p : m.get("periods")->array)
      if (const Node* months = p->get("months"); months && months->i == round->i)
        if (const Node* to = p->get("to"); to && to->kind == Node::Kind::Date) date = to;
  if (const Node* project = m.get("project"))
    if (const Node* last = data::latest_date(*project); last && (!date || last->date > date->date)) date = last;
  return date;
}

extern const DocumentKind kMonitoringKind{"monitoring-6m", "monitoring", derive};

}  // namespace oitgen::model
