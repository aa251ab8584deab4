#include "pipeline/scaffold.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "data/image.h"
#include "data/toml_writer.h"
#include "model/framework.h"
#include "model/office_model.h"
#include "model/oit_catalogue.h"
#include "util/files.h"

namespace oitgen::pipeline {
namespace {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

using Comments = std::map<std::string, std::string>;

NodePtr text(const std::string& s) { return data::make_string(s); }
NodePtr integer(int64_t v) { return data::make_integer(v); }

NodePtr date(int year, int month, int day) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::Date;
  n->date = {year, month, day};
  return n;
}

NodePtr array(std::vector<NodePtr> elements) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::Array;
  n->array = std::move(elements);
  return n;
}

NodePtr table(std::vector<std::pair<std::string, NodePtr>> entries) {
  TableBuilder t;
  for (auto& [k, v] : entries) t.set(k, std::move(v));
  return t.freeze();
}

// One year on; 29 February becomes 28 February.
NodePtr next_year(const Node& d) {
  const int day = d.date.month == 2 && d.date.day == 29 ? 28 : d.date.day;
  return date(d.date.year + 1, d.date.month, day);
}

// A placeholder emblem: a grey ring on white, 240 × 240 pixels, to be replaced by the Garuda.
std::string placeholder_png() {
  constexpr uint32_t size = 240;
  std::string raw;
  for (uint32_t y = 0; y < size; ++y) {
    raw += '\0';  // filter: none
    for (uint32_t x = 0; x < size; ++x) {
      const double dx = x - size / 2.0, dy = y - size / 2.0, r = std::sqrt(dx * dx + dy * dy);
      const bool ring = r > 100 && r < 112;
      raw += std::string(3, ring ? '\x90' : '\xff');
    }
  }
  return data::encode_rgb_png(size, size, raw);
}

ScaffoldFile toml_file(const std::string& name, const std::string& header, const Node& root, const Comments& comments) {
  return {name, header + "\n\n" + data::to_toml(root, comments)};
}

// The newest year among `years` that is at most `wanted`, else the newest, else `wanted`.
int64_t best_year(const std::vector<int64_t>& years, int64_t wanted) {
  int64_t best = 0;
  for (const auto y : years)
    if (y <= wanted) best = y;
  return best ? best : years.empty() ? wanted : years.back();
}

// The three reporting periods of a Thai fiscal year (BE): October–March, April–June, July–September.
NodePtr periods_of(int64_t fiscal_year) {
  const int end = static_cast<int>(fiscal_year) - 543;
  return array({table({{"number", integer(1)}, {"months", integer(6)}, {"from", date(end - 1, 10, 1)}, {"to", date(end, 3, 31)}}),
                table({{"number", integer(2)}, {"months", integer(9)}, {"from", date(end, 4, 1)}, {"to", date(end, 6, 30)}}),
                table({{"number", integer(3)}, {"months", integer(12)}, {"from", date(end, 7, 1)}, {"to", date(end, 9, 30)}})});
}

// A placeholder activity of a report: not started, to be written.
NodePtr placeholder_activity() { return table({{"title", text("ชื่อกิจกรรม")}, {"status", text("not-started")}}); }

// A name as compared across years: without spaces (the catalogues space some names differently).
std::string name_key(const std::string& name) {
  std::string out;
  for (char ch : name)
    if (ch != ' ') out += ch;
  return out;
}

// For each item of `next`, the items of `last` it continues: the one of the same name, and those
// its `was` names when `next` follows `last`'s year. Each item of `last` goes to one item only.
struct Counterparts {
  std::vector<std::vector<const model::CatalogueItem*>> of;  // by index into next.items
  std::vector<bool> renamed;                                  // matched through `was`, not by name
  std::vector<const model::CatalogueItem*> unmatched;         // items of `last` with none in `next`
};

