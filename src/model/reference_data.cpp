#include "model/reference_data.h"

namespace oitgen::model {

void ReferenceData::tell_provisional(int64_t year, const std::string& what, const std::string& source,
                                     const SourceLocation& asked_at, const std::string& setting, Diagnostics& diags) {
  if (!told_.insert(year).second) return;
  diags.warning(asked_at, "'" + setting + "' chooses " + std::to_string(year) + ", whose " + what +
                              " is provisional (" + source + "): check the documents against NACC's handbook of " +
                              std::to_string(year));
}

const Framework* ReferenceData::framework(int64_t year, const SourceLocation& asked_at, const std::string& setting,
                                          Diagnostics& diags) {
  auto it = frameworks_.find(year);
  if (it == frameworks_.end()) it = frameworks_.emplace(year, load_framework(dir_, year, asked_at, setting, diags)).first;
  if (!it->second) return nullptr;
  if (it->second->provisional) tell_provisional(year, "ITA framework", it->second->source, asked_at, setting, diags);
  return &*it->second;
}

const Catalogue* ReferenceData::catalogue(int64_t year, const SourceLocation& asked_at, const std::string& setting,
                                          Diagnostics& diags) {
  auto it = catalogues_.find(year);
  if (it == catalogues_.end())
    it = catalogues_.emplace(year, load_oit_catalogue(dir_, year, asked_at, setting, diags)).first;
  if (!it->second) return nullptr;
  if (it->second->provisional) tell_provisional(year, "OIT catalogue", it->second->source, asked_at, setting, diags);
  return &*it->second;
}

}  // namespace oitgen::model
