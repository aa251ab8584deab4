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
    "Commands:\n"
    "  build DATASET   builds the documents the data set has data for, as DIR/<kind>.pdf;\n"
    "                  all of them or none (a failure leaves no PDF and no temporary file)\n"
    "    -o DIR, --out DIR, --out=DIR   folder for the PDFs (created if missing)\n"
    "    --only KIND, --only=KIND       build one document kind: announcement, order,\n"
    "                                   monitoring-6m or measures-report\n"
    "    --                             what follows is the data set, even if it starts with -\n"
    "  -h, --help      show this help (also after a command)\n"
    "  --version       show the version\n"
    "\n"
    "Exit codes: 0 ok, 1 data, layout, output or usage error (nothing written), 2 internal failure.\n"
    "\n"
    "Environment:\n"
    "  OITGEN_HOME     folder holding the fonts/, layouts/ and data/ oitgen reads (default: the\n"
    "                  source tree it was built from)\n";

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
    oitgen::pipeline::BuildOptions options;
    // GNU forms: "-o DIR", "-oDIR", "--out DIR", "--out=DIR", "--only KIND", "--only=KIND";
    // after "--" everything is a data set folder.
    bool options_done = false;
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& a = args[i];
      auto value_of = [&](const std::string& long_name, const std::string& short_name, std::string& value) {
        if (a == long_name || (!short_name.empty() && a == short_name)) {
          if (i + 1 >= args.size()) return false;
          value = args[++i];
          return true;
        }
        if (a.rfind(long_name + "=", 0) == 0) {
          value = a.substr(long_name.size() + 1);
          return true;
        }
        if (!short_name.empty() && a.size() > 2 && a.rfind(short_name, 0) == 0) {
          value = a.substr(2);
          return true;
        }
        return false;
      };
      std::string value;
      if (options_done || a.empty() || a[0] != '-' || a == "-") {
        if (!options.dataset.empty()) return usage_error("more than one data set given ('" + a + "')");
        options.dataset = a;
      } else if (a == "--") {
        options_done = true;
      } else if (a == "-h" || a == "--help") {
        std::cout << kUsage;
        return 0;
      } else if (value_of("--out", "-o", value)) {
        if (value.empty()) return usage_error("'" + a + "' needs a folder");
        options.out_dir = value;
      } else if (value_of("--only", "", value)) {
        if (value.empty()) return usage_error("'" + a + "' needs a document kind");
        options.only = value;
      } else {
        return usage_error((a == "-o" || a == "--out" || a == "--only") ? "option '" + a + "' needs a value"
                                                                        : "unknown option '" + a + "'");
      }
    }
    if (options.dataset.empty()) return usage_error("no data set folder given");
    if (options.out_dir.empty()) return usage_error("no output folder given (-o DIR)");
    oitgen::pipeline::Resources resources(oitgen::resource_root());
    return oitgen::cli::run_build(options, resources, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "oitgen: internal error: " << e.what() << "\n";
    return 2;
  }
}
