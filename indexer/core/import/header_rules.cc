#include "header_rules.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>

#include "doc_number.h"
#include "text.h"
#include "text_case.h"
#include "vietnamese.h"

namespace sotay::header_rules {

namespace {

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

}  // namespace

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

bool starts_with_type(std::string_view folded) {
  for (const auto& [key, name] : TYPES) {
    if (starts_with(folded, std::string(key) + " ")) return true;
  }
  return false;
}

bool starts_with_position(std::string_view folded) {
  for (const std::string_view p : POSITIONS) {
    if (starts_with(folded, std::string(p) + " ")) return true;
  }
  return false;
}

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

}  // namespace sotay::header_rules
