// oitgen: Thai ITA/OIT documents from an office's TOML data. This file parses the command line
// and dispatches; each command lives in its own file.
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/args.h"
#include "cli/batch_command.h"
#include "cli/build_command.h"
#include "cli/check_command.h"
#include "cli/init_command.h"
#include "cli/interrupt.h"
#include "cli/schema_command.h"
#include "cli/serve_command.h"
#include "cli/watch.h"
#include "util/files.h"

namespace {

using namespace oitgen;

const char* const kUsage =
    "usage: oitgen build DATASET -o DIR [--only KIND] [--pdfa] [--pdfua] [--max-dpi N] [--watch]\n"
    "       oitgen batch DATASET... -o DIR [-j N] [--only KIND] [--pdfa] [--pdfua] [--max-dpi N]\n"
    "       oitgen check DATASET [--only KIND]\n"
    "       oitgen init DIR --office NAME [--from OLD_DATASET]\n"
    "       oitgen schema [KIND]\n"
    "       oitgen serve DIR [--listen HOST:PORT] [--token-file FILE]\n"
    "       oitgen --help | --version\n"
    "\n"
    "Commands:\n"
    "  build DATASET   builds the documents the data set has data for, as DIR/<kind>.pdf;\n"
    "                  all of them or none: after a failure or Ctrl-C the folder holds exactly\n"
    "                  what it held before (no temporary file either)\n"
    "    -o DIR, --out DIR, --out=DIR   folder for the PDFs (created if missing)\n"
    "    --only KIND, --only=KIND       build one document kind: announcement, order,\n"
    "                                   monitoring-6m or measures-report; mistakes in data\n"
    "                                   it is not made from are only warnings\n"
    "    --pdfa                         archival PDF/A-1b (sRGB output intent, XMP metadata\n"
    "                                   dated with the document's own date, no transparency);\n"
    "                                   --no-pdfa: not even when office.toml's [output] says so\n"
    "    --pdfua                        accessible PDF/UA-1: the tagged PDF identified as such\n"
    "                                   (XMP pdfuaid, dc:title); an image with neither alt text\n"
    "                                   nor caption is an error; combines with --pdfa;\n"
    "                                   --no-pdfua: not even when office.toml's [output] says so\n"
    "    --max-dpi N, --max-dpi=N       downsample images finer than N dpi as placed (150 for\n"
    "                                   the web; 'none' or 0: as given, for print) and print the\n"
    "                                   sizes before and after\n"
    "    --jpeg-quality Q               quality 1-100 of images encoded anew (default 85)\n"
    "    --watch                        build, then again whenever a data, image, layout, font\n"
    "                                   or reference file changes, until Ctrl-C; a bad save keeps\n"
    "                                   the last good PDFs\n"
    "    --                             what follows is the data set, even if it starts with -\n"
    "  batch DATASET...  builds many data sets in one process into DIR/<data-set-name>/<kind>.pdf;\n"
    "                  a bad data set fails alone (no PDF of it), the others build\n"
    "    -o DIR, --out DIR, --out=DIR   folder for the data sets' folders\n"
    "    -j N, --jobs N, --jobs=N       worker threads (default: the number of cores)\n"
    "    --only KIND, --only=KIND       build one document kind\n"
    "    --pdfa, --no-pdfa, --pdfua, --no-pdfua, --max-dpi N, --jpeg-quality Q   as for build\n"
    "                  progress on a terminal, a line per data set otherwise, a summary at the\n"
    "                  end; exit 1 if any failed, 130 if Ctrl-C stopped it (finished ones stay)\n"
    "  check DATASET   every check build makes, no PDF written; each problem as\n"
    "                  file:line:col: error|warning: message, its source line and a caret\n"
    "    --only KIND, --only=KIND       check one document kind\n"
    "  init DIR        a new data set: commented TOML for every document kind and a\n"
    "                  placeholder emblem, ready for check and build; DIR must be new or empty\n"
    "    --office NAME, --office=NAME   the office's name\n"
    "    --from OLD, --from=OLD         carry last year's data set forward: office, people and\n"
    "                                   assignments kept; years, dates and numbers one year on\n"
    "                                   and marked TODO; scores, spending and photos emptied\n"
    "  schema [KIND]   prints the JSON Schema (draft 2020-12) of the data files, for editors;\n"
    "                  KIND = office, announcement, order, monitoring, measures or all (default)\n"
    "  serve DIR       the editor in the browser: forms for every data file, the documents\n"
    "                  previewed as you type, checks at each field, saves that keep the TOML\n"
    "                  files' comments and layout (every replaced version kept in\n"
    "                  <set>/.oitgen/history/); DIR is one data set or a folder of them.\n"
    "                  Prints the address to open, with its access token; Ctrl-C stops it\n"
    "    --listen HOST:PORT             address to listen on (default 127.0.0.1:8080, or the\n"
    "                                   next free port up to 8089); PORT 0: any free port\n"
    "    --token-file FILE              the access token (16-256 characters) in a file; needed\n"
    "                                   on an address other than loopback (the server does not\n"
    "                                   encrypt: put a TLS proxy in front)\n"
    "  -h, --help      show this help (also after a command)\n"
    "  --version       show the version\n"
    "\n"
    "Exit codes: 0 ok, 1 data, layout, output or usage error (nothing written), 2 internal failure,\n"
    "130 stopped by Ctrl-C or SIGTERM.\n"
    "\n"
    "Environment:\n"
    "  OITGEN_HOME     folder holding the fonts/, layouts/ and data/ oitgen reads (default: the\n"
    "                  source tree it was built from)\n"
    "  NO_COLOR        when set, check prints no colour (it colours only a terminal anyway)\n";

int usage_error(const std::string& message) {
  std::cerr << "oitgen: " << message << "\n\n" << kUsage;
  return 1;
}

// The data set and the build options common to build and check.
int dataset_options(const cli::ParsedArgs& parsed, pipeline::BuildOptions& options) {
  if (parsed.positional.empty()) return usage_error("no data set folder given");
  if (parsed.positional.size() > 1) return usage_error("more than one data set given ('" + parsed.positional[1] + "')");
  options.dataset = parsed.positional[0];
  if (auto it = parsed.values.find("only"); it != parsed.values.end()) options.only = it->second;
  return 0;
}

// A whole number written in plain digits, from `lo` to `hi`; nothing for anything else (a sign,
// a fraction, more digits than fit).
std::optional<int> number(const std::string& s, int lo, int hi) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int v = std::stoi(s);
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

// --pdfa, --no-pdfa, --pdfua, --no-pdfua, --max-dpi and --jpeg-quality, common to build and batch.
int output_options(const cli::ParsedArgs& parsed, pipeline::OutputOverrides& out) {
  if (parsed.flags.count("pdfa") && parsed.flags.count("no-pdfa")) return usage_error("--pdfa and --no-pdfa contradict each other");
  if (parsed.flags.count("pdfa")) out.pdfa = true;
  if (parsed.flags.count("no-pdfa")) out.pdfa = false;
  if (parsed.flags.count("pdfua") && parsed.flags.count("no-pdfua"))
    return usage_error("--pdfua and --no-pdfua contradict each other");
  if (parsed.flags.count("pdfua")) out.pdfua = true;
  if (parsed.flags.count("no-pdfua")) out.pdfua = false;
  if (auto it = parsed.values.find("max-dpi"); it != parsed.values.end()) {
    if (it->second == "none" || it->second == "0") {
      out.max_dpi = 0;
    } else if (auto v = number(it->second, pipeline::kMinDpi, pipeline::kMaxDpi)) {
      out.max_dpi = *v;
    } else {
      return usage_error("--max-dpi takes 'none' or a resolution from " + std::to_string(pipeline::kMinDpi) + " to " +
                         std::to_string(pipeline::kMaxDpi) + ", not '" + it->second + "'");
    }
  }
  if (auto it = parsed.values.find("jpeg-quality"); it != parsed.values.end()) {
    auto v = number(it->second, 1, 100);
    if (!v) return usage_error("--jpeg-quality takes a number from 1 to 100, not '" + it->second + "'");
    out.jpeg_quality = *v;
  }
  return 0;
}

int run(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("no command given");
  const std::string& command = args[0];
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "oitgen " << OITGEN_VERSION << "\n";
    return 0;
  }
  std::vector<cli::OptionSpec> specs;
  const std::vector<cli::OptionSpec> output_specs = {
      {"pdfa", 0, false}, {"no-pdfa", 0, false}, {"pdfua", 0, false}, {"no-pdfua", 0, false},
      {"max-dpi", 0, true}, {"jpeg-quality", 0, true}};
  if (command == "build") specs = {{"out", 'o', true}, {"only", 0, true}, {"watch", 0, false}};
  else if (command == "batch") specs = {{"out", 'o', true}, {"only", 0, true}, {"jobs", 'j', true}};
  else if (command == "check") specs = {{"only", 0, true}};
  else if (command == "init") specs = {{"office", 0, true}, {"from", 0, true}};
  else if (command == "schema") specs = {};
  else if (command == "serve") specs = {{"listen", 0, true}, {"token-file", 0, true}};
  else return usage_error("unknown command '" + command + "'");
  if (command == "build" || command == "batch") specs.insert(specs.end(), output_specs.begin(), output_specs.end());
  cli::ParsedArgs parsed;
  if (auto problem = cli::parse_args({args.begin() + 1, args.end()}, specs, parsed); !problem.empty())
    return usage_error(problem);
  if (parsed.help) {
    std::cout << kUsage;
    return 0;
  }
  pipeline::Resources resources(resource_root());
  if (command == "batch") {
    pipeline::BatchOptions options;
    if (parsed.positional.empty()) return usage_error("no data set folders given");
    for (const auto& p : parsed.positional) options.datasets.emplace_back(p);
    const auto out = parsed.values.find("out");
    if (out == parsed.values.end()) return usage_error("no output folder given (-o DIR)");
    if (out->second.empty()) return usage_error("the output folder (-o) is an empty path");
    options.out_dir = out->second;
    if (auto it = parsed.values.find("only"); it != parsed.values.end()) options.only = it->second;
    if (int bad = output_options(parsed, options.output)) return bad;
    options.jobs = std::max(1u, std::thread::hardware_concurrency());
    if (auto it = parsed.values.find("jobs"); it != parsed.values.end()) {
      const auto jobs = number(it->second, 1, 256);
      if (!jobs) return usage_error("-j takes a number of threads from 1 to 256");
      options.jobs = static_cast<unsigned>(*jobs);
    }
    return cli::run_batch(options, resources, stdout, stderr);
  }
  if (command == "build" || command == "check") {
    pipeline::BuildOptions options;
    if (int bad = dataset_options(parsed, options)) return bad;
    if (command == "check") return cli::run_check(options, resources, stderr);
    const auto out = parsed.values.find("out");
    if (out == parsed.values.end()) return usage_error("no output folder given (-o DIR)");
    if (out->second.empty()) return usage_error("the output folder (-o) is an empty path");
    options.out_dir = out->second;
    if (int bad = output_options(parsed, options.output)) return bad;
    if (parsed.flags.count("watch")) return cli::run_watch(options, resources, std::cout, std::cerr);
    cli::InterruptWatch interrupt;
    return cli::run_build(options, resources, std::cout, std::cerr, &interrupt.flag());
  }
  if (command == "init") {
    if (parsed.positional.size() != 1) return usage_error("init needs one folder to create");
    const auto office = parsed.values.find("office");
    const auto from = parsed.values.find("from");
    if (office == parsed.values.end() && from == parsed.values.end())
      return usage_error("init needs --office NAME (or --from OLD_DATASET)");
    cli::InterruptWatch interrupt;
    return cli::run_init(parsed.positional[0], office == parsed.values.end() ? "" : office->second,
                         from == parsed.values.end() ? "" : from->second, resources, std::cout, std::cerr,
                         &interrupt.flag());
  }
  if (command == "serve") {
    if (parsed.positional.size() != 1) return usage_error("serve needs one folder: a data set or a folder of data sets");
    cli::ServeOptions options;
    options.dir = parsed.positional[0];
    if (auto it = parsed.values.find("listen"); it != parsed.values.end()) options.listen = it->second;
    if (auto it = parsed.values.find("token-file"); it != parsed.values.end()) options.token_file = it->second;
    return cli::run_serve(options, resources, std::cout, std::cerr);
  }
  if (parsed.positional.size() > 1) return usage_error("schema takes at most one kind");
  return cli::run_schema(parsed.positional.empty() ? "all" : parsed.positional[0], std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit, write() fails with EFBIG and the build reports it, instead of the
  // process being killed half-way.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "oitgen: internal error: " << e.what() << "\n";
    return 2;
  }
}
