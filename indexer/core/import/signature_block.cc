// The signature block of a document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
// "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / (name)", and "Nơi nhận".
#include <algorithm>

#include "header_fields.h"
#include "header_rules.h"
#include "text.h"
#include "text_case.h"

namespace sotay::header_rules {

namespace {

using Kind = SourceBlock::Kind;

// "TM. CHÍNH PHỦ" → "TM. Chính phủ".
std::string format_authority(std::string_view line) {
  const std::vector<std::string> words = split_words(line);
  std::string head = words.empty() ? "" : upper_vi(words[0]);
  std::string rest;
  std::size_t from = 1;
  if (const std::size_t dot = head.find('.'); dot != std::string::npos && dot + 1 < head.size()) {
    rest = head.substr(dot + 1);  // "TM.CHÍNH" typed without a space
    head = head.substr(0, dot + 1);
  }
  if (head.back() != '.') head += '.';
  for (std::size_t i = from; i < words.size(); ++i) rest += (rest.empty() ? "" : " ") + words[i];
  return rest.empty() ? head : head + " " + header_case(rest);
}

// The caps lines of a signature block, top to bottom ("TM. CHÍNH PHỦ",
// "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"): authority lines start with TM., KT.,
// Q., TL., TUQ.; the position is the line under them (or the end of a
// single joined line "TM. CHÍNH PHỦ THỦ TƯỚNG").
void read_signature_caps(const std::vector<std::string>& caps_lines, DocumentHeader& h) {
  std::vector<std::string> authorities;
  std::string position;
  for (std::size_t k = 0; k < caps_lines.size(); ++k) {
    const std::string& line = caps_lines[k];
    const std::string folded = fold_line(line);
    if (!is_authority_line(folded)) {
      position = line;
      continue;
    }
    const std::string_view pos = position_suffix(folded);
    const std::vector<std::string> words = split_words(line);
    const std::size_t pos_words = pos.empty() ? 0 : split_words(pos).size();
    const bool last = k + 1 == caps_lines.size();
    if (last && pos_words > 0 && pos_words + 1 < words.size()) {
      std::string auth, tail;
      for (std::size_t i = 0; i < words.size(); ++i) {
        std::string& part = i + pos_words >= words.size() ? tail : auth;
        part += (part.empty() ? "" : " ") + words[i];
      }
      authorities.push_back(format_authority(auth));
      position = tail;
    } else {
      authorities.push_back(format_authority(line));
    }
  }
  h.signer_authority.clear();
  for (const std::string& a : authorities) {
    h.signer_authority += (h.signer_authority.empty() ? "" : ", ") + a;
  }
  h.signer_position = position.empty() ? "" : header_case(position);
}

bool is_signed_note(std::string_view folded) {  // "(Đã ký)", "(Ký, ghi rõ họ tên)"
  return starts_with(folded, "(da ky") || starts_with(folded, "da ky") ||
         starts_with(folded, "(ky") || starts_with(folded, "(chu ky");
}

// "Nơi nhận:" and its items, from block `at`; the items are removed.
void read_recipients(const SourceText& text, std::size_t at, DocumentHeader& h,
                     std::vector<bool>& used) {
  used[at] = true;
  std::string first(trim(text.blocks[at].text));
  const std::size_t colon = first.find(':');
  first = colon == std::string::npos ? "" : std::string(trim(first.substr(colon + 1)));
  auto add = [&](std::string_view item) {
    while (!item.empty() && (item.front() == '-' || item.front() == '+' || item.front() == ' '))
      item.remove_prefix(1);
    item = strip_end_punct(item);
    if (!item.empty()) h.recipients.emplace_back(item);
  };
  // Items joined on one line: "- Như Điều 3; - Lưu: VT."
  auto add_all = [&](std::string_view line) {
    std::size_t start = 0;
    while (start < line.size()) {
      std::size_t next = line.find(" - ", start);
      if (next == std::string_view::npos) next = line.size();
      add(line.substr(start, next - start));
      start = next + 1;
    }
  };
  if (!first.empty()) add_all(first);
  for (std::size_t i = at + 1; i < text.blocks.size() && i < at + 40; ++i) {
    const SourceBlock& b = text.blocks[i];
    const std::string_view t = trim(b.text);
    const bool item = b.kind == Kind::LIST_ITEM || starts_with(t, "-") || starts_with(t, "+") ||
                      starts_with(fold_line(t), "luu");
    if (!item || t.size() > 300) break;
    add_all(t);
    used[i] = true;
  }
}

// A block's caps part and the name joined after it ("THỦ TƯỚNG Phạm Minh
// Chính"); caps is empty when the block is no signature line.
std::pair<std::string, std::string> signature_line(std::string_view text) {
  const std::vector<std::string> words = split_words(text);
  std::size_t name_from = words.size();
  while (name_from > 0 && is_name_word(words[name_from - 1])) --name_from;
  std::string caps, name;
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::string& part = k < name_from ? caps : name;
    part += (part.empty() ? "" : " ") + words[k];
  }
  const std::string folded = fold_line(caps);
  if (caps.empty() || text.size() > 160 || !mostly_capitals(caps) ||
      (!is_authority_line(folded) && position_suffix(folded).empty()))
    return {"", ""};
  return {caps, looks_like_name(name) ? name : ""};
}

}  // namespace

// The signature block after the last article: authority, position, name.
void read_signature(const SourceText& text, std::size_t from, DocumentHeader& h,
                    std::vector<bool>& used) {
  const std::size_t end = std::min(text.blocks.size(), from + 40);
  for (std::size_t i = from; i < end; ++i) {
    if (used[i] || text.blocks[i].kind == Kind::TABLE) continue;
    if (starts_with(fold_line(text.blocks[i].text), "noi nhan")) {
      read_recipients(text, i, h, used);
      continue;
    }
    auto [caps, name] = signature_line(trim(text.blocks[i].text));
    if (caps.empty()) continue;
    std::vector<std::string> caps_lines = {caps};
    used[i] = true;
    double confidence = text.blocks[i].confidence;
    for (std::size_t j = i + 1; name.empty() && j < end && j < i + 8; ++j) {
      const std::string_view n = trim(text.blocks[j].text);
      const std::string nf = fold_line(n);
      if (is_signed_note(nf) || is_rule_line(n)) {
        used[j] = true;
        continue;
      }
      if (starts_with(nf, "noi nhan")) {  // the left column between the lines
        read_recipients(text, j, h, used);
        continue;
      }
      if (used[j]) continue;
      auto [more_caps, more_name] = signature_line(n);
      if (!more_caps.empty()) {
        caps_lines.push_back(more_caps);
        name = more_name;
        used[j] = true;
        continue;
      }
      if (looks_like_name(n)) {
        name = std::string(n);
        used[j] = true;
        confidence = std::min(confidence, text.blocks[j].confidence);
      }
      break;
    }
    read_signature_caps(caps_lines, h);
    if (name.empty()) continue;
    h.signer = name;
    confirm_if_unsure(h, confidence, "signer", h.signer);
    return;
  }
}

}  // namespace sotay::header_rules
