#include "front_matter_messages.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "slug.h"
#include "text.h"

namespace sotay {

namespace {

constexpr const char* USE_IMPORT =
    ": hãy dùng nút Tải tệp lên ở trang /nop hoặc gửi tới POST /api/import, máy chủ sẽ chuyển "
    "đổi tệp thành văn bản";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The lines of `text` without their "\n" or "\r\n".
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// "key: value" on one line, the key a plain word at the left margin.
struct KeyValue {
  std::string key;
  std::string value;
  bool ok = false;
};

KeyValue key_value(std::string_view line) {
  KeyValue kv;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return kv;
  const std::string_view key = line.substr(0, colon);
  for (const char c : key) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
    if (!word) return kv;
  }
  kv.key = std::string(key);
  kv.value = std::string(trim(line.substr(colon + 1)));
  kv.ok = true;
  return kv;
}

// `value` as a YAML quoted scalar a clerk can copy: in double quotes, or in
// single quotes when it has double quotes itself (a ' doubled inside).
std::string quoted(std::string_view value) {
  if (value.find('"') == std::string_view::npos) return "\"" + std::string(value) + "\"";
  std::string out = "'";
  for (const char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// What a field is called in a sentence: "tiêu đề", or "giá trị của \"key\"".
std::string field_name(const std::string& key) {
  static constexpr std::pair<const char*, const char*> NAMES[] = {
      {"title", "tiêu đề"},   {"department", "đơn vị"}, {"issuer", "cơ quan ban hành"},
      {"signer", "người ký"}, {"number", "số hiệu"},    {"place", "địa danh"}};
  for (const auto& [k, name] : NAMES) {
    if (key == k) return name;
  }
  return "giá trị của \"" + key + "\"";
}

bool has_leading_tab(std::string_view line) {
  for (const char c : line) {
    if (c == '\t') return true;
    if (c != ' ') return false;
  }
  return false;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// The hint for "illegal map value": a colon in a value, an indented key, or
// a key without its colon on the line before.
std::string map_value_hint(const std::vector<std::string_view>& lines, int& line) {
  const std::string_view text = lines[static_cast<std::size_t>(line)];
  const KeyValue kv = key_value(text);
  if (kv.ok &&
      (kv.value.find(": ") != std::string::npos || (!kv.value.empty() && kv.value.back() == ':'))) {
    return field_name(kv.key) +
           " có dấu hai chấm (:) nên máy hiểu nhầm là một khóa mới: hãy "
           "đặt cả " +
           field_name(kv.key) + " trong dấu ngoặc kép, ví dụ " + kv.key + ": " + quoted(kv.value);
  }
  if (!text.empty() && text.front() == ' ') {
    return "dòng này bắt đầu bằng dấu cách: mỗi khóa (title:, department:, …) phải viết sát lề "
           "trái; hãy xóa các dấu cách ở đầu dòng";
  }
  int prev = line - 1;
  while (prev >= 0 && is_blank(lines[static_cast<std::size_t>(prev)])) --prev;
  if (prev >= 0 && lines[static_cast<std::size_t>(prev)].find(':') == std::string_view::npos) {
    line = prev;
    return "dòng này thiếu dấu hai chấm sau tên khóa: hãy viết dạng \"khóa: giá trị\", ví dụ "
           "title: Quy chế làm việc";
  }
  return {};
}

// The hint for brackets and quotes that do not close.
std::string unclosed_hint(std::string_view text) {
  const KeyValue kv = key_value(text);
  if (kv.ok && !kv.value.empty() && kv.value.front() == '[') {
    return "danh sách mở bằng \"[\" phải đóng bằng \"]\" trên cùng dòng, các mục cách nhau bằng "
           "dấu phẩy, ví dụ " +
           kv.key + ": [văn thư, lưu trữ]";
  }
  if (kv.ok && !kv.value.empty() && (kv.value.front() == '"' || kv.value.front() == '\'')) {
    return field_name(kv.key) + " mở bằng dấu ngoặc " +
           (kv.value.front() == '"' ? "kép (\")" : "đơn (')") +
           " nhưng không đóng đúng chỗ: dấu ngoặc phải bao cả giá trị và bên trong không được "
           "có lại dấu ấy; nếu bên trong có dấu ngoặc kép, hãy dùng dấu ngoặc đơn bên ngoài, ví "
           "dụ " +
           kv.key + ": 'Quy chế \"Một cửa\"'";
  }
  if (starts_with(trim(text), "- ")) {
    return "dòng bắt đầu bằng \"-\" là một mục danh sách nhưng không nằm dưới khóa nào: hãy viết "
           "danh sách trên một dòng, ví dụ tags: [văn thư, lưu trữ]";
  }
  return "dấu ngoặc (\", ', [ hoặc {) mở mà không đóng: hãy kiểm tra dòng này";
}

std::string generic_hint() {
  return "hãy viết mỗi dòng dạng \"khóa: giá trị\", sát lề trái, không dùng Tab; giá trị có "
         "dấu hai chấm hoặc bắt đầu bằng ký tự đặc biệt thì đặt trong dấu ngoặc kép";
}

// Optimal string alignment distance (Levenshtein with transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// A key folded for comparison: ASCII, lower case, no separators
// ("Tiêu đề", "tieu_de", "tieu-de" → "tieude").
std::string folded_key(std::string_view key) {
  std::string out;
  for (const char c : slugify(key)) {
    if (c != '-') out += c;
  }
  return out;
}

// Keys people write for the handbook's keys, folded.
struct Alias {
  const char* folded;
  const char* key;
};
constexpr Alias ALIASES[] = {
    {"tieude", "title"},
    {"ten", "title"},
    {"tenvanban", "title"},
    {"trichyeu", "title"},
    {"name", "title"},
    {"tieudevanban", "title"},
    {"donvi", "department"},
    {"phong", "department"},
    {"phongban", "department"},
    {"coquan", "department"},
    {"dept", "department"},
    {"tendonvi", "department"},
    {"donvisoanthao", "department"},
    {"linhvuc", "field"},
    {"category", "field"},
    {"chude", "field"},
    {"loai", "type"},
    {"loaivanban", "type"},
    {"loaivb", "type"},
    {"hinhthuc", "type"},
    {"so", "number"},
    {"sohieu", "number"},
    {"sokyhieu", "number"},
    {"kyhieu", "number"},
    {"sovanban", "number"},
    {"sovb", "number"},
    {"no", "number"},
    {"coquanbanhanh", "issuer"},
    {"noibanhanh", "issuer"},
    {"banhanh", "issuer"},
    {"issuedby", "issuer"},
    {"ngaybanhanh", "issued"},
    {"ngay", "issued"},
    {"ngayky", "issued"},
    {"date", "issued"},
    {"ngayhieuluc", "effective"},
    {"hieuluc", "effective"},
    {"hieuluctu", "effective"},
    {"ngaycohieuluc", "effective"},
    {"ngayhethieuluc", "expires"},
    {"hethieuluctu", "expires"},
    {"hethieulucdieu", "expired_articles"},
    {"dieuhethieuluc", "expired_articles"},
    {"trangthai", "status"},
    {"tinhtrang", "status"},
    {"tinhtranghieuluc", "status"},
    {"thaytheboi", "superseded_by"},
    {"duocthaytheboi", "superseded_by"},
    {"the", "tags"},
    {"tukhoa", "tags"},
    {"nhan", "tags"},
    {"keywords", "tags"},
    {"diadanh", "place"},
    {"diadiem", "place"},
    {"nguoiky", "signer"},
    {"chucvu", "signer_position"},
    {"chucvunguoiky", "signer_position"},
    {"thaymat", "signer_authority"},
    {"quyenky", "signer_authority"},
    {"noinhan", "recipients"},
    {"bangoc", "original"},
    {"tepgoc", "original"},
    {"ma", "id"},
    {"mavanban", "id"},
    {"duongdan", "id"},
    {"kyten", "signer"},
};

}  // namespace

std::string not_text_message(std::string_view bytes) {
  const auto is = [&](std::string_view magic) { return starts_with(bytes, magic); };
  std::string kind;
  if (is("%PDF-")) {
    kind = "tệp PDF";
  } else if (is("PK\x03\x04")) {
    kind = "tệp Word (.docx) hoặc OpenDocument (.odt)";
  } else if (is("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    kind = "tệp Word cũ (.doc)";
  } else if (is("{\\rtf")) {
    kind = "tệp RTF (Word)";
  } else if (is("\x89PNG") || is("\xFF\xD8\xFF") || is("II*\0") || is("MM\0*")) {
    kind = "tệp ảnh";
  }
  if (!kind.empty()) return "đây là " + kind + ", không phải văn bản Markdown" + USE_IMPORT;
  if (is("\xFF\xFE") || is("\xFE\xFF")) {
    return "tệp được lưu dạng UTF-16 (\"Unicode\" của Notepad), không phải UTF-8: hãy mở tệp và "
           "lưu lại với bảng mã UTF-8 (Notepad: Lưu thành… → Mã hóa: UTF-8)";
  }
  return {};
}

std::string invalid_utf8_message(unsigned char byte) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", byte);
  return std::string("tệp không phải UTF-8 hợp lệ (byte ") + hex +
         " không hợp lệ): có lẽ tệp được gõ bằng bảng mã cũ (TCVN3, VNI, Windows-1258); hãy lưu "
         "lại với bảng mã UTF-8 (Unicode), hoặc dùng nút Tải tệp lên ở trang /nop (hay POST "
         "/api/import) để máy chủ tự chuyển đổi";
}

YamlHint explain_yaml_error(std::string_view yaml, int mark_line, std::string_view what) {
  const std::vector<std::string_view> lines = split_lines(yaml);
  YamlHint hint;
  const std::string detail = " (chi tiết: " + std::string(what) + ")";
  if (lines.empty()) return {0, generic_hint() + detail};
  hint.line = std::clamp(mark_line, 0, static_cast<int>(lines.size()) - 1);
  // yaml-cpp's mark is past the end for what only the end shows: the last
  // line with text is the one to look at.
  while (hint.line > 0 && is_blank(lines[static_cast<std::size_t>(hint.line)])) --hint.line;
  const std::string_view text = lines[static_cast<std::size_t>(hint.line)];
  const KeyValue kv = key_value(text);
  if (has_leading_tab(text) || starts_with(what, "illegal tab")) {
    hint.message =
        "dòng này có ký tự Tab ở đầu dòng; phần khai báo không nhận Tab: hãy xóa Tab và viết "
        "khóa sát lề trái (giữa các từ dùng dấu cách)";
  } else if (what == "illegal map value") {
    hint.message = map_value_hint(lines, hint.line);
  } else if (starts_with(what, "end of ") || what == "illegal flow end" ||
             what == "illegal EOF in scalar" || starts_with(what, "invalid character in single")) {
    hint.message = unclosed_hint(text);
  } else if (starts_with(what, "unknown escape") || starts_with(what, "invalid unicode") ||
             starts_with(what, "bad character found while scanning hex")) {
    hint.message =
        "trong dấu ngoặc kép, dấu \\ mở đầu một ký tự đặc biệt: hãy viết \\\\ thay cho \\, hoặc "
        "đặt giá trị trong dấu ngoặc đơn, ví dụ " +
        (kv.ok ? kv.key : std::string("title")) + ": 'C:\\Văn bản'";
  } else if (kv.ok && !kv.value.empty()) {  // unknown token, anchors, aliases, tags, …
    hint.message = field_name(kv.key) + " bắt đầu bằng ký tự \"" + kv.value.substr(0, 1) +
                   "\" mà phần khai báo dành riêng: hãy đặt cả giá trị trong dấu ngoặc kép, ví "
                   "dụ " +
                   kv.key + ": " + quoted(kv.value);
  }
  if (hint.message.empty()) hint.message = generic_hint();
  hint.message += detail;
  return hint;
}

std::string suggest_key(std::string_view key, const std::vector<std::string_view>& known) {
  const std::string folded = folded_key(key);
  if (folded.empty()) return {};
  for (const Alias& a : ALIASES) {
    if (folded == a.folded) return a.key;
  }
  std::string best;
  std::size_t best_distance = folded.size() <= 4 ? 2 : 3;  // the most allowed, plus one
  for (const std::string_view k : known) {
    const std::size_t d = edit_distance(folded, folded_key(k));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(k);
    }
  }
  return best;
}

std::string unknown_key_message(std::string_view key, const std::vector<std::string_view>& known) {
  std::string list;
  for (const std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
  const std::string suggestion = suggest_key(key, known);
  return "khóa không được hỗ trợ \"" + std::string(key) + "\"" +
         (suggestion.empty()
              ? std::string()
              : ": có phải ý bạn là \"" + suggestion + "\"? Hãy đổi thành " + suggestion + ":") +
         " (các khóa hợp lệ: " + list + ")";
}

}  // namespace sotay