Counterparts counterparts(const model::Catalogue& last, const model::Catalogue& next) {
  Counterparts c;
  c.of.resize(next.items.size());
  c.renamed.resize(next.items.size(), false);
  std::map<std::string, const model::CatalogueItem*> by_id, by_name;
  for (const auto& item : last.items) {
    by_id[item.id] = &item;
    by_name.emplace(name_key(item.name), &item);
  }
  std::map<std::string, bool> taken;
  for (size_t k = 0; k < next.items.size(); ++k) {
    const auto& item = next.items[k];
    if (auto it = by_name.find(name_key(item.name)); it != by_name.end() && !taken[it->second->id]) {
      c.of[k].push_back(it->second);
      taken[it->second->id] = true;
    }
    if (next.follows != last.year) continue;
    for (const auto& id : item.was)
      if (auto it = by_id.find(id); it != by_id.end() && !taken[id]) {
        c.of[k].push_back(it->second);
        c.renamed[k] = true;
        taken[id] = true;
      }
  }
  for (const auto& item : last.items)
    if (!taken[item.id]) c.unmatched.push_back(&item);
  return c;
}

std::string ids_and_names(const std::vector<const model::CatalogueItem*>& items) {
  std::string out;
  for (const auto* i : items) out += (out.empty() ? "" : " and ") + i->id + " (" + i->name + ")";
  return out;
}

// The annex rows of the year `next` made from last year's rows of `last`: an item continued keeps
// its row (its people, its details), under the new number; merged items join their people and
// details; an item new that year gets the signer and a TODO saying why. The TODO lines for last
// year's items that nothing continues go to `dropped`.
NodePtr moved_annex_items(const Node& rows, const model::Catalogue& last, const model::Catalogue& next,
                          const Node& placeholder_person, Comments& c, std::vector<std::string>& dropped) {
  const auto match = counterparts(last, next);
  std::map<std::string, const Node*> row_of;
  for (const auto& row : rows.array) row_of[row->get("item")->s] = row.get();
  const std::string was = std::to_string(last.year), now = std::to_string(next.year);
  std::vector<NodePtr> out;
  for (size_t k = 0; k < next.items.size(); ++k) {
    const auto& item = next.items[k];
    const std::string path = "order.annex.items[" + std::to_string(out.size() + 1) + "]";
    std::vector<const Node*> old;
    for (const auto* o : match.of[k])
      if (auto it = row_of.find(o->id); it != row_of.end()) old.push_back(it->second);
    if (old.empty()) {
      out.push_back(table({{"item", text(item.id)}, {"title", text(item.name)},
                           {"responsible", array({std::make_shared<Node>(placeholder_person)})}}));
      c[path] = "TODO: " + item.id + " is new in " + now +
                (match.of[k].empty() ? ": no " + was + " item corresponds" : ": last year's annex had no row for it") +
                "; who is responsible, and what is published";
      continue;
    }
    TableBuilder row(*old.front());
    row.set("item", text(item.id));
    if (match.renamed[k]) {
      row.set("title", text(item.name));
      std::vector<NodePtr> people, details;
      std::map<std::string, bool> seen;
      for (const Node* o : old) {
        for (const auto& p : o->get("responsible")->array)
          if (!seen[p->s]) seen[p->s] = true, people.push_back(p);
        if (const Node* d = o->get("details"))
          for (const auto& e : d->array) details.push_back(e);
      }
      row.set("responsible", array(people));
      if (!details.empty()) row.set("details", array(details));
      c[path] = "TODO: " + item.id + " continues " + was + " " + ids_and_names(match.of[k]) +
                ": check the title and details against " + now + "'s item";
    }
    out.push_back(row.freeze());
  }
  for (const auto* o : match.unmatched)
    if (auto it = row_of.find(o->id); it != row_of.end()) {
      std::string people;
      for (const auto& p : it->second->get("responsible")->array) people += (people.empty() ? "" : ", ") + p->s;
      dropped.push_back("# TODO: " + was + " " + o->id + " (" + o->name + ") has no counterpart in the " + now +
                        " catalogue: its row (responsible: " + people + ") was left out");
    }
  return array(out);
}

}  // namespace

