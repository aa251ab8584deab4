#include "cli/schema_command.h"

#include "data/dataset_schema.h"
#include "data/json_schema.h"
#include "data/toml_loader.h"
#include "util/files.h"

namespace oitgen::cli {

int run_schema(const std::string& kind, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  const auto path = resource_root() / "data" / "schema-descriptions.toml";
  const auto descriptions = data::load_descriptions(path, diags);
  const auto all = data::dataset_schema();
  const data::Type* type = all.get();
  data::TypeRef section_only;
  if (kind != "all") {
    // One section of a data file ("order": a file holding [order]), with its own description.
    const data::Field* field = nullptr;
    std::string kinds;
    for (const auto& f : all->fields) {
      kinds += " " + f.name;
      if (f.name == kind) field = &f;
    }
    if (!field) {
      err << "oitgen: unknown data kind '" << kind << "'; expected all or one of:" << kinds << "\n";
      return 1;
    }
    section_only = data::table_type({data::req(field->name, field->type)});
    type = section_only.get();
  }
  // A single file of a data set holds only some sections: none is required at the top.
  out << data::to_json_schema(*type, kind == "all" ? "oitgen data file" : "oitgen " + kind + " data", descriptions,
                              kind == "all")
      << "\n";
  err << diags.format_all();
  return 0;
}

}  // namespace oitgen::cli
