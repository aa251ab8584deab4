#include "cli/args.h"

namespace oitgen::cli {

std::string parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs, ParsedArgs& out) {
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a.empty() || a[0] != '-' || a == "-") {
      out.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      out.help = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::string value;
    bool inline_value = false;
    if (a.rfind("--", 0) == 0) {
      const auto eq = a.find('=');
      const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      for (const auto& s : specs)
        if (s.long_name == name) spec = &s;
      if (spec && eq != std::string::npos) {
        if (!spec->takes_value) return "option '--" + name + "' takes no value";
        value = a.substr(eq + 1);
        inline_value = true;
        if (value.empty()) return "'" + a + "' needs a value";
      }
    } else {
      for (const auto& s : specs)
        if (s.short_name && a[1] == s.short_name) spec = &s;
      if (spec && a.size() > 2) {
        if (!spec->takes_value) return "unknown option '" + a + "'";
        value = a.substr(2);
        inline_value = true;
      }
    }
    if (!spec) return "unknown option '" + a + "'";
    if (!spec->takes_value) {
      out.flags.insert(spec->long_name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return "option '" + a + "' needs a value";
      value = args[++i];
    }
    out.values[spec->long_name] = value;
  }
  return "";
}

}  // namespace oitgen::cli
