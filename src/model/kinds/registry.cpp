// Every document kind oitgen makes. A new kind is a file in this folder and a line here.
#include "model/kinds/document_kind.h"

namespace oitgen::model {

extern const DocumentKind kAnnouncementKind, kOrderKind, kMonitoringKind, kMeasuresKind;

const std::vector<const DocumentKind*>& document_kind_registry() {
  // A constant table, built once: nothing in it changes after start-up.
  static const std::vector<const DocumentKind*> kinds = {&kAnnouncementKind, &kOrderKind, &kMonitoringKind,
                                                         &kMeasuresKind};
  return kinds;
}

const DocumentKind* find_kind_by_name(std::string_view name) {
  for (const DocumentKind* k : document_kind_registry())
    if (k->name == name) return k;
  return nullptr;
}

const DocumentKind* find_kind_by_data(std::string_view data_key) {
  for (const DocumentKind* k : document_kind_registry())
    if (k->data_key == data_key) return k;
  return nullptr;
}

}  // namespace oitgen::model