std::vector<ScaffoldFile> fresh_dataset(const std::string& office, const std::filesystem::path& reference_dir,
                                        Diagnostics& diags) {
  const auto catalogue_years = model::years_with_files(reference_dir / "oit");
  const auto scale_years = model::years_with_files(reference_dir / "ita");
  if (catalogue_years.empty() || scale_years.empty()) {
    diags.error({reference_dir.string(), 0, 0}, "the reference data has no OIT catalogue or ITA scale");
    return {};
  }
  // The newest official catalogue (a provisional one is for data sets that choose it).
  int64_t fy = 0;
  for (const auto y : catalogue_years) {
    Diagnostics ignored;
    if (auto cat = model::load_oit_catalogue(reference_dir, y, {}, "", ignored); cat && !cat->provisional) fy = y;
  }
  if (!fy) fy = catalogue_years.back();
  const int64_t ay = best_year(scale_years, fy - 1);
  const auto catalogue = model::load_catalogue(reference_dir, fy, {}, "", diags);
  const auto framework = model::load_framework(reference_dir, ay, {}, "", diags);
  if (catalogue.empty() || !framework) return {};
  const int start = static_cast<int>(fy) - 544;  // the Gregorian year the fiscal year starts in
  const std::string todo = "TODO: ";
  std::vector<ScaffoldFile> files;

  Comments c;
  c["office.parents"] = todo + "the bodies above the office, nearest first";
  c["office.website"] = todo + "the office's web site";
  c["office.emblem"] = todo + "the office's Garuda emblem (this file is a placeholder)";
  c["people[1]"] = todo + "the head of the office: title, name, position";
  c["office.agency_kind"] = todo + "the kind of agency, as the report names its peers: สำนักงานเขตพื้นที่การศึกษา, องค์การบริหารส่วนตำบล …";
  c["office.agency_unit"] = todo + "the word that counts them: เขต, แห่ง …";
  const auto office_root = table(
      {{"office", table({{"name", text(office)},
                         {"parents", array({text("หน่วยงานต้นสังกัด"), text("กระทรวง")})},
                         {"website", text("https://www.example.go.th")},
                         {"emblem", text("images/emblem.png")},
                         {"director", text("director")},
                         {"agency_kind", text("หน่วยงานภาครัฐ")},
                         {"agency_unit", text("หน่วยงาน")}})},
       {"people", array({table({{"id", text("director")}, {"title", text("นาย")}, {"first", text("ชื่อ")},
                                {"last", text("นามสกุล")}, {"position", text("ผู้อำนวยการ" + office)}})})}});
  files.push_back(toml_file("office.toml",
                            "# The office and its people, referred to by id from every document.\n"
                            "# Made by oitgen init: values marked TODO are placeholders.\n"
                            "#\n"
                            "# How this data set's PDFs are written unless the command line says otherwise:\n"
                            "# [output]\n"
                            "# pdfa = true        # archival PDF/A-1b (as --pdfa)\n"
                            "# pdfua = true       # accessible PDF/UA-1 (as --pdfua)\n"
                            "# max_dpi = 150      # photos downsampled for the web (as --max-dpi); 0: none\n"
                            "# jpeg_quality = 85",
                            *office_root, c));

  c.clear();
  c["announcement.date"] = todo + "the date the announcement is signed";
  c["announcement.preamble"] = todo + "the announcement's opening paragraphs";
  c["announcement.categories[1]"] = todo + "the kinds of information published, each with its items";
  const auto announcement = table(
      {{"announcement",
        table({{"subject", text("มาตรการการเผยแพร่ข้อมูลสาธารณะของ" + office)},
               {"date", date(start, 10, 1)},
               {"signer", text("director")},
               {"preamble", array({text("ย่อหน้าแรกของประกาศ")})},
               {"closing", text("จึงประกาศให้ทราบและถือปฏิบัติโดยทั่วกัน")},
               {"categories", array({table({{"title", text("ข้อมูลพื้นฐาน")},
                                            {"items", array({table({{"text", text("โครงสร้างหน่วยงาน")}})})}})})}})}});
  files.push_back(toml_file("announcement.toml", "# The announcement (ประกาศ). Made by oitgen init.", *announcement, c));

  c.clear();
  c["order.number"] = todo + "the order's number";
  c["order.date"] = todo + "the date the order is signed";
  c["order.body"] = todo + "the order's paragraphs";
  c["order.annex.items[1]"] = todo + "who is responsible for each OIT item";
  std::vector<NodePtr> rows;
  for (const auto& item : catalogue)
    rows.push_back(table({{"item", text(item.id)}, {"title", text(item.name)}, {"responsible", array({text("director")})}}));
  const auto order = table(
      {{"order", table({{"number", integer(1)},
                        {"year", integer(start + 543)},
                        {"subject", text("แต่งตั้งผู้รับผิดชอบตามมาตรการการเผยแพร่ข้อมูลต่อสาธารณะ ของ" + office)},
                        {"date", date(start, 10, 1)},
                        {"signer", text("director")},
                        {"body", array({text("ย่อหน้าของคำสั่ง")})},
                        {"annex", table({{"title", text("แบบตรวจการเปิดเผยข้อมูลสาธารณะ")},
                                         {"assessment_year", integer(fy)},
                                         {"items", array(rows)}})}})}});
  files.push_back(toml_file("order.toml", "# The order (คำสั่ง) and its annex of OIT items. Made by oitgen init.", *order, c));

  c.clear();
  c["monitoring.project.activities[1]"] = todo + "the project's activities, with status, steps and photos";
  c["monitoring.project.budget.approved"] = todo + "the approved budget in baht";
  const auto monitoring = table(
      {{"monitoring",
        table({{"fiscal_year", integer(fy)},
               {"round", integer(6)},
               {"preface", array({text("คำนำของรายงาน")})},
               {"periods", periods_of(fy)},
               {"project",
                table({{"name", text("โครงการส่งเสริมคุณธรรมและความโปร่งใส")},
                       {"responsible", text("director")},
                       {"objective", text("วัตถุประสงค์ของโครงการ")},
                       {"targets", table({{"quantitative", array({text("เป้าหมายเชิงปริมาณ")})},
                                          {"qualitative", array({text("เป้าหมายเชิงคุณภาพ")})}})},
                       {"activities", array({placeholder_activity()})},
                       {"outputs", array({text("ผลผลิตของโครงการ")})},
                       {"outcomes", array({text("ผลลัพธ์ของโครงการ")})},
                       {"kpis", array({table({{"indicator", text("ตัวชี้วัดของโครงการ")}, {"target", text("ร้อยละ 100")}})})},
                       {"budget", table({{"approved", integer(10000)}, {"spent", integer(0)}, {"source", text("plan")}})}})}})}});
  files.push_back(toml_file("monitoring.toml", "# The 6-month monitoring report (O40). Made by oitgen init.", *monitoring, c));

  c.clear();
  c["measures.history"] = todo + "the office's ITA totals of earlier years ([[measures.history]] year, score)";
  c["measures.indicators[1]"] = todo + "the score of each indicator (the total is computed from them)";
  c["measures.oit"] = todo + "the score of each OIT item";
  c["measures.activities[1]"] = todo + "the improvement activities";
  std::vector<NodePtr> indicators, supervision;
  for (const auto& fi : framework->indicators)
    indicators.push_back(table({{"number", integer(fi.number)}, {"name", text(fi.name)}, {"score", data::make_float(0)}}));
  TableBuilder oit;
  for (const auto& item : catalogue) {
    oit.set(item.id, integer(0));
    supervision.push_back(table({{"item", text(item.id)}, {"result", text("")}}));
  }
  const auto measures = table(
      {{"measures", table({{"fiscal_year", integer(fy)},
                           {"assessment_year", integer(ay)},
                           {"preface", array({text("คำนำของรายงาน")})},
                           {"history", array({})},
                           {"indicators", array(indicators)},
                           {"oit", oit.freeze()},
                           {"activities", array({table({{"title", text("ชื่อกิจกรรม")}, {"text", text("รายละเอียดกิจกรรม")}})})},
                           {"supervision", array(supervision)}})}});
  files.push_back(toml_file("measures.toml", "# The O42/O43 measures report. Made by oitgen init.", *measures, c));
  files.push_back({"images/emblem.png", placeholder_png()});
  return files;
}

