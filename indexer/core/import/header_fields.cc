#include "header_fields.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>
#include <set>

#include "doc_number.h"
#include "front_matter.h"
#include "text.h"
#include "text_case.h"
#include "vietnamese.h"

namespace sotay {

namespace {

using Kind = SourceBlock::Kind;

// Folded type lines (Nghị định 30/2020/NĐ-CP Phụ lục III) and how the
// handbook writes them, longest first so "thong tu lien tich" wins.
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> TYPES = {{
    {"nghi quyet lien tich", "Nghị quyết liên tịch"},
    {"thong tu lien tich", "Thông tư liên tịch"},
    {"van ban hop nhat", "Văn bản hợp nhất"},
    {"chuong trinh", "Chương trình"},
    {"nghi quyet", "Nghị quyết"},
    {"nghi dinh", "Nghị định"},
    {"quyet dinh", "Quyết định"},
    {"thong tu", "Thông tư"},
    {"chi thi", "Chỉ thị"},
    {"thong bao", "Thông báo"},
    {"ke hoach", "Kế hoạch"},
    {"bao cao", "Báo cáo"},
    {"to trinh", "Tờ trình"},
    {"cong dien", "Công điện"},
    {"cong van", "Công văn"},
    {"huong dan", "Hướng dẫn"},
    {"quy che", "Quy chế"},
    {"quy dinh", "Quy định"},
    {"quy trinh", "Quy trình"},
    {"de an", "Đề án"},
    {"du an", "Dự án"},
    {"phuong an", "Phương án"},
    {"bien ban", "Biên bản"},
    {"giay moi", "Giấy mời"},
    {"phap lenh", "Pháp lệnh"},
    {"hien phap", "Hiến pháp"},
    {"bo luat", "Bộ luật"},
    {"luat", "Luật"},
    {"lenh", "Lệnh"},
    {"ban ghi nho", "Bản ghi nhớ"},
    {"thong cao", "Thông cáo"},
}};

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

// Positions of signers (folded), longest first.
constexpr std::array<std::string_view, 30> POSITIONS = {"chu tich quoc hoi",
                                                        "pho chu tich quoc hoi",
                                                        "chu tich nuoc",
                                                        "pho chu tich nuoc",
                                                        "pho thu tuong",
                                                        "thu tuong",
                                                        "pho chu tich",
                                                        "chu tich",
                                                        "bo truong",
                                                        "thu truong",
                                                        "pho giam doc",
                                                        "giam doc",
                                                        "pho chanh van phong",
                                                        "chanh van phong",
                                                        "pho truong ban",
                                                        "truong ban",
                                                        "tong kiem toan nha nuoc",
                                                        "chanh an",
                                                        "vien truong",
                                                        "pho thong doc",
                                                        "thong doc",
                                                        "tong cuc truong",
                                                        "cuc truong",
                                                        "pho truong phong",
                                                        "truong phong",
                                                        "chu nhiem",
                                                        "tong thu ky",
                                                        "bi thu",
                                                        "pho bi thu",
                                                        "tong bi thu"};

std::string_view strip_end_punct(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ',' || s.back() == ':'))
    s.remove_suffix(1);
  return trim(s);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_rule_line(std::string_view text) {  // "_______", "-----", "***"
  text = trim(text);
  if (text.empty()) return true;
  for (const char c : text) {
    if (c != '_' && c != '-' && c != '*' && c != '.' && c != ' ' && c != '=') return false;
  }
  return true;
}

// The type a folded caps line names exactly ("nghi dinh"), or "".
std::string type_of_line(std::string_view folded) {
  std::string_view f = strip_end_punct(folded);
  for (const auto& [key, name] : TYPES) {
    if (f == key) return std::string(name);
  }
  return "";
}

double lowest_confidence(const std::vector<SourceLine>& lines) {
  double c = 100;
  for (const SourceLine& l : lines) c = std::min(c, l.confidence);
  return c;
}

void confirm_if_unsure(DocumentHeader& h, double confidence, std::string_view field,
                       std::string_view value) {
  if (confidence >= 80 || value.empty()) return;
  char pct[16];
  std::snprintf(pct, sizeof pct, "%.0f", confidence);
  h.to_confirm.push_back(std::string(field) + ": \"" + std::string(value) +
                         "\" đọc bằng OCR, độ tin cậy " + pct + " %, cần kiểm tra lại");
}

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

// "Số: 12/QĐ-UBND", "Số 25/2022/…", "Số:    /TB-UBND", "Luật số: …" — not "Sở Tư pháp".
bool is_number_line(std::string_view folded) {
  // "Luật số:", "Nghị quyết số:": the word "số" after at most three words.
  std::size_t at = 0;
  for (int words = 0; words <= 3; ++words) {
    if (starts_with(folded.substr(at), "so")) {
      const std::string_view rest = trim(folded.substr(at + 2));
      return !rest.empty() && (rest[0] == ':' || rest[0] == '.' || rest[0] == '/' ||
                               (rest[0] >= '0' && rest[0] <= '9'));
    }
    const std::size_t space = folded.find(' ', at);
    if (space == std::string_view::npos) return false;
    at = space + 1;
  }
  return false;
}

bool is_national_motto(std::string_view folded) {
  return folded.find("cong hoa xa hoi chu nghia") != std::string_view::npos ||
         folded.find("doc lap") != std::string_view::npos ||
         folded.find("tu do") != std::string_view::npos;
}

// "Số: 11 /TB-UBND" → "11/TB-UBND": spaces around '/' and '-' typed to leave
// room for a number filled in by hand.
std::string tighten_number(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      std::size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      const bool before = j < text.size() && (text[j] == '/' || text[j] == '-');
      const bool after = !out.empty() && (out.back() == '/' || out.back() == '-');
      if (!before && !after) out += ' ';
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

// The number on a "Số: …" / "Luật số: …" line; sets `blank` when the line
// has the symbol but no number (filled in by hand, left blank).
std::string number_on_line(std::string_view line, bool& blank) {
  const std::string folded = fold_line(line);
  const std::size_t so = folded.find("so");
  if (so == std::string::npos || so > 12) return "";
  std::string_view rest = line;
  const std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos && colon < 24) {
    rest.remove_prefix(colon + 1);
  } else {
    // "Số 11/TB-UBND": skip the word "Số" (and "Luật").
    const std::vector<std::string> words = split_words(line);
    std::size_t skip = 0;
    for (const std::string& w : words) {
      const std::string f = folded_form(w);
      if (f != "so" && f != "luat" && f != "so." && f != "so:") break;
      skip = rest.find(w) + w.size();
    }
    rest.remove_prefix(std::min(skip, rest.size()));
  }
  const std::string tight = tighten_number(trim(rest));
  const std::vector<DocNumber> found = find_doc_numbers(tight);
  if (!found.empty()) return tight.substr(found[0].begin, found[0].end - found[0].begin);
  if (tight.find('/') != std::string::npos) blank = true;
  return "";
}

// The place and date of "Hà Nội, ngày 25 tháng 6 năm 2025" into `h`.
bool read_date_line(std::string_view line, DocumentHeader& h) {
  const std::vector<std::string> words = split_words(line);
  std::size_t ngay = words.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (std::string(strip_end_punct(folded_form(words[i]))) == "ngay") {
      ngay = i;
      break;
    }
  }
  if (ngay == words.size()) return false;
  static const std::regex DATE(
      R"(ngay\s*([0-9]{1,2})?[\s._…]*thang\s*([0-9]{1,2})?[\s._…]*nam\s*([0-9]{4}))");
  const std::string folded = fold_line(line);
  std::smatch m;
  if (!std::regex_search(folded, m, DATE)) return false;
  std::string place;
  for (std::size_t i = 0; i < ngay; ++i) place += (place.empty() ? "" : " ") + words[i];
  h.place = std::string(strip_end_punct(place));
  h.year = std::stoi(m[3].str());
  if (m[1].matched && m[2].matched) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", h.year, std::stoi(m[2].str()),
                  std::stoi(m[1].str()));
    h.issued = iso;
  } else {
    h.to_confirm.push_back(
        "issued: ngày ban hành để trống trên văn bản (điền tay), chỉ đọc được năm " + m[3].str() +
        "; hãy điền ngày");
  }
  return true;
}

}  // namespace

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

}  // namespace

namespace {

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

// The position at the end of a folded caps line ("thu tuong"), or "".
std::string_view position_suffix(std::string_view folded) {
  for (const std::string_view p : POSITIONS) {
    if (folded.size() >= p.size() && folded.substr(folded.size() - p.size()) == p &&
        (folded.size() == p.size() || folded[folded.size() - p.size() - 1] == ' '))
      return p;
  }
  return {};
}

bool is_authority_line(std::string_view folded) {
  for (const std::string_view prefix : {"tm.", "kt.", "q.", "tl.", "tuq.", "tm ", "kt "}) {
    if (starts_with(folded, prefix)) return true;
  }
  return false;
}

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

}  // namespace

namespace {

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
    for (const auto& [key, name] : TYPES) typed |= starts_with(f, std::string(key) + " ");
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
