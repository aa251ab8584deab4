#include "pipeline/batch.h"

#include <malloc.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "pipeline/build.h"
#include "util/files.h"

namespace oitgen::pipeline {

BatchResult run_batch(const BatchOptions& options, Resources& resources, const std::atomic<bool>& stop,
                      const std::function<void(const DatasetOutcome&, size_t done, size_t total)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  BatchResult result;
  result.outcomes.resize(options.datasets.size());
  for (size_t i = 0; i < options.datasets.size(); ++i) {
    result.outcomes[i].dataset = options.datasets[i];
    result.outcomes[i].name = options.datasets[i].lexically_normal().filename().string();
    if (result.outcomes[i].name.empty()) result.outcomes[i].name = options.datasets[i].lexically_normal().parent_path().filename().string();
  }
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
      auto docs = build_documents(build, resources, o.diags);
      if (!o.diags.has_errors()) {
        std::error_code ec;
        const auto dir = options.out_dir / o.name;
        std::filesystem::create_directories(dir, ec);
        std::vector<FileToWrite> files;
        for (const auto& d : docs) files.push_back({dir / (d.kind + ".pdf"), &d.pdf});
        const std::string problem = ec ? "cannot create " + dir.string() + ": " + ec.message() : write_files_atomically(files);
        if (problem.empty()) {
          o.ok = true;
          o.documents = docs.size();
          for (const auto& d : docs) {
            o.pages += d.pages;
            o.bytes += d.pdf.size();
            o.images += d.images;
          }
        } else {
          o.diags.error({dir.string(), 0, 0}, problem, ErrorKind::Output);
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
