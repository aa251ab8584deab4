// The benchmark, one command (build/oitgen_bench):
//  - per stage on the sample: load, model, text (shaping and breaking), layout, PDF write,
//    and the editor's position map (data paths, regions);
//  - each document kind built in memory with resources warm, as a batch worker does;
//  - whole processes: `oitgen build` of the announcement and of the whole sample, timed from
//    spawn to exit;
//  - a generated batch of 225 offices (the two samples, copied) × every kind at -j 2 in one
//    `oitgen batch` process: documents/s, pages/s, and peak RSS after 50 and after 225 offices;
//  - `oitgen check` of the sample grown by shapes that were once quadratic (1 MB of comment
//    lines, 100,000 people, 100,000 top-level keys): each must stay under 2 s;
//  - the editor's live preview of unsaved edits, as the server answers it;
//  - the editor's save: one value, or the order of rows, spliced into the largest sample file.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "data/dataset.h"
#include "layout/engine.h"
#include "model/office_model.h"
#include "model/thai_format.h"
#include "pdf/image_output.h"
#include "pdf/pdf_writer.h"
#include "pipeline/build.h"
#include "serve/editor.h"
#include "serve/store.h"
#include "serve/toml_splice.h"
#include "serve/tree_json.h"
#include "data/dataset_schema.h"
#include "data/toml_loader.h"
#include "serve/path_index.h"
#include "serve/position_map.h"
#include "text/paragraph.h"
#include "util/files.h"
#include "../tests/large_inputs.h"

extern char** environ;

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

// The four documents, under each output profile: 0 normal, 1 --pdfa, 2 --max-dpi 150, 3 both.
void BM_BuildAllDocuments(benchmark::State& state) {
  pipeline::BuildOptions options;
  options.dataset = std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples/nongkhai2-2565";
  options.output.pdfa = (state.range(0) & 1) != 0;
  if (state.range(0) & 2) options.output.max_dpi = 150;
  Diagnostics warmup;
  pipeline::build_documents(options, resources(), warmup);
  size_t pages = 0, bytes = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto docs = pipeline::build_documents(options, resources(), d);
    pages = bytes = 0;
    for (const auto& doc : docs) {
      pages += doc.pages;
      bytes += doc.pdf.size();
    }
  }
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_BuildAllDocuments)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

// A 12-megapixel camera JPEG placed 8 cm wide, brought down to 150 dpi.
void BM_DownsamplePhoto(benchmark::State& state) {
  const int w = 4000, h = 3000;
  std::vector<uint8_t> pixels(static_cast<size_t>(w) * h * 3);
  uint32_t seed = 1;
  for (size_t i = 0; i < pixels.size(); ++i) {
    seed = seed * 1664525u + 1013904223u;
    pixels[i] = static_cast<uint8_t>((i / 3 % w) / 16 + (seed >> 28));
  }
  Diagnostics d;
  auto photo = data::decode_image(data::encode_jpeg(pixels, w, h, 3, 92), "photo.jpg", {}, d);
  const int target = static_cast<int>(8 / 2.54 * 150);
  pdf::ImageChange change{target, target * h / w, false, false, 85};
  size_t bytes = 0;
  for (auto _ : state) {
    std::string error;
    auto small = pdf::change_image(*photo, change, error);
    bytes = small ? small->stream_bytes() : 0;
  }
  state.counters["in_bytes"] = static_cast<double>(photo->jpeg.size());
  state.counters["out_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_DownsamplePhoto)->Unit(benchmark::kMillisecond);

const std::filesystem::path kSample = std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples/nongkhai2-2565";

void BM_StageLoad(benchmark::State& state) {
  for (auto _ : state) {
    Diagnostics d;
    benchmark::DoNotOptimize(data::load_dataset(kSample, d));
  }
}
BENCHMARK(BM_StageLoad)->Unit(benchmark::kMillisecond);

void BM_StageModel(benchmark::State& state) {
  Diagnostics d;
  const auto ds = data::load_dataset(kSample, d);
  for (auto _ : state) benchmark::DoNotOptimize(model::build_model(ds, resources().root() / "data", d));
}
BENCHMARK(BM_StageModel)->Unit(benchmark::kMillisecond);

// Layout and PDF writing of one kind, the model and resources ready.
struct Laid {
  data::Dataset ds;
  model::OfficeModel model;
  std::shared_ptr<const layout::LayoutSpec> spec;
};

Laid prepared(const std::string& kind) {
  Diagnostics d;
  Laid l{data::load_dataset(kSample, d), {}, resources().layout(kind, d)};
  l.model = model::build_model(l.ds, resources().root() / "data", d);
  return l;
}

// `l` laid out once (for the stages after layout).
layout::Document laid_out(const Laid& l) {
  Diagnostics d;
  text::TextSetter setter(resources().break_rules(d));
  layout::LayoutContext ctx{resources().fonts(), setter, l.ds, resources().root(), d,
                            [](const std::string& k, Diagnostics& dd) { return resources().layout(k, dd); }, {},
                            &resources().images()};
  return layout::render_document(*l.spec, *l.model.view, ctx);
}

void BM_StageLayout(benchmark::State& state, const char* kind) {
  auto l = prepared(kind);
  Diagnostics d;
  text::TextSetter setter(resources().break_rules(d));
  size_t pages = 0;
  for (auto _ : state) {
    Diagnostics diags;
    layout::LayoutContext ctx{resources().fonts(), setter, l.ds, resources().root(), diags,
                              [](const std::string& k, Diagnostics& dd) { return resources().layout(k, dd); }, {},
                              &resources().images()};
    pages = layout::render_document(*l.spec, *l.model.view, ctx).pages.size();
  }
  state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK_CAPTURE(BM_StageLayout, announcement, "announcement")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_StageLayout, measures_report, "measures-report")->Unit(benchmark::kMillisecond);

void BM_StagePdf(benchmark::State& state, const char* kind) {
  const auto l = prepared(kind);
  const auto doc = laid_out(l);
  for (auto _ : state) benchmark::DoNotOptimize(pdf::write_pdf(doc));
}
BENCHMARK_CAPTURE(BM_StagePdf, announcement, "announcement")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_StagePdf, measures_report, "measures-report")->Unit(benchmark::kMillisecond);

// The editor's preview after a build: the data paths of the sample's values, and the regions
// of a laid-out document (serve/position_map.h).
void BM_PathIndex(benchmark::State& state) {
  Diagnostics d;
  const auto ds = data::load_dataset(kSample, d);
  size_t values = 0;
  for (auto _ : state) values = serve::PathIndex(*ds.tree).size();
  state.counters["values"] = static_cast<double>(values);
}
BENCHMARK(BM_PathIndex)->Unit(benchmark::kMicrosecond);

void BM_PositionMap(benchmark::State& state, const char* kind) {
  const auto l = prepared(kind);
  const auto doc = laid_out(l);
  const serve::PathIndex index(*l.ds.tree);
  size_t regions = 0;
  for (auto _ : state) regions = serve::regions_of(doc, index).size();
  state.counters["regions"] = static_cast<double>(regions);
}
BENCHMARK_CAPTURE(BM_PositionMap, announcement, "announcement")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PositionMap, measures_report, "measures-report")->Unit(benchmark::kMicrosecond);

