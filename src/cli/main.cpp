// oitgen: Thai ITA/OIT documents from an office's TOML data.
#include <csignal>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/build_command.h"
#include "util/files.h"

namespace {

const char* const kUsage =
    "usage: oitgen build DATASET -o DIR [--only KIND]\n"
    "       oitgen --help | --version\n"
    "\n"
    "Builds the documents a data set supports as DIR/<kind>.pdf.\n"
    "Kinds: announcement, order, monitoring-6m, measures-report.\n"
    "\n"
    "Options:\n"
    "  -o, --out DIR   folder for the PDFs (created if missing)\n"
    "  --only KIND     build one document kind\n"
    "  -h, --help      show this help\n"
    "  --version       show the version\n"
    "\n"
    "Exit codes: 0 ok, 1 data or usage error (nothing written), 2 internal failure.\n"
    "Shipped fonts, layouts and reference data are read from $OITGEN_HOME if set.\n";

int usage_error(const std::string& message) {
  std::cerr << "oitgen: " << message << "\n\n" << kUsage;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit, write() fails with EFBIG and the build reports it, instead of the
  // process being killed half-way.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage_error("no command given");
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (args[0] == "--version") {
      std::cout << "oitgen " << OITGEN_VERSION << "\n";
      return 0;
    }
    if (args[0] != "build") return usage_error("unknown command '" + args[0] + "'");
    oitgen::cli::BuildOptions options;
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& a = args[i];
      if ((a == "-o" || a == "--out") && i + 1 < args.size()) {
        options.out_dir = args[++i];
      } else if (a == "--only" && i + 1 < args.size()) {
        options.only = args[++i];
      } else if (a == "-h" || a == "--help") {
        std::cout << kUsage;
        return 0;
      } else if (!a.empty() && a[0] == '-') {
        return usage_error("unknown or incomplete option '" + a + "'");
      } else if (options.dataset.empty()) {
        options.dataset = a;
      } else {
        return usage_error("more than one data set given ('" + a + "')");
      }
    }
    if (options.dataset.empty()) return usage_error("no data set folder given");
    if (options.out_dir.empty()) return usage_error("no output folder given (-o DIR)");
    oitgen::cli::Resources resources(oitgen::resource_root());
    return oitgen::cli::run_build(options, resources, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "oitgen: internal error: " << e.what() << "\n";
    return 2;
  }
}
