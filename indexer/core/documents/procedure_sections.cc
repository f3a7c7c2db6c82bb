#include "procedure_sections.h"

#include <algorithm>
#include <set>

#include "slug.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view FEE_LABEL = "Phí, lệ phí – ";

// The card's rows without its fees, and its fees one per line ("<ten>:
// <mức>"): the fees are a section of their own, so a fee query lands on
// the fee rows rather than on the card's other rows or a neighbour's fee.
std::pair<std::string, std::string> split_fees(const ProcedureCard& card) {
  std::string rows, fees;
  const std::string all = procedure_card_text(card);
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    const std::string_view line = std::string_view(all).substr(start, end + 1 - start);
    if (line.substr(0, FEE_LABEL.size()) == FEE_LABEL) {
      fees.append(line.substr(FEE_LABEL.size()));
    } else {
      rows.append(line);
    }
    start = end + 1;
  }
  return {rows, fees};
}

}  // namespace

void add_procedure_sections(Document& doc) {
  if (doc.meta.procedures.empty()) return;
  std::set<std::string> anchors;
  for (const Section& s : doc.sections) anchors.insert(s.anchor);
  std::vector<Section> cards;
  for (ProcedureCard& card : doc.meta.procedures) {
    const std::string base = "thu-tuc-" + slugify(card.name);
    std::string anchor = base;
    for (int n = 2; anchors.count(anchor) || anchors.count(anchor + "-phi"); ++n) {
      anchor = base + "-" + std::to_string(n);
    }
    anchors.insert(anchor);
    anchors.insert(anchor + "-phi");
    card.anchor = anchor;
    auto [rows, fees] = split_fees(card);
    cards.push_back({anchor, "Thủ tục: " + card.name, 2, card.line, std::move(rows)});
    cards.push_back({anchor + "-phi", "Phí, lệ phí", 3, card.line, std::move(fees)});
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
