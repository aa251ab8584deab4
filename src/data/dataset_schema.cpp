// The description of an office's data set: which keys each data file may hold, of which type,
// which are required. The loader validates with it (data::check) and `oitgen schema` prints it
// as JSON Schema: one source of truth.
#include "data/dataset_schema.h"

namespace oitgen::data {
namespace {

// The anti-corruption monitoring report (O40): one project, its activities, figures and photos.
TypeRef monitoring_schema() {
  auto str = string_type();
  auto para = paragraph_type();
  auto paragraphs = array_of(para);
  auto photo = table_type({req("src", str), opt("caption", str), opt("alt", str)});
  auto photos = array_of(photo);
  auto step = one_of({para, table_type({req("text", para), opt("date", date_type()), opt("photos", photos)})});
  auto activity = table_type({req("title", str), req("status", choice_type(activity_statuses())), opt("date", date_type()),
                              opt("intro", para), opt("steps_title", str), opt("steps_are_phases", bool_type()),
                              opt("steps", array_of(step)), opt("summary", para), opt("photos", photos)});
  auto alignment = table_type({req("title", str), opt("items", paragraphs), opt("note", para)});
  auto kpi = table_type({req("indicator", str), req("target", str)});
  auto budget = table_type({req("approved", number_type()), req("spent", number_type()),
                            req("source", choice_type(budget_sources()))});
  auto targets = table_type({req("quantitative", paragraphs), req("qualitative", paragraphs)});
  auto project = table_type({req("name", str), req("responsible", ref_type("people")), opt("unit", str),
                             req("objective", para), req("targets", targets), opt("alignments", array_of(alignment)),
                             opt("intro", para), req("activities", array_of(activity)), req("outputs", paragraphs),
                             req("outcomes", paragraphs), req("kpis", array_of(kpi)), req("budget", budget)});
  auto period = table_type({req("number", integer_type()), req("months", integer_type()), req("from", date_type()),
                            req("to", date_type())});
  return table_type({req("fiscal_year", integer_type()), req("round", integer_type()), opt("date", date_type()),
                     req("preface", paragraphs), req("periods", array_of(period)), req("project", project)});
}

// The O42/O43 measures report: last assessment's ITA result, the improvement activities and the
// supervision of every OIT item. Only raw facts: trends, differences, grades are computed.
TypeRef measures_schema() {
  auto str = string_type();
  auto para = paragraph_type();
  auto num = number_type();
  auto year = table_type({req("year", integer_type()), req("score", num), opt("trend", str), opt("difference", num)});
  auto indicator = table_type({req("number", integer_type()), opt("name", str), req("score", num), opt("grade", str)});
  auto activity = table_type({req("title", str), opt("text", para), opt("steps", array_of(para)),
                              opt("supervision", bool_type())});
  auto result = std::make_shared<Type>(*paragraph_type());  // "" where the seed's cell is empty
  result->allow_empty = true;
  auto supervision = table_type({req("item", ref_type("oit")), opt("title", str), req("result", result)});
  auto national = table_type({req("offices", integer_type()), req("average", num)});
  return table_type({req("fiscal_year", integer_type()), req("assessment_year", integer_type()),
                     opt("oit_year", integer_type()), opt("date", date_type()),
                     req("preface", array_of(para)), opt("national", national), req("history", array_of(year)),
                     req("indicators", array_of(indicator)), req("oit", open_table_type()),
                     req("activities", array_of(activity)), opt("supervision", array_of(supervision))});
}

}  // namespace

const std::vector<Choice>& activity_statuses() {
  static const std::vector<Choice> statuses = {{"done", "Done", "ดำเนินการแล้ว"},
                                               {"in-progress", "In progress", "อยู่ระหว่างการดำเนินการ"},
                                               {"not-started", "Not started", "ยังไม่ได้ดำเนินการ"}};
  return statuses;
}

const std::vector<Choice>& budget_sources() {
  static const std::vector<Choice> sources = {{"plan", "The office's action plan", "โครงการตามแผนปฏิบัติการ"},
                                              {"obec", "The parent body's budget (office.parent_short)", "งบประมาณจากหน่วยงานต้นสังกัด"},
                                              {"other", "Other", "อื่น ๆ"}};
  return sources;
}

TypeRef dataset_schema() {
  auto str = string_type();
  auto para = paragraph_type();
  auto person_id = ref_type("people");
  auto strings = array_of(str);
  auto paragraphs = array_of(para);
  auto person = table_type({req("id", str), req("title", optional_text_type()),
                            req("first", str), req("last", str), req("position", str),
                            opt("unit", str)});
  auto office = table_type({req("name", str), opt("parents", strings), opt("website", str),
                            req("emblem", str), opt("emblem_alt", str), req("director", person_id), opt("agency_kind", str),
                            opt("agency_unit", str), opt("parent_short", str)});
  auto item = table_type({req("text", para), opt("bullets", paragraphs)});
  auto category = table_type({req("title", str), opt("paragraphs", paragraphs),
                              opt("items", array_of(item))});
  auto announcement = table_type({req("subject", str), req("date", date_type()),
                                  req("signer", person_id), req("preamble", paragraphs),
                                  opt("scope", para), req("categories", array_of(category)),
                                  req("closing", para)});
  auto detail = one_of({para, table_type({req("text", para), req("items", paragraphs)})});
  auto annex_item = table_type({req("item", ref_type("oit")), req("title", str), opt("intro", para),
                                opt("details", array_of(detail)), opt("after", para),
                                req("responsible", array_of(person_id))});
  auto annex = table_type({req("title", str), opt("subtitle", str),
                           req("assessment_year", integer_type()), opt("summary", strings),
                           req("items", array_of(annex_item))});
  auto order = table_type({req("number", integer_type()), req("year", integer_type()),
                           req("subject", str), req("date", date_type()), req("signer", person_id),
                           req("body", paragraphs), opt("website", str), opt("effective", para),
                           opt("annex", annex)});
  // How the PDFs are written; `--pdfa`, `--pdfua`, `--max-dpi` and `--jpeg-quality` override it.
  auto output = table_type({opt("pdfa", bool_type()), opt("pdfua", bool_type()), opt("max_dpi", integer_type()),
                            opt("jpeg_quality", integer_type())});
  return table_type({req("office", office), opt("output", output), opt("people", array_of(person)),
                     opt("announcement", announcement), opt("order", order),
                     opt("monitoring", monitoring_schema()), opt("measures", measures_schema())});
}

}  // namespace oitgen::data
