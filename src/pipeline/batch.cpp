#include "pipeline/batch.h"

#include <malloc.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "pipeline/build.h"
#include "util/output_transaction.h"

namespace oitgen::pipeline {

std::string dataset_name(const std::filesystem::path& dataset, std::string& problem) {
  std::error_code ec;
  const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(dataset, ec), ec);
  if (ec) {
    problem = "cannot resolve the data set path '" + dataset.string() + "': " + ec.message();
    return "";
  }
  std::string name = resolved.filename().string();
  if (name.empty() || name == "." || name == "..") {
    problem = "the data set path '" + dataset.string() + "' has no folder name to write it under";
    return "";
  }
  return name;
}

namespace {

// OUT/<name>, refused when it would lie outside OUT (a link under OUT pointing elsewhere).
std::filesystem::path output_folder(const std::filesystem::path& out, const std::string& name, std::string& problem) {
  const auto dir = out / name;
  std::error_code ec;
  const auto base = std::filesystem::weakly_canonical(std::filesystem::absolute(out, ec), ec);
  const auto real = std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec);
  const auto inside = real.lexically_relative(base);
  if (ec || inside.empty() || *inside.begin() == ".." || inside == ".") {
    problem = "the output folder " + dir.string() + " would lie outside " + out.string() + "; nothing written";
    return {};
  }
  return dir;
}

}  // namespace

BatchResult run_batch(const BatchOptions& options, Resources& resources, const std::atomic<bool>& stop,
                      const std::function<void(const DatasetOutcome&, size_t done, size_t total)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  BatchResult result;
  result.outcomes.resize(options.datasets.size());
  for (size_t i = 0; i < options.datasets.size(); ++i) {
    result.outcomes[i].dataset = options.datasets[i];
    std::string problem;
    result.outcomes[i].name = dataset_name(options.datasets[i], problem);
    if (!problem.empty()) result.outcomes[i].diags.error({options.datasets[i].string(), 0, 0}, problem, ErrorKind::Output);
  }
  // OUT itself is made before the workers start, so that none of them removes it under another;
  // it goes again only when no data set was written into it.
  OutputTransaction base;
  if (const std::string problem = base.make_folder(options.out_dir); !problem.empty())
    for (auto& o : result.outcomes) o.diags.error({options.out_dir.string(), 0, 0}, problem, ErrorKind::Output);
  std::atomic<size_t> next{0};
  std::mutex report;
  size_t done = 0;
  auto worker = [&] {
    while (!stop.load()) {
      const size_t i = next.fetch_add(1);
      if (i >= result.outcomes.size()) return;
      DatasetOutcome& o = result.outcomes[i];
      BuildOptions build;
      build.dataset = o.dataset;
      build.only = options.only;
      build.output = options.output;
      build.thread_per_document = false;  // the pool is the only source of threads
      std::vector<BuiltDocument> docs;
      if (!o.diags.has_errors()) docs = build_documents(build, resources, o.diags);
      if (!o.diags.has_errors()) {
        std::string problem;
        const auto dir = output_folder(options.out_dir, o.name, problem);
        OutputTransaction transaction;
        if (problem.empty()) problem = transaction.make_folder(dir);
        for (const auto& d : docs)
          if (problem.empty()) problem = transaction.stage(dir / (d.kind + ".pdf"), d.pdf);
        if (!dir.empty()) {
          const auto written = transaction.commit();
          if (!written.ok) problem = written.problem + "; no PDF of it written" + (written.restored() ? "" : "; " + written.left);
        }
        if (problem.empty()) {
          o.ok = true;
          o.documents = docs.size();
          for (const auto& d : docs) {
            o.pages += d.pages;
            o.bytes += d.pdf.size();
            o.images += d.images;
          }
        } else {
          o.diags.error({(options.out_dir / o.name).string(), 0, 0}, problem, ErrorKind::Output);
        }
      }
      // The data set's documents are gone: hand the freed memory back, so the process does not
      // keep every worker arena at its high-water mark for the rest of the batch.
      docs.clear();
      docs.shrink_to_fit();
      malloc_trim(0);
      std::lock_guard lock(report);
      ++done;
      if (progress) progress(o, done, result.outcomes.size());
    }
  };
  const unsigned n = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(result.outcomes.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  bool any = false;
  for (const auto& o : result.outcomes) any |= o.ok;
  if (any) base.commit();  // keeps the folders made (an empty transaction has nothing to undo)
  for (const auto& o : result.outcomes) {
    result.documents += o.documents;
    result.pages += o.pages;
    result.bytes += o.bytes;
    result.images += o.images;
    if (!o.ok && (o.diags.has_errors())) ++result.failed;
    if (!o.ok && !o.diags.has_errors()) ++result.skipped;
  }
  result.interrupted = stop.load() && result.skipped > 0;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace oitgen::pipeline
