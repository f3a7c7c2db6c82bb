#include "relation_proposal.h"

#include "relations.h"

namespace sotay {

namespace {

std::string entry_text(const DetectedRelation& r) {
  std::string entry = r.number;
  for (std::size_t i = 0; i < r.articles.size(); ++i) {
    entry += (i == 0 ? ": Điều " : ", ") + r.articles[i];
  }
  return entry;
}

std::string verb_of(const std::string& kind) {
  const RelationKind* k = find_relation_kind(kind);
  if (!k) return kind;
  std::string verb(k->out_label);  // "Thay thế" -> "thay thế"
  if (verb.starts_with("Đ")) {
    verb.replace(0, std::string_view("Đ").size(), "đ");
  } else if (!verb.empty() && verb[0] >= 'A' && verb[0] <= 'Z') {
    verb[0] = static_cast<char>(verb[0] - 'A' + 'a');
  }
  return verb;
}

}  // namespace

RelationProposal propose_relations(std::string_view body, std::string_view own_number) {
  RelationProposal p;
  p.found = detect_relations(body, own_number);
  if (p.found.empty()) return p;
  p.comment =
      "# Quan hệ với văn bản khác đọc được trong văn bản — ĐỀ XUẤT, CHƯA DÙNG. So từng dòng với\n"
      "# bản gốc; dòng đúng thì xóa dấu \"# \" ở đầu dòng (cả dòng tên quan hệ) để dùng.\n";
  for (const RelationKind& kind : relation_kinds()) {
    bool header = false;
    for (const DetectedRelation& r : p.found) {
      if (r.kind != kind.key) continue;
      if (!header) p.comment += "# " + std::string(kind.key) + ":\n";
      header = true;
      if (r.number.empty()) {
        p.comment += "#   # chưa có số hiệu, hãy tìm và ghi: " + r.name + "\n";
      } else {
        p.comment += "#   - \"" + entry_text(r) + "\"\n";
      }
    }
  }
  for (const DetectedRelation& r : p.found) {
    const std::string what =
        r.number.empty() ? "«" + r.name + "» (chưa rõ số hiệu)" : entry_text(r);
    p.notes.push_back("Văn bản có vẻ " + verb_of(r.kind) + " " + what + " (dòng " +
                      std::to_string(r.line) + ": «" + r.sentence +
                      "»). Nếu đúng, người biên tập ghi vào trường \"" + r.kind +
                      "\"; chưa ghi thì sổ tay chưa dùng.");
  }
  return p;
}

std::string with_proposal(std::string content, const std::string& comment) {
  if (comment.empty() || content.rfind("---\n", 0) != 0) return content;
  const std::size_t close = content.find("\n---\n", 3);
  if (close == std::string::npos) return content;
  content.insert(close + 1, comment);
  return content;
}

}  // namespace sotay
