// The announcement (ประกาศ): the signer resolved to a person.
#include "model/kinds/document_kind.h"

namespace oitgen::model {
namespace {

data::NodePtr derive(const data::Node& a, const ModelContext& ctx) {
  return with_signer(a, ctx.people, "announcement", ctx.diags);
}

}  // namespace

extern const DocumentKind kAnnouncementKind{"announcement", "announcement", derive};

}  // namespace oitgen::model
