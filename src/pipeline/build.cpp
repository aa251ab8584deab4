#include "pipeline/build.h"

#include <algorithm>
#include <thread>
#include <unordered_set>

#include "data/dataset.h"
#include "layout/blocks/include.h"
#include "layout/engine.h"
#include "model/kinds/document_kind.h"
#include "model/office_model.h"
#include "pdf/pdf_writer.h"

namespace oitgen::pipeline {

namespace {

// The data sections `kind`'s layout requires, with those of the layouts it includes.
void required_data(const std::string& kind, Resources& resources, Diagnostics& diags,
                   std::vector<std::string>& keys, std::vector<std::string>& visited) {
  if (std::find(visited.begin(), visited.end(), kind) != visited.end()) return;
  visited.push_back(kind);
  auto spec = resources.layout(kind, diags);
  if (!spec) return;
  for (const auto& key : spec->requires_data)
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  for (const auto& included : layout::included_layouts(*spec)) required_data(included, resources, diags, keys, visited);
}

}  // namespace

pdf::OutputProfile output_profile(const BuildOptions& options, const data::Node* output, Diagnostics& diags) {
  pdf::OutputProfile profile;
  auto get = [&](const char* key) { return output ? output->get(key) : nullptr; };
  if (const data::Node* n = get("pdfa")) profile.pdfa = n->b;
  if (const data::Node* n = get("pdfua")) profile.pdfua = n->b;
  if (const data::Node* n = get("max_dpi")) {
    if (n->i != 0 && (n->i < kMinDpi || n->i > kMaxDpi))
      diags.error(n->where, "'output.max_dpi' must be 0 (no limit) or " + std::to_string(kMinDpi) + " to " +
                                std::to_string(kMaxDpi) + ", found " + std::to_string(n->i));
    else
      profile.max_dpi = static_cast<int>(n->i);
  }
  if (const data::Node* n = get("jpeg_quality")) {
    if (n->i < 1 || n->i > 100)
      diags.error(n->where, "'output.jpeg_quality' must be 1 to 100, found " + std::to_string(n->i));
    else
      profile.jpeg_quality = static_cast<int>(n->i);
  }
  const OutputOverrides& o = options.output;
  if (o.pdfa) profile.pdfa = *o.pdfa;
  if (o.pdfua) profile.pdfua = *o.pdfua;
  if (o.max_dpi) profile.max_dpi = *o.max_dpi;
  if (o.jpeg_quality) profile.jpeg_quality = *o.jpeg_quality;
  return profile;
}

std::string document_title(const std::string& kind) {
  if (kind == "announcement") return "the announcement";
  if (kind == "order") return "the order";
  if (kind == "monitoring-6m") return "the monitoring report";
  if (kind == "measures-report") return "the measures report";
  return "'" + kind + "'";
}

std::vector<BuiltDocument> build_documents(const BuildOptions& options, Resources& resources, Diagnostics& diags) {
  std::vector<BuiltDocument> built;
  auto rules = resources.break_rules(diags);
  if (!rules) return built;
  auto dataset = data::load_dataset_parts(options.dataset, diags, options.texts);
  if (!dataset.tree) return built;

  // What each kind is made from: the sections its layout and the layouts it includes require,
  // and the office and people every document names.
  struct Wanted {
    std::string kind;
    std::vector<std::string> sections;
    std::vector<const data::DataProblem*> blocked_by;
  };
  std::vector<Wanted> wanted;
  bool known = !options.only;
  for (const model::DocumentKind* kind : model::document_kind_registry()) {
    const std::string name(kind->name);
    if (options.only && *options.only != name) continue;
    known = true;
    auto spec = resources.layout(name, diags);
    if (!spec) return built;
    Wanted w{name, {"office", "people", "output"}, {}};
    std::vector<std::string> visited;
    required_data(name, resources, diags, w.sections, visited);
    for (const auto& p : dataset.problems)
      for (const auto& section : w.sections)
        if (p.concerns(section)) {
          w.blocked_by.push_back(&p);
          break;
        }
    // Built when the data set has its own sections; one whose sections are there but broken
    // is wanted too: its errors are what the user must see.
    bool has_data = true, broken_own = false;
    for (const auto& key : spec->requires_data) {
      has_data &= dataset.tree->get(key) != nullptr;
      for (const auto& p : dataset.problems) broken_own |= !p.sections.empty() && p.concerns(key);
    }
    if (has_data || broken_own || (options.only && !w.blocked_by.empty())) {
      wanted.push_back(std::move(w));
    } else if (options.only) {
      diags.error({options.dataset.string(), 0, 0}, "the data set has no data for '" + name + "'");
      return built;
    }
  }
  if (!known) {
    std::string list;
    for (const model::DocumentKind* k : model::document_kind_registry()) (list += ' ') += k->name;
    diags.error({}, "unknown document kind '" + *options.only + "'; expected one of:" + list);
    return built;
  }
  // Every problem is an error when every document is wanted: a build is all or nothing. For one
  // document (--only), a problem in what it is not made from is told as a warning.
  std::unordered_set<const data::DataProblem*> told;
  if (!options.only)
    for (const auto& p : dataset.problems) {
      diags.append(p.diags);
      told.insert(&p);
    }
  for (const auto& w : wanted)
    for (const auto* p : w.blocked_by)
      if (told.insert(p).second) diags.append(p->diags);
  for (const auto& p : dataset.problems) {
    if (told.count(&p)) continue;
    for (const auto& d : p.diags.items()) diags.warning(d.where, d.message);
    std::string which;
    for (const model::DocumentKind* kind : model::document_kind_registry())
      for (const auto& key : p.sections)
        if (key == kind->data_key) which = document_title(std::string(kind->name));
    diags.warning({p.file, 0, 0}, std::filesystem::path(p.file).filename().string() + " has errors; " +
                                      (which.empty() ? "it is not used" : which + " is not built"));
  }
  if (wanted.empty()) {
    diags.error({options.dataset.string(), 0, 0}, "the data set describes no document");
    return built;
  }
  if (diags.has_errors()) return built;
  std::vector<std::string> kinds;
  for (const auto& w : wanted) kinds.push_back(w.kind);

  // What the model derives: every section the wanted documents are made from (found above).
  std::vector<std::string> data_keys;
  for (const auto& w : wanted)
    for (const auto& key : w.sections)
      if (std::find(data_keys.begin(), data_keys.end(), key) == data_keys.end()) data_keys.push_back(key);
  const auto model = model::build_model(dataset, resources.root() / "data", data_keys, diags);
  if (!model.view) return built;
  const size_t errors_before = diags.error_count();
  const pdf::OutputProfile profile = output_profile(options, dataset.tree->get("output"), diags);
  std::shared_ptr<const std::string> srgb;
  if (profile.pdfa) srgb = resources.srgb_profile(diags);  // check too: a missing profile is a problem to report
  if (diags.error_count() > errors_before) return built;

  // Each document is laid out on its own thread with its own text setter and diagnostics;
  // fonts, rules, layouts and the model are shared read-only. Results and messages are kept
  // in the order of the kinds, so output does not depend on scheduling.
  struct Job {
    std::string kind;
    Diagnostics diags;
    std::optional<BuiltDocument> result;
  };
  std::vector<Job> jobs;
  for (const auto& kind : kinds) jobs.push_back({kind, {}, std::nullopt});
  auto run_job = [&](Job& job) {
    text::TextSetter setter(rules);
    auto spec = resources.layout(job.kind, job.diags);
    if (!spec) return;
    layout::LayoutContext ctx{resources.fonts(), setter, dataset, resources.root(), job.diags,
                              [&](const std::string& kind, Diagnostics& d) { return resources.layout(kind, d); },
                              {},
                              &resources.images()};
    layout::RenderOptions render;
    render.pdfua = profile.pdfua;
    auto doc = layout::render_document(*spec, *model.view, ctx, render);
    if (job.diags.has_errors()) return;
    // PDF/UA-1 needs the title (the XMP's dc:title, shown by /DisplayDocTitle).
    if (profile.pdfua && doc.title.empty()) {
      job.diags.error({spec->path, 0, 0}, "the layout gives " + document_title(job.kind) +
                                               " no title ([document] title); PDF/UA-1 needs one",
                       ErrorKind::Layout);
      return;
    }
    if (!options.write_pdf) {
      job.result = BuiltDocument{job.kind, {}, doc.pages.size()};
      if (options.keep_layout) job.result->layout = std::make_shared<const layout::Document>(std::move(doc));
      return;
    }
    auto pdf = pdf::write_pdf(doc, profile, srgb.get(), &resources.changed_images());
    if (pdf.bytes.empty()) {
      job.diags.error({}, "cannot write the PDF: " + pdf.error, ErrorKind::Internal);
      return;
    }
    job.result = BuiltDocument{job.kind, std::move(pdf.bytes), doc.pages.size(), profile, pdf.images};
    if (options.keep_layout) job.result->layout = std::make_shared<const layout::Document>(std::move(doc));
  };
  if (options.thread_per_document) {
    std::vector<std::thread> threads;
    for (auto& job : jobs) threads.emplace_back(run_job, std::ref(job));
    for (auto& t : threads) t.join();
  } else {
    for (auto& job : jobs) run_job(job);
  }
  for (auto& job : jobs) {
    diags.append(job.diags);
    if (job.result) built.push_back(std::move(*job.result));
  }
  return built;
}

}  // namespace oitgen::pipeline
