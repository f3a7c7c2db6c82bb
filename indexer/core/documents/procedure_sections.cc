#include "procedure_sections.h"

#include <algorithm>
#include <optional>
#include <set>

#include "attached_file.h"
#include "files.h"
#include "hash.h"
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

namespace {

// The form file `form` names beside the content file `path`, or nullopt
// with an error on the form's line when it is not there or too large.
std::optional<fs::path> form_file(const fs::path& content_dir, std::string_view path,
                                  const ProcedureCard& card, const ProcedureForm& form,
                                  std::vector<ContentError>* errors) {
  const std::string field = "trường \"thu_tuc › bieu_mau › tep\": ";
  auto fail = [&](const std::string& message) -> std::optional<fs::path> {
    if (errors) errors->push_back({std::string(path), form.line, field + message});
    return std::nullopt;
  };
  if (!is_original_name(form.file)) {  // read_forms refuses it first; kept for any other caller
    return fail("tên tệp không hợp lệ \"" + form.file +
                "\": chỉ ghi tên tệp nằm cùng thư mục với văn bản, không có '/'");
  }
  const fs::path file = (content_dir / std::string(path)).parent_path() / form.file;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || !fs::is_regular_file(file, ec)) {
    return fail("không thấy tệp biểu mẫu \"" + form.file + "\" của thủ tục \"" + card.name +
                "\"; tệp phải nằm cùng thư mục với văn bản, hoặc bỏ dòng \"tep:\"");
  }
  if (size > MAX_FORM_BYTES) {
    return fail("tệp biểu mẫu \"" + form.file + "\" lớn hơn " +
                std::to_string(MAX_FORM_BYTES >> 20) + " MB; hãy nén nhỏ lại hoặc tách tệp");
  }
  return file;
}

}  // namespace

bool attach_procedure_forms(const fs::path& content_dir, std::string_view path, Document& doc,
                            std::vector<ContentError>& errors) {
  bool ok = true;
  for (ProcedureCard& card : doc.meta.procedures) {
    for (ProcedureForm& form : card.forms) {
      if (form.file.empty()) continue;
      const auto file = form_file(content_dir, path, card, form, &errors);
      if (!file) {
        ok = false;
        continue;
      }
      const std::string bytes = read_file(*file);
      form.sha256 = sha256_hex(bytes);
      form.size = bytes.size();
      doc.content_hash = content_hash(doc.content_hash + form.sha256);
    }
  }
  return ok;
}

std::string fold_form_hashes(const fs::path& content_dir, std::string_view path,
                             const std::vector<ProcedureCard>& cards, std::string hash) {
  for (const ProcedureCard& card : cards) {
    for (const ProcedureForm& form : card.forms) {
      if (form.file.empty()) continue;
      if (const auto file = form_file(content_dir, path, card, form, nullptr)) {
        hash = content_hash(hash + sha256_hex(read_file(*file)));
      }
    }
  }
  return hash;
}

}  // namespace sotay
