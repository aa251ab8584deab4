// libFuzzer target: the TOML data loader and the model (any bytes as a data file).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/dataset.h"
#include "data/dataset_schema.h"
#include "data/toml_loader.h"
#include "model/office_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oitgen;
  Diagnostics diags;
  auto tree = data::parse_toml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml", diags);
  if (!tree) return 0;
  const size_t before = diags.error_count();
  data::check(*tree, *data::dataset_schema(), "", diags);
  if (diags.error_count() > before) return 0;
  data::Dataset ds{".", tree};
  model::build_model(ds, OITGEN_SOURCE_ROOT "/data", diags);
  return 0;
}
