#pragma once
// Command-line options in the GNU forms: "-o DIR", "-oDIR", "--out DIR", "--out=DIR", flags
// ("--watch"), and "--" ending the options.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace oitgen::cli {

struct OptionSpec {
  std::string long_name;  // "out"
  char short_name = 0;    // 'o', or 0
  bool takes_value = false;
};

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // by long name
  std::set<std::string> flags;                // by long name
  bool help = false;                          // -h or --help anywhere
  bool has(const std::string& name) const { return values.count(name) || flags.count(name); }
};

// Parses `args` (without the command); returns "" or what is wrong ("unknown option '--frob'").
std::string parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs, ParsedArgs& out);

}  // namespace oitgen::cli