// Runs the oitgen binary with `args`; returns its peak RSS in kB (and the exit code in `code`).
long spawn_oitgen(std::vector<std::string> args, int& code, const std::string& stdout_file = "/dev/null") {
  args.insert(args.begin(), OITGEN_BINARY);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  posix_spawn(&pid, OITGEN_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return usage.ru_maxrss;
}

void BM_WholeProcess(benchmark::State& state, const char* only) {
  const auto out = std::filesystem::temp_directory_path() / "oitgen-bench-process";
  std::vector<std::string> args = {"build", kSample.string(), "-o", out.string()};
  if (*only) args.insert(args.end(), {"--only", only});
  long rss = 0;
  for (auto _ : state) {
    int code = 0;
    rss = spawn_oitgen(args, code);
    if (code != 0) state.SkipWithError("oitgen build failed");
  }
  state.counters["peak_rss_MB"] = rss / 1024.0;
}
BENCHMARK_CAPTURE(BM_WholeProcess, announcement, "announcement")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_WholeProcess, sample, "")->Unit(benchmark::kMillisecond)->UseRealTime();

// 225 offices, every other one from each sample, built by one `oitgen batch -j 2`; the same with
// the first 50 only, to see that peak memory does not grow with the number of offices.
void BM_Batch(benchmark::State& state) {
  const int offices = static_cast<int>(state.range(0));
  const auto root = std::filesystem::temp_directory_path() / "oitgen-bench-batch";
  std::vector<std::string> args = {"batch"};
  for (int i = 1; i <= offices; ++i) {
    const auto dir = root / "in" / ("office-" + std::to_string(1000 + i));
    std::filesystem::create_directories(root / "in");
    if (!std::filesystem::exists(dir))
      std::filesystem::copy(std::filesystem::path(OITGEN_SOURCE_ROOT) /
                                (i % 2 ? "samples/nongkhai2-2565" : "samples/udonthani1-2566"),
                            dir, std::filesystem::copy_options::recursive);
    args.push_back(dir.string());
  }
  args.insert(args.end(), {"-o", (root / "out").string(), "-j", "2"});
  long rss = 0;
  for (auto _ : state) {
    std::filesystem::remove_all(root / "out");
    int code = 0;
    rss = spawn_oitgen(args, code, (root / "summary.txt").string());
    if (code != 0) state.SkipWithError("oitgen batch failed");
  }
  // "batch: 225 of 225 data sets built, 900 documents, 12000 pages in …"
  const std::string summary = read_file(root / "summary.txt").value_or("");
  const auto at = summary.find(" data sets built, ");
  double documents = 0, pages = 0;
  if (at != std::string::npos) std::sscanf(summary.c_str() + at, " data sets built, %lf documents, %lf pages", &documents, &pages);
  state.counters["documents"] = documents;
  state.counters["documents_per_s"] = benchmark::Counter(documents, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["pages_per_s"] = benchmark::Counter(pages, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MB"] = rss / 1024.0;
}
BENCHMARK(BM_Batch)->Arg(50)->Arg(225)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Everything `oitgen check` does (load, schema, model, layout; no PDF) on a large data set.
void BM_CheckLargeInput(benchmark::State& state, large_inputs::Shape shape, size_t n) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("oitgen-bench-large-" + std::to_string(::getpid())) / "data";
  large_inputs::write_dataset(OITGEN_SOURCE_ROOT, dir, shape, n);
  pipeline::BuildOptions options;
  options.dataset = dir;
  options.write_pdf = false;
  std::error_code ec;
  state.counters["data_MB"] = static_cast<double>(std::filesystem::file_size(
                                  dir / (shape == large_inputs::Shape::TopKeys ? "extra.toml" : "office.toml"), ec)) /
                              1e6;
  for (auto _ : state) {
    Diagnostics d;
    pipeline::build_documents(options, resources(), d);
    benchmark::DoNotOptimize(d.items().size());
  }
  std::filesystem::remove_all(dir.parent_path(), ec);
}
BENCHMARK_CAPTURE(BM_CheckLargeInput, comments_1MB, large_inputs::Shape::Comments, 125'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckLargeInput, people_100k, large_inputs::Shape::People, 100'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckLargeInput, top_keys_100k, large_inputs::Shape::TopKeys, 100'000)
    ->Unit(benchmark::kMillisecond);

// The editor's live preview as the server answers it (warm resources): the edited file spliced
// into its text, the data set loaded from memory, one document laid out and written, its page
// regions found and the PDF base64-encoded. The page's budget: 50 ms for the announcement,
// 150 ms for the measures report.
void BM_Preview(benchmark::State& state, const char* kind, const char* file) {
  std::string error;
  auto store = serve::open_folder_store(std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples", error);
  if (!store) {
    state.SkipWithError(error.c_str());
    return;
  }
  serve::Editor editor(*store, resources());
  const serve::Reply set = editor.set("nongkhai2-2565");
  serve::Json body = {{"kind", kind}, {"files", serve::Json::object()}};
  for (const auto& f : set.body["files"])
    if (f["name"] == file) body["files"][file] = f["data"];
  if (std::string(file) == "monitoring.toml") body["files"][file]["monitoring"]["project"]["budget"]["spent"] = 62000;
  if (std::string(file) == "announcement.toml") body["files"][file]["announcement"]["subject"] = "มาตรการ ปู่ ป่า น้ำ";
  size_t regions = 0;
  for (auto _ : state) {
    const serve::Reply r = editor.preview("nongkhai2-2565", body);
    if (!r.body.value("ok", false)) {
      state.SkipWithError("preview failed");
      break;
    }
    regions = r.body["regions"].size();
  }
  state.counters["regions"] = static_cast<double>(regions);
}
BENCHMARK_CAPTURE(BM_Preview, announcement, "announcement", "announcement.toml")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Preview, monitoring, "monitoring-6m", "monitoring.toml")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Preview, measures_report, "measures-report", "monitoring.toml")->Unit(benchmark::kMillisecond);
// The editor's save of the largest sample file (order.toml): parse, splice, and the check that
// the result reads back as asked. `move` reverses the annex rows instead of editing one value.
void BM_SpliceOrder(benchmark::State& state, bool move) {
  const std::string text = read_file(std::filesystem::path(OITGEN_SOURCE_ROOT) / "samples/nongkhai2-2565/order.toml").value_or("");
  Diagnostics d;
  auto wanted = serve::file_to_json(*data::parse_toml(text, "order.toml", d));
  if (move) {
    auto& items = wanted["order"]["annex"]["items"];
    std::reverse(items.begin(), items.end());
  } else {
    wanted["order"]["subject"] = "ปู่ \"ป่า\" น้ำ";
  }
  const auto schema = data::dataset_schema();
  state.counters["file_KB"] = static_cast<double>(text.size()) / 1e3;
  for (auto _ : state) {
    auto r = serve::splice_toml(text, wanted, *schema, "order.toml");
    if (!r.text) state.SkipWithError(r.error.c_str());
    benchmark::DoNotOptimize(r.text);
  }
}
BENCHMARK_CAPTURE(BM_SpliceOrder, one_value, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SpliceOrder, rows_reversed, true)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
