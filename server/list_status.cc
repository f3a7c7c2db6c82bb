#include "list_status.h"

#include <string>

#include "json_util.h"

namespace sotay {

using nlohmann::json;

Validity entry_validity(const DocumentEntry& e, std::string_view today) {
  const Validity stored = validity_from_code(e.status).value_or(Validity::IN_FORCE);
  return validity_on(stored, {e.effective, e.expires}, today);
}

Validity document_validity(const json& doc, std::string_view today) {
  FrontMatter m;
  m.status = json_string(doc, "status");
  m.superseded_by = json_string(doc, "superseded_by");
  m.expires = json_string(doc, "expires");
  return validity_on(stored_validity(m), {json_string(doc, "effective"), m.expires}, today);
}

void add_list_status(json& view, Validity now) {
  view["status_label"] = std::string(validity_label(now));
  view["status_class"] = std::string(validity_code(now));
  view["expired"] = now == Validity::EXPIRED;
  view["not_yet"] = now == Validity::NOT_YET_IN_FORCE;
  view["in_force"] = now == Validity::IN_FORCE;
}

void add_handbook_status(json& book, std::string_view today) {
  if (!book.contains("chapters")) return;
  for (json& chapter : book["chapters"]) {
    if (!chapter.contains("departments")) continue;
    for (json& department : chapter["departments"]) {
      if (!department.contains("documents")) continue;
      for (json& doc : department["documents"]) {
        add_list_status(doc, document_validity(doc, today));
        doc["effective_display"] = vietnamese_date(json_string(doc, "effective"));
      }
    }
  }
}

}  // namespace sotay
