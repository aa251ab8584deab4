#include "cli/check_command.h"

#include "cli/report.h"

namespace oitgen::cli {

int run_check(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::FILE* err) {
  pipeline::BuildOptions check = options;
  check.write_pdf = false;
  Diagnostics diags;
  pipeline::build_documents(check, resources, diags);
  const std::string text = render(diags, use_colour(err));
  std::fputs(text.c_str(), err);
  if (diags.has_errors()) {
    std::fprintf(err, "oitgen: %zu error(s)\n", diags.error_count());
    return 1;
  }
  return 0;
}

}  // namespace oitgen::cli
