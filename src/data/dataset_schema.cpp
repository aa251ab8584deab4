// The description of an office's data set: which keys each data file may hold, of which type,
// which are required. The loader validates with it (data::check) and `oitgen schema` prints it
// as JSON Schema: one source of truth.
#include "data/dataset_schema.h"

namespace oitgen::data {
namespace {

// The anti-corruption monitoring report (O40): one project, its activities, figures and photos.
TypeRef monitoring_schema() {
  auto str = string_type();
  auto strings = array_of(str);
  auto photo = table_type({req("src", str), opt("caption", str)});
  auto photos = array_of(photo);
  auto step = one_of({str, table_type({req("text", str), opt("date", date_type()), opt("photos", photos)})});
  auto activity = table_type({req("title", str), req("status", str), opt("date", date_type()),
                              opt("intro", str), opt("steps_title", str), opt("steps_are_phases", bool_type()),
                              opt("steps", array_of(step)), opt("summary", str), opt("photos", photos)});
  auto alignment = table_type({req("title", str), opt("items", strings), opt("note", str)});
  auto kpi = table_type({req("indicator", str), req("target", str)});
  auto budget = table_type({req("approved", number_type()), req("spent", number_type()), req("source", str)});
  auto targets = table_type({req("quantitative", strings), req("qualitative", strings)});
  auto project = table_type({req("name", str), req("responsible", str), opt("unit", str), req("objective", str),
                             req("targets", targets), opt("alignments", array_of(alignment)),
                             opt("intro", str), req("activities", array_of(activity)), req("outputs", strings),
                             req("outcomes", strings), req("kpis", array_of(kpi)), req("budget", budget)});
  auto period = table_type({req("number", integer_type()), req("months", integer_type()), req("from", date_type()),
                            req("to", date_type())});
  return table_type({req("fiscal_year", integer_type()), req("round", integer_type()), opt("date", date_type()),
                     req("preface", strings), req("periods", array_of(period)), req("project", project)});
}

// The O42/O43 measures report: last assessment's ITA result, the improvement activities and the
// supervision of every OIT item. Only raw facts: trends, differences, grades are computed.
TypeRef measures_schema() {
  auto str = string_type();
  auto num = number_type();
  auto year = table_type({req("year", integer_type()), req("score", num), opt("trend", str), opt("difference", num)});
  auto indicator = table_type({req("number", integer_type()), req("name", str), req("score", num), opt("grade", str)});
  auto activity = table_type({req("title", str), opt("text", str), opt("steps", array_of(str)),
                              opt("supervision", bool_type())});
  auto supervision = table_type({req("item", str), opt("title", str), req("result", optional_text_type())});
  auto national = table_type({req("offices", integer_type()), req("average", num)});
  return table_type({req("fiscal_year", integer_type()), req("assessment_year", integer_type()),
                     opt("oit_year", integer_type()), opt("date", date_type()),
                     req("preface", array_of(str)), opt("national", national), req("history", array_of(year)),
                     req("indicators", array_of(indicator)), req("oit", open_table_type()),
                     req("activities", array_of(activity)), opt("supervision", array_of(supervision))});
}

}  // namespace

TypeRef dataset_schema() {
  auto str = string_type();
  auto strings = array_of(str);
  auto person = table_type({req("id", str), req("title", optional_text_type()),
                            req("first", str), req("last", str), req("position", str),
                            opt("unit", str)});
  auto office = table_type({req("name", str), opt("parents", strings), opt("website", str),
                            req("emblem", str), req("director", str)});
  auto item = table_type({req("text", str), opt("bullets", strings)});
  auto category = table_type({req("title", str), opt("paragraphs", strings),
                              opt("items", array_of(item))});
  auto announcement = table_type({req("subject", str), req("date", date_type()),
                                  req("signer", str), req("preamble", strings),
                                  opt("scope", str), req("categories", array_of(category)),
                                  req("closing", str)});
  auto detail = one_of({str, table_type({req("text", str), req("items", strings)})});
  auto annex_item = table_type({req("item", str), req("title", str), opt("intro", str),
                                opt("details", array_of(detail)), opt("after", str),
                                req("responsible", strings)});
  auto annex = table_type({req("title", str), opt("subtitle", str),
                           req("assessment_year", integer_type()), opt("summary", strings),
                           req("items", array_of(annex_item))});
  auto order = table_type({req("number", integer_type()), req("year", integer_type()),
                           req("subject", str), req("date", date_type()), req("signer", str),
                           req("body", strings), opt("website", str), opt("effective", str),
                           opt("annex", annex)});
  // How the PDFs are written; `--pdfa`, `--max-dpi` and `--jpeg-quality` override it.
  auto output = table_type({opt("pdfa", bool_type()), opt("max_dpi", integer_type()),
                            opt("jpeg_quality", integer_type())});
  return table_type({req("office", office), opt("output", output), opt("people", array_of(person)),
                     opt("announcement", announcement), opt("order", order),
                     opt("monitoring", monitoring_schema()), opt("measures", measures_schema())});
}

}  // namespace oitgen::data
