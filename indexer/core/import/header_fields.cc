#include "header_fields.h"

#include <algorithm>
#include <array>
#include <string>

#include "doc_number.h"
#include "front_matter.h"
#include "header_rules.h"
#include "text.h"
#include "text_case.h"
#include "vietnamese.h"

namespace sotay {

using namespace header_rules;

namespace {

using Kind = SourceBlock::Kind;

// The letters of a number's code that name the type ("NĐ" of "NĐ-CP").
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> CODE_TYPES = {{
    {"nd", "Nghị định"},
    {"nq", "Nghị quyết"},
    {"qd", "Quyết định"},
    {"tt", "Thông tư"},
    {"ttlt", "Thông tư liên tịch"},
    {"ct", "Chỉ thị"},
    {"tb", "Thông báo"},
    {"kh", "Kế hoạch"},
    {"bc", "Báo cáo"},
    {"ttr", "Tờ trình"},
    {"hd", "Hướng dẫn"},
    {"cd", "Công điện"},
    {"vbhn", "Văn bản hợp nhất"},
    {"pl", "Pháp lệnh"},
    {"l", "Luật"},
    {"qc", "Quy chế"},
    {"nqlt", "Nghị quyết liên tịch"},
}};

}  // namespace

std::string header_case(std::string_view text) {
  if (!mostly_capitals(text)) return std::string(trim(text));
  std::vector<std::string> words = split_words(lower_vi(text));
  std::vector<std::string> folded;
  for (const std::string& w : words) folded.push_back(folded_form(w));
  auto at = [&](std::size_t i) -> std::string_view {
    return i < folded.size() ? std::string_view(folded[i]) : std::string_view();
  };
  bool place = false;  // after "tỉnh", "phường", … every word is part of a place name
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view f = at(i), prev = i > 0 ? at(i - 1) : "", next = at(i + 1);
    const bool proper = (f == "chinh" && next == "phu") || (f == "quoc" && next == "hoi") ||
                        (f == "nha" && next == "nuoc") || (f == "viet" && next == "nam") ||
                        (f == "nam" && prev == "viet") || (f == "thuong" && next == "vu") ||
                        (f == "thu" && next == "tuong") || (f == "chu" && next == "tich") ||
                        (f == "giam" && next == "doc");
    if (i == 0 || place || proper || (i == 1 && (prev == "bo" || prev == "so"))) {
      words[i] = capitalize_first(words[i]);
    }
    const bool place_word = f == "tinh" || f == "huyen" || (f == "quan" && prev != "co") ||
                            (f == "phuong" && prev != "dia") || (f == "xa" && next != "hoi") ||
                            (f == "tran" && prev == "thi") || (f == "pho" && prev == "thanh");
    if (place_word && i + 1 < words.size()) place = true;
  }
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string type_of_number(std::string_view number) {
  const std::vector<DocNumber> found = find_doc_numbers(number);
  if (found.empty()) return "";
  const DocNumber& n = found.front();
  // "nd-cp" → "nd"; "nq/tw" (Party) → "nq"; "qh15" → Luật; "ubtvqh15" → Nghị quyết.
  std::string code = n.code.substr(0, n.code.find_first_of("-/"));
  if (n.code.find_first_of("-/") == std::string::npos) {
    std::string letters;
    for (const char c : code) {
      if (c >= 'a' && c <= 'z') letters += c;
    }
    if (letters == "qh") return "Luật";
    if (letters == "ubtvqh") return "Nghị quyết";
    return "";
  }
  for (const auto& [key, name] : CODE_TYPES) {
    if (code == key) return std::string(name);
  }
  return "";
}

namespace {

// Issuer and number from the left column; a Công văn's "V/v …" summary.
void read_left(const std::vector<SourceLine>& left, DocumentHeader& h, std::string& summary) {
  std::vector<std::string> issuer_lines;
  bool number_seen = false;
  for (std::size_t i = 0; i < left.size(); ++i) {
    const std::string text(trim(left[i].text));
    const std::string folded = fold_line(text);
    if (is_rule_line(text) || is_national_motto(folded)) continue;
    if (starts_with(folded, "v/v") || starts_with(folded, "ve viec")) {
      summary = text.substr(
          text.find_first_of(" \t") == std::string::npos ? text.size() : text.find_first_of(" \t"));
      for (std::size_t j = i + 1; j < left.size(); ++j) {
        if (is_rule_line(left[j].text)) break;
        summary += " " + std::string(trim(left[j].text));
      }
      summary = std::string(trim(summary));
      confirm_if_unsure(h, lowest_confidence({left.begin() + i, left.end()}), "title", summary);
      break;
    }
    if (!number_seen && is_number_line(folded)) {
      bool blank = false;
      h.number = number_on_line(text, blank);
      if (!h.number.empty() || blank) number_seen = true;
      if (blank) {
        h.to_confirm.push_back("number: số văn bản để trống trên bản gốc (\"" + text +
                               "\"), có thể được điền tay; hãy điền số");
      }
      confirm_if_unsure(h, left[i].confidence, "number", h.number);
      continue;
    }
    if (!number_seen && mostly_capitals(text)) issuer_lines.push_back(text);
  }
  // "ỦY BAN NHÂN DÂN / TỈNH BẮC NINH" is one body over two lines; "UBND TỈNH
  // BẮC NINH / SỞ TƯ PHÁP" is a parent body and the issuer under it.
  std::string issuer;
  for (const std::string& line : issuer_lines) {
    const std::string f = fold_line(line);
    const bool continues = starts_with(f, "tinh ") || starts_with(f, "thanh pho ") ||
                           starts_with(f, "huyen ") || starts_with(f, "quan ") ||
                           starts_with(f, "phuong ") || starts_with(f, "xa ") ||
                           starts_with(f, "thi xa ") || starts_with(f, "thi tran ") ||
                           starts_with(f, "va ") || starts_with(f, "- ");
    issuer = issuer.empty() || continues ? (issuer.empty() ? line : issuer + " " + line) : line;
  }
  h.issuer = header_case(issuer);
  confirm_if_unsure(h, lowest_confidence(left), "issuer", h.issuer);
}

void read_right(const std::vector<SourceLine>& right, DocumentHeader& h) {
  for (const SourceLine& l : right) {
    if (read_date_line(l.text, h)) {
      confirm_if_unsure(h, l.confidence, "issued", h.issued);
      return;
    }
  }
}

// Without a two-column header (a Word file typed without the table), the
// header lines are the blocks before the type line.
std::size_t header_blocks_as_lines(SourceText& text) {
  std::size_t end = 0;
  for (; end < text.blocks.size() && end < 12; ++end) {
    const SourceBlock& b = text.blocks[end];
    if (b.kind == Kind::TABLE) break;
    const std::string f = fold_line(b.text);
    if (!type_of_line(f).empty() || starts_with(f, "can cu") || starts_with(f, "dieu ") ||
        starts_with(f, "chuong ") || starts_with(f, "kinh gui"))
      break;
  }
  if (end == text.blocks.size() || end == 12) return 0;
  for (std::size_t i = 0; i < end; ++i) {
    SourceLine l;
    l.text = text.blocks[i].text;
    l.confidence = text.blocks[i].confidence;
    DocumentHeader scratch;
    const bool right = read_date_line(l.text, scratch) || is_national_motto(fold_line(l.text));
    (right ? text.header_right : text.header_left).push_back(std::move(l));
  }
  return end;
}

// The type line and the title under it; returns the index after them.
std::size_t read_type_and_title(const SourceText& text, std::size_t from, DocumentHeader& h,
                                std::vector<bool>& used) {
  std::size_t i = from;
  for (; i < text.blocks.size() && i < from + 8; ++i) {
    const SourceBlock& b = text.blocks[i];
    if (b.kind == Kind::TABLE) continue;
    const std::string f = fold_line(b.text);
    if (starts_with(f, "can cu") || starts_with(f, "dieu ")) return from;
    if (!mostly_capitals(b.text)) continue;
    const std::string type = type_of_line(f);
    if (type.empty()) continue;
    h.type = type;
    used[i] = true;
    confirm_if_unsure(h, b.confidence, "type", type);
    break;
  }
  if (h.type.empty()) return from;
  std::string title;
  double confidence = 100;
  std::size_t j = i + 1;
  for (; j < text.blocks.size() && j < i + 5; ++j) {
    const SourceBlock& b = text.blocks[j];
    const std::string f = fold_line(b.text);
    if (b.kind == Kind::TABLE || is_rule_line(b.text)) {
      if (is_rule_line(b.text)) used[j] = true;
      if (!title.empty()) break;
      continue;
    }
    if (starts_with(f, "can cu") || starts_with(f, "theo de nghi") || starts_with(f, "dieu ") ||
        starts_with(f, "chuong ") || starts_with(f, "phan ") || starts_with(f, "kinh gui") ||
        starts_with(f, "thuc hien") || b.text.size() > 600)
      break;
    if (!title.empty() && !b.centered && !b.bold && !mostly_capitals(b.text)) break;
    if (!title.empty() && mostly_capitals(b.text) && !mostly_capitals(title)) {
      // "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG …" under a Quyết định's title: the
      // authority that issues it (Phụ lục I), not part of the title.
      if (starts_with_position(f)) used[j] = true;
      break;
    }
    title += (title.empty() ? "" : " ") + std::string(trim(b.text));
    confidence = std::min(confidence, b.confidence);
    used[j] = true;
    if (!b.centered && !b.bold && !mostly_capitals(b.text)) break;  // one plain paragraph at most
  }
  if (mostly_capitals(title)) {
    // "LUẬT / BẢO HIỂM XÃ HỘI": the name of a law is "Luật Bảo hiểm xã hội".
    title = lower_vi(title);
    if (h.type == "Luật" || h.type == "Bộ luật" || h.type == "Pháp lệnh") {
      title = h.type + " " + capitalize_first(title);
    } else {
      title = capitalize_first(title);
    }
  }
  h.title = capitalize_first(title);
  confirm_if_unsure(h, confidence, "title", h.title);
  return j;
}

// A văn bản hợp nhất (consolidated text): its preamble says what it
// consolidates ("Luật … số 84/2015/QH13 …, được sửa đổi, bổ sung bởi:") and
// its own number, date and signer stand under "XÁC THỰC VĂN BẢN HỢP NHẤT" at
// the end, which an extract cut from a Gazette issue may not contain.
void read_consolidation(const SourceText& text, DocumentHeader& h, std::vector<bool>& used) {
  bool consolidated = false;
  for (std::size_t i = 0; i < text.blocks.size() && i < 12; ++i) {
    const std::string f = fold_line(text.blocks[i].text);
    if (starts_with(f, "can cu")) break;
    const std::size_t so = f.find(" so ");
    bool typed = false;  // "Luật An toàn, vệ sinh lao động số …", "Thông tư số …"
    typed = starts_with_type(f);
    consolidated = typed && so != std::string::npos && so < 120 &&
                   f.find("duoc sua doi, bo sung boi") != std::string::npos;
    if (consolidated) break;
  }
  for (std::size_t i = 0; i < text.blocks.size(); ++i) {
    if (fold_line(text.blocks[i].text).find("xac thuc van ban hop nhat") == std::string::npos)
      continue;
    consolidated = true;
    if (text.blocks[i].text.size() < 160) used[i] = true;
    // The issuer and "Số: 09/VBHN-BTC" (left column) come before the
    // heading in reading order, the place and date after it.
    const std::size_t from = i >= 4 ? i - 4 : 0;
    for (std::size_t j = from; j < text.blocks.size() && j < i + 6; ++j) {
      const std::string tight = tighten_number(text.blocks[j].text);
      if (h.number.find("VBHN") == std::string::npos) {
        for (const DocNumber& n : find_doc_numbers(tight)) {
          if (n.code.find("vbhn") == std::string::npos) continue;
          h.number = tight.substr(n.begin, n.end - n.begin);
          if (tight.size() < 120) used[j] = true;
          break;
        }
      }
      DocumentHeader dated;
      if (read_date_line(tight, dated)) {
        h.issued = dated.issued;
        h.year = dated.year;
        h.place = dated.place;
        if (tight.size() < 120) used[j] = true;
      }
    }
    break;
  }
  if (!consolidated) return;
  // The title stays the consolidated document's: "Luật An toàn, vệ sinh lao động".
  h.type = "Văn bản hợp nhất";
  if (h.number.find("VBHN") == std::string::npos) {
    h.number.clear();
    h.to_confirm.push_back(
        "number: văn bản hợp nhất nhưng không thấy số \"…/VBHN-…\" (phần xác thực ở cuối văn bản "
        "có thể nằm ở số Công báo sau); hãy điền số");
  }
}

// Index after the last "Điều N." block: where the signature block starts.
std::size_t after_last_article(const SourceText& text) {
  std::size_t last = 0;
  bool any = false;
  for (std::size_t i = 0; i < text.blocks.size(); ++i) {
    const std::string f = fold_line(text.blocks[i].text.substr(0, 40));
    if (starts_with(f, "dieu ") && f.size() > 5 && f[5] >= '0' && f[5] <= '9') {
      last = i;
      any = true;
    }
  }
  if (any) return last + 1;
  // No articles (a Công văn, a Thông báo): the signature is near the end.
  return text.blocks.size() > 30 ? text.blocks.size() - 30 : 0;
}

}  // namespace

DocumentHeader read_header(SourceText& text) {
  DocumentHeader h;
  std::size_t start = 0;
  if (text.header_left.empty() && text.header_right.empty()) start = header_blocks_as_lines(text);
  std::vector<bool> used(text.blocks.size(), false);
  for (std::size_t i = 0; i < start; ++i) used[i] = true;
  std::string summary;
  read_left(text.header_left, h, summary);
  read_right(text.header_right, h);
  if (h.number.empty()) {
    // "Luật số: 57/2020/QH14" may sit under the title rather than in a column.
    for (std::size_t i = start; i < text.blocks.size() && i < start + 8; ++i) {
      const std::string f = fold_line(text.blocks[i].text);
      bool blank = false;
      if (is_number_line(f) && text.blocks[i].text.size() < 80) {
        h.number = number_on_line(text.blocks[i].text, blank);
        if (!h.number.empty()) used[i] = true;
      }
    }
  }
  read_type_and_title(text, start, h, used);
  if (h.title.empty() && !summary.empty()) h.title = summary;
  if (h.type.empty() && !summary.empty()) h.type = "Công văn";
  if (h.type.empty() && !h.number.empty()) {
    h.type = type_of_number(h.number);
    if (!h.type.empty()) {
      h.to_confirm.push_back("type: không thấy dòng tên loại văn bản; loại \"" + h.type +
                             "\" được suy ra từ ký hiệu " + h.number + ", cần kiểm tra lại");
    }
  }
  if (h.year == 0 && !h.number.empty()) {
    const std::vector<DocNumber> n = find_doc_numbers(h.number);
    if (!n.empty() && !n[0].year.empty()) h.year = std::stoi(n[0].year);
  }
  if (!h.issued.empty() && !is_iso_date(h.issued)) {
    h.to_confirm.push_back("issued: ngày \"" + h.issued + "\" không có thật, cần kiểm tra lại");
    h.issued.clear();
  }
  read_signature(text, after_last_article(text), h, used);
  read_consolidation(text, h, used);
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"title", &h.title},
                                   {"type", &h.type},
                                   {"number", &h.number},
                                   {"issuer", &h.issuer},
                                   {"issued", &h.issued},
                                   {"signer", &h.signer}}) {
    if (value->empty()) h.missing.emplace_back(key);
  }
  std::vector<SourceBlock> rest;
  for (std::size_t i = 0; i < text.blocks.size(); ++i) {
    if (!used[i]) rest.push_back(std::move(text.blocks[i]));
  }
  text.blocks = std::move(rest);
  return h;
}

}  // namespace sotay
