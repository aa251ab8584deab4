#include "pipeline/build.h"

#include <algorithm>
#include <thread>

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
  if (o.max_dpi) profile.max_dpi = *o.max_dpi;
  if (o.jpeg_quality) profile.jpeg_quality = *o.jpeg_quality;
  return profile;
}

std::vector<BuiltDocument> build_documents(const BuildOptions& options, Resources& resources,
                                           Diagnostics& diags) {
  std::vector<BuiltDocument> built;
  auto rules = resources.break_rules(diags);
  if (!rules) return built;
  const auto dataset = data::load_dataset(options.dataset, diags);
  if (!dataset.tree) return built;

  // The kinds to build: the one asked for, or every kind whose layout's own requirements the
  // data set meets. What their layouts (and the layouts they include) require is all the
  // model derives: --only announcement needs no OIT catalogue.
  std::vector<std::string> kinds;
  for (const model::DocumentKind* kind : model::document_kind_registry()) {
    const std::string name(kind->name);
    if (options.only && *options.only != name) continue;
    auto spec = resources.layout(name, diags);
    if (!spec) return built;
    bool has_data = true;
    for (const auto& key : spec->requires_data) has_data &= dataset.tree->get(key) != nullptr;
    if (has_data) {
      kinds.push_back(name);
    } else if (options.only) {
      diags.error({options.dataset.string(), 0, 0}, "the data set has no data for '" + name + "'");
      return built;
    }
  }
  if (options.only && kinds.empty()) {
    std::string list;
    for (const model::DocumentKind* k : model::document_kind_registry()) (list += ' ') += k->name;
    diags.error({}, "unknown document kind '" + *options.only + "'; expected one of:" + list);
    return built;
  }
  if (kinds.empty()) {
    diags.error({options.dataset.string(), 0, 0}, "the data set describes no document");
    return built;
  }
  std::vector<std::string> data_keys, visited;
  for (const auto& kind : kinds) required_data(kind, resources, diags, data_keys, visited);
  if (diags.has_errors()) return built;
  const auto model = model::build_model(dataset, resources.root() / "data", data_keys, diags);
  if (!model.view) return built;
  const pdf::OutputProfile profile = output_profile(options, dataset.tree->get("output"), diags);
  std::shared_ptr<const std::string> srgb;
  if (profile.pdfa) srgb = resources.srgb_profile(diags);  // check too: a missing profile is a problem to report
  if (diags.has_errors()) return built;

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
    auto doc = layout::render_document(*spec, *model.view, ctx);
    if (job.diags.has_errors()) return;
    if (!options.write_pdf) {
      job.result = BuiltDocument{job.kind, {}, doc.pages.size()};
      return;
    }
    auto pdf = pdf::write_pdf(doc, profile, srgb.get(), &resources.changed_images());
    if (pdf.bytes.empty()) {
      job.diags.error({}, "cannot write the PDF: " + pdf.error, ErrorKind::Internal);
      return;
    }
    job.result = BuiltDocument{job.kind, std::move(pdf.bytes), doc.pages.size(), profile, pdf.images};
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