std::vector<ScaffoldFile> carried_forward(const data::Dataset& old, const std::string& office,
                                          const std::filesystem::path& reference_dir, Diagnostics& diags) {
  const Node& root = *old.tree;
  const auto catalogue_years = model::years_with_files(reference_dir / "oit");
  const auto scale_years = model::years_with_files(reference_dir / "ita");
  auto has = [](const std::vector<int64_t>& years, int64_t y) { return std::find(years.begin(), years.end(), y) != years.end(); };
  const std::string todo = "TODO: ";
  std::vector<ScaffoldFile> files;
  const std::string from = old.root.string();

  // Office, output settings and people as they were (a new name if given).
  {
    TableBuilder o(*root.get("office"));
    if (!office.empty()) o.set("name", text(office));
    TableBuilder r;
    r.set("office", o.freeze());
    // How the office has its PDFs written (PDF/A, web size) stays as it was.
    if (const Node* output = root.get("output")) r.set("output", std::make_shared<Node>(*output));
    if (const Node* people = root.get("people")) r.set("people", std::make_shared<Node>(*people));
    files.push_back(toml_file("office.toml", "# The office and its people, carried forward from " + from + " by oitgen init.",
                              *r.freeze(), {{"people[1]", todo + "check that the people and their positions are current"}}));
    // The emblem file comes along; photos do not.
    std::error_code ec;
    const auto emblem = root.get("office")->get("emblem")->s;
    if (auto bytes = read_file(old.root / emblem)) files.push_back({emblem, *bytes});
  }
  if (const Node* a = root.get("announcement")) {
    TableBuilder t(*a);
    t.set("date", next_year(*a->get("date")));
    TableBuilder r;
    r.set("announcement", t.freeze());
    files.push_back(toml_file("announcement.toml", "# The announcement (ประกาศ), carried forward from " + from + ".",
                              *r.freeze(), {{"announcement.date", todo + "moved one year on: the date of this year's announcement"}}));
  }
  if (const Node* o = root.get("order")) {
    TableBuilder t(*o);
    Comments c;
    t.set("year", integer(o->get("year")->i + 1));
    t.set("date", next_year(*o->get("date")));
    c["order.number"] = todo + "this year's order number";
    c["order.year"] = todo + "moved one year on";
    c["order.date"] = todo + "moved one year on: the date of this year's order";
    std::vector<std::string> dropped;
    if (const Node* annex = o->get("annex")) {
      TableBuilder an(*annex);
      const int64_t year = annex->get("assessment_year")->i;
      if (has(catalogue_years, year + 1)) {
        an.set("assessment_year", integer(year + 1));
        c["order.annex.assessment_year"] = todo + "moved one year on: the items follow its catalogue";
        Diagnostics ignored;  // both catalogues are shipped and were checked when the old set was
        const auto last = model::load_oit_catalogue(reference_dir, year, {}, "", ignored);
        const auto next = model::load_oit_catalogue(reference_dir, year + 1, {}, "", diags);
        if (last && next)
          an.set("items", moved_annex_items(*annex->get("items"), *last, *next, *o->get("signer"), c, dropped));
      } else {
        c["order.annex.assessment_year"] = todo + "oitgen ships no OIT catalogue for " + std::to_string(year + 1) +
                                           " yet (data/oit/); still " + std::to_string(year);
      }
      t.set("annex", an.freeze());
    }
    TableBuilder r;
    r.set("order", t.freeze());
    std::string header = "# The order (คำสั่ง) and its annex, carried forward from " + from + ": the assignments are kept.";
    for (const auto& line : dropped) header += "\n" + line;
    files.push_back(toml_file("order.toml", header, *r.freeze(), c));
  }
  if (const Node* m = root.get("monitoring")) {
    TableBuilder t(*m);
    const int64_t fy = m->get("fiscal_year")->i + 1;
    t.set("fiscal_year", integer(fy));
    std::vector<NodePtr> periods;
    for (const auto& p : m->get("periods")->array) {
      TableBuilder pb(*p);
      pb.set("from", next_year(*p->get("from")));
      pb.set("to", next_year(*p->get("to")));
      periods.push_back(pb.freeze());
    }
    t.set("periods", array(periods));
    TableBuilder project(*m->get("project"));
    project.set("activities", array({placeholder_activity()}));
    TableBuilder budget(*m->get("project")->get("budget"));
    budget.set("spent", integer(0));
    project.set("budget", budget.freeze());
    t.set("project", project.freeze());
    TableBuilder r;
    r.set("monitoring", t.freeze());
    files.push_back(toml_file("monitoring.toml", "# The monitoring report, carried forward from " + from +
                                                     ": activities and spending emptied.", *r.freeze(),
                              {{"monitoring.fiscal_year", todo + "moved one year on"},
                               {"monitoring.preface", todo + "this year's preface"},
                               {"monitoring.project.activities[1]", todo + "this year's activities"},
                               {"monitoring.project.budget.approved", todo + "this year's approved budget"}}));
  }
  if (const Node* m = root.get("measures")) {
    TableBuilder t(*m);
    Comments c;
    const int64_t fy = m->get("fiscal_year")->i + 1;
    int64_t ay = m->get("assessment_year")->i;
    t.set("fiscal_year", integer(fy));
    c["measures.fiscal_year"] = todo + "moved one year on";
    if (has(scale_years, ay + 1)) {
      ++ay;
      c["measures.assessment_year"] = todo + "moved one year on";
    } else {
      c["measures.assessment_year"] = todo + "oitgen ships no ITA framework for " + std::to_string(ay + 1) +
                                      " yet (data/ita/): still the " + std::to_string(ay) + " result";
    }
    t.set("assessment_year", integer(ay));
    // The supervision table follows the OIT catalogue of the new fiscal year; until one ships, the last.
    const int64_t old_oit_year = m->get("oit_year") ? m->get("oit_year")->i : fy - 1;
    int64_t oit_year = fy;
    if (m->get("supervision") && !has(catalogue_years, fy) && !catalogue_years.empty()) {
      oit_year = has(catalogue_years, old_oit_year) ? old_oit_year : catalogue_years.back();
      t.set("oit_year", integer(oit_year));
      c["measures.oit_year"] = todo + "oitgen ships no OIT catalogue for " + std::to_string(fy) +
                               " yet (data/oit/): the supervision table keeps these items";
    }
    // Last year's national figures no longer apply; nor does the year's OIT choice once the
    // fiscal year has its own catalogue.
    t.node->table.erase(std::remove_if(t.node->table.begin(), t.node->table.end(),
                                       [&](const auto& kv) {
                                         return kv.first == "national" || (kv.first == "oit_year" && oit_year == fy);
                                       }),
                        t.node->table.end());
    // Past scores are facts and stay, last year's total as oitgen computed it when the data
    // left it out; the new year's total is computed from its indicators. Stated trends go.
    const Node* past = m->get("history");
    Diagnostics unused;
    const auto last_model = model::build_model(old, reference_dir, {"measures"}, unused);
    if (last_model.view && last_model.view->get("measures") && last_model.view->get("measures")->get("history"))
      past = last_model.view->get("measures")->get("history");
    std::vector<NodePtr> history;
    for (const auto& y : past->array) {
      if (y->get("year")->i == ay && ay != m->get("assessment_year")->i) continue;
      TableBuilder yb;
      yb.set("year", std::make_shared<Node>(*y->get("year")));
      yb.set("score", std::make_shared<Node>(*y->get("score")));
      history.push_back(yb.freeze());
    }
    t.set("history", array(history));
    Diagnostics ignored;  // the reference data was checked when the old set was
    // A new assessment year: its scores are to be filled in. The same year: its scores stand.
    if (ay != m->get("assessment_year")->i) {
      // The indicators of the new year's framework, the office's names kept where the number is.
      std::map<int64_t, std::string> names;
      for (const auto& ind : m->get("indicators")->array)
        if (const Node* n = ind->get("name")) names[ind->get("number")->i] = n->s;
      std::vector<NodePtr> indicators;
      if (const auto fw = model::load_framework(reference_dir, ay, {}, "", ignored)) {
        for (const auto& fi : fw->indicators)
          indicators.push_back(table({{"number", integer(fi.number)},
                                      {"name", text(names.count(fi.number) ? names[fi.number] : fi.name)},
                                      {"score", data::make_float(0)}}));
      } else {
        for (const auto& ind : m->get("indicators")->array)
          indicators.push_back(table({{"number", std::make_shared<Node>(*ind->get("number"))},
                                      {"name", text(names[ind->get("number")->i])},
                                      {"score", data::make_float(0)}}));
      }
      t.set("indicators", array(indicators));
      c["measures.indicators[1]"] = todo + "this year's score of each indicator (the total is computed from them)";
      TableBuilder oit;
      if (const auto cat = model::load_oit_catalogue(reference_dir, ay, {}, "", ignored)) {
        for (const auto& item : cat->items) oit.set(item.id, integer(0));
      } else {
        for (const auto& [id, score] : m->get("oit")->table) oit.set(id, integer(0));
      }
      t.set("oit", oit.freeze());
      c["measures.oit"] = todo + "this year's score of each OIT item";
    }
    t.set("activities", array({table({{"title", text("ชื่อกิจกรรม")}, {"text", text("รายละเอียดกิจกรรม")}})}));
    c["measures.activities[1]"] = todo + "this year's improvement activities";
    if (const Node* sup = m->get("supervision")) {
      std::vector<NodePtr> rows;
      const auto last = model::load_oit_catalogue(reference_dir, old_oit_year, {}, "", ignored);
      const auto next = oit_year != old_oit_year ? model::load_oit_catalogue(reference_dir, oit_year, {}, "", ignored)
                                                 : std::nullopt;
      if (last && next) {
        // Each item of the new catalogue, with the office's title of the item it continues by name.
        const auto match = counterparts(*last, *next);
        std::map<std::string, const Node*> title_of;
        for (const auto& row : sup->array)
          if (const Node* title = row->get("title")) title_of[row->get("item")->s] = title;
        for (size_t k = 0; k < next->items.size(); ++k) {
          TableBuilder rb;
          rb.set("item", text(next->items[k].id));
          if (!match.renamed[k] && match.of[k].size() == 1 && title_of.count(match.of[k].front()->id))
            rb.set("title", std::make_shared<Node>(*title_of[match.of[k].front()->id]));
          rb.set("result", text(""));
          rows.push_back(rb.freeze());
        }
      } else {
        for (const auto& row : sup->array) {
          TableBuilder rb(*row);
          rb.set("result", text(""));
          rows.push_back(rb.freeze());
        }
      }
      t.set("supervision", array(rows));
      c["measures.supervision[1]"] = todo + "this year's supervision results";
    }
    c["measures.preface"] = todo + "this year's preface";
    TableBuilder r;
    r.set("measures", t.freeze());
    files.push_back(toml_file("measures.toml", "# The measures report, carried forward from " + from +
                                                   ": scores and activities emptied.", *r.freeze(), c));
  }
  (void)diags;
  return files;
}

}  // namespace oitgen::pipeline
