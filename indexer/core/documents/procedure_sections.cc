#include "procedure_sections.h"

#include <algorithm>
#include <set>

#include "slug.h"

namespace sotay {

namespace fs = std::filesystem;

void add_procedure_sections(Document& doc) {
  if (doc.meta.procedures.empty()) return;
  std::set<std::string> anchors;
  for (const Section& s : doc.sections) anchors.insert(s.anchor);
  std::vector<Section> cards;
  for (ProcedureCard& card : doc.meta.procedures) {
    const std::string base = "thu-tuc-" + slugify(card.name);
    std::string anchor = base;
    for (int n = 2; anchors.count(anchor); ++n) anchor = base + "-" + std::to_string(n);
    anchors.insert(anchor);
    card.anchor = anchor;
    cards.push_back({anchor, "Thủ tục: " + card.name, 2, card.line, procedure_card_text(card)});
  }
  const bool has_lead = !doc.sections.empty() && doc.sections.front().level == 0;
  doc.sections.insert(doc.sections.begin() + (has_lead ? 1 : 0), cards.begin(), cards.end());
}

bool check_procedure_forms(const fs::path& content_dir, std::string_view path, const Document& doc,
                           std::vector<ContentError>& errors) {
  bool ok = true;
  const fs::path dir = (content_dir / std::string(path)).parent_path();
  for (const ProcedureCard& card : doc.meta.procedures) {
    for (const ProcedureForm& form : card.forms) {
      if (form.file.empty() || fs::is_regular_file(dir / form.file)) continue;
      errors.push_back({std::string(path), form.line,
                        "trường \"thu_tuc › bieu_mau › tep\": không thấy tệp biểu mẫu \"" +
                            form.file + "\" của thủ tục \"" + card.name +
                            "\"; tệp phải nằm cùng thư mục với văn bản, hoặc bỏ dòng \"tep:\""});
      ok = false;
    }
  }
  return ok;
}

}  // namespace sotay
