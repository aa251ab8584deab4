// Timings: shaping + line breaking of the announcement's text, and the whole announcement build
// (data, model, layout, PDF) with fonts and ICU already loaded, as in a batch run.
#include <benchmark/benchmark.h>

#include "pipeline/build.h"
#include "data/dataset.h"
#include "model/thai_format.h"
#include "text/paragraph.h"
#include "util/files.h"

namespace {

using namespace oitgen;

pipeline::Resources& resources() {
  static pipeline::Resources r(OITGEN_SOURCE_ROOT);
  return r;
}

std::vector<std::string> announcement_text() {
  Diagnostics d;
  auto ds = data::load_dataset(std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples/nongkhai2-2565", d);
  std::vector<std::string> out;
  const auto& a = *ds.tree->get("announcement");
  for (const auto& p : a.get("preamble")->array) out.push_back(model::to_thai_digits(p->s));
  for (const auto& c : a.get("categories")->array) {
    out.push_back(model::to_thai_digits(c->get("title")->s));
    if (const auto* items = c->get("items"))
      for (const auto& it : items->array) out.push_back(model::to_thai_digits(it->get("text")->s));
  }
  return out;
}

void BM_ShapeAndBreakAnnouncement(benchmark::State& state) {
  Diagnostics d;
  auto font = resources().fonts().get(std::filesystem::path(OITGEN_SOURCE_ROOT) / "fonts/Laksaman.ttf", d);
  text::TextSetter setter(resources().break_rules(d));
  const auto paragraphs = announcement_text();
  size_t chars = 0;
  for (const auto& p : paragraphs) chars += p.size();
  for (auto _ : state) {
    for (const auto& p : paragraphs) {
      text::ParagraphSpec spec;
      spec.spans.push_back({p, font.get(), 10.64});
      spec.width = 453;
      spec.first_indent = 71;
      spec.align = text::Align::ThaiDistributed;
      benchmark::DoNotOptimize(setter.set(spec, d));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * chars));
  state.counters["paragraphs"] = static_cast<double>(paragraphs.size());
}
BENCHMARK(BM_ShapeAndBreakAnnouncement)->Unit(benchmark::kMillisecond);

// One document kind, built in memory (data, model, layout, subset, PDF) with resources warm.
void BM_BuildDocument(benchmark::State& state, const char* kind) {
  pipeline::BuildOptions options;
  options.dataset = std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples/nongkhai2-2565";
  options.only = kind;
  Diagnostics warmup;
  pipeline::build_documents(options, resources(), warmup);  // fonts, rules, layout loaded once
  size_t bytes = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto docs = pipeline::build_documents(options, resources(), d);
    if (docs.empty()) state.SkipWithError("build failed");
    else bytes = docs[0].pdf.size();
  }
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK_CAPTURE(BM_BuildDocument, announcement, "announcement")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BuildDocument, order, "order")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BuildDocument, monitoring, "monitoring-6m")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BuildDocument, measures_report, "measures-report")->Unit(benchmark::kMillisecond);

void BM_BuildAllDocuments(benchmark::State& state) {
  pipeline::BuildOptions options;
  options.dataset = std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples/nongkhai2-2565";
  Diagnostics warmup;
  pipeline::build_documents(options, resources(), warmup);
  size_t pages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto docs = pipeline::build_documents(options, resources(), d);
    pages = 0;
    for (const auto& doc : docs) pages += doc.pages;
  }
  state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK(BM_BuildAllDocuments)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
