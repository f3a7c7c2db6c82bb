#include "front_matter.h"

#include <algorithm>
#include <array>
#include <map>

#include <yaml-cpp/yaml.h>

#include "front_matter_messages.h"
#include "relations.h"
#include "text.h"
#include "validity.h"

namespace sotay {

namespace {

constexpr std::array<std::string_view, 20> KNOWN_KEYS = {"title",
                                                         "department",
                                                         "field",
                                                         "type",
                                                         "number",
                                                         "issuer",
                                                         "issued",
                                                         "effective",
                                                         "expires",
                                                         "status",
                                                         "superseded_by",
                                                         "tags",
                                                         "id",
                                                         "place",
                                                         "signer",
                                                         "signer_position",
                                                         "signer_authority",
                                                         "recipients",
                                                         "original",
                                                         "expired_articles"};

// The procedure cards' key (procedure_card.h), known besides KNOWN_KEYS.
constexpr std::string_view PROCEDURE_KEY = "thu_tuc";
// The type of a document that must carry procedure cards (`thu_tuc:`).
constexpr std::string_view PROCEDURE_TYPE = "Thủ tục hành chính";

struct Reporter {
  std::string_view path;
  std::vector<ContentError>& errors;
  void add(int line, std::string message) {
    errors.push_back({std::string(path), line, std::move(message)});
  }
};

bool is_known_key(std::string_view key) {
  if (key == PROCEDURE_KEY) return true;
  for (const auto k : KNOWN_KEYS) {
    if (k == key) return true;
  }
  return false;
}

// A list value: `tags: a, b` written without brackets is two tags (split
// at the commas), never one tag "a, b"; other lists take a scalar whole.
void add_list_scalar(const std::string& key, std::string_view value,
                     std::vector<std::string>& list) {
  const char separator = key == "tags" || key == "expired_articles" ? ',' : '\0';
  while (!value.empty()) {
    const std::size_t comma = separator == '\0' ? std::string_view::npos : value.find(separator);
    if (const auto t = trim(value.substr(0, comma)); !t.empty()) list.emplace_back(t);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
}

// True when a part of the id starts with '_': content/_* entries are the
// handbook's settings (_site.yaml, _dictionary/), never documents, so such a
// document would be written and then never published.
bool has_hidden_part(std::string_view id) {
  for (std::size_t start = 0; start <= id.size();) {
    if (start < id.size() && id[start] == '_') return true;
    const std::size_t slash = id.find('/', start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

// An id is a relative path of slugs: no "..", no leading '/', no spaces.
bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 200 || id.front() == '/' || id.back() == '/') return false;
  std::size_t segment_start = 0;
  for (std::size_t i = 0; i <= id.size(); ++i) {
    if (i == id.size() || id[i] == '/') {
      const std::string_view segment = id.substr(segment_start, i - segment_start);
      if (segment.empty() || segment == "." || segment == ".." || segment.front() == '.') {
        return false;
      }
      segment_start = i + 1;
      continue;
    }
    const char c = id[i];
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string default_id(std::string_view path) {
  std::string id(path);
  if (id.size() > 3 && id.compare(id.size() - 3, 3, ".md") == 0) id.resize(id.size() - 3);
  return id;
}

// Reads a scalar string value, reporting a wrong type.
std::string scalar(const YAML::Node& value, std::string_view key, int line, Reporter& report) {
  if (value.IsNull()) return {};
  if (!value.IsScalar()) {
    report.add(line, "trường \"" + std::string(key) + "\" phải là một chuỗi");
    return {};
  }
  return std::string(trim(value.Scalar()));
}

struct Lines {
  std::string_view text;
  std::size_t pos = 0;
  int number = 0;
  // Next line without its "\n" or "\r\n"; false at the end.
  bool next(std::string_view& line) {
    if (pos >= text.size()) return false;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    ++number;
    return true;
  }
};

// One scalar field into `m`, checked.
void assign_field(const std::string& key, const std::string& v, int line, FrontMatter& m,
                  Reporter& report) {
  if (key == "title") m.title = v;
  if (key == "department") m.department = v;
  if (key == "field") m.field = v;
  if (key == "type") m.type = v;
  if (key == "number") m.number = v;
  if (key == "issuer") m.issuer = v;
  if (key == "superseded_by") m.superseded_by = v;
  if (key == "place") m.place = v;
  if (key == "signer") m.signer = v;
  if (key == "signer_position") m.signer_position = v;
  if (key == "signer_authority") m.signer_authority = v;
  if (key == "original") {
    if (!is_original_name(v)) {
      report.add(line, "trường \"original\" không hợp lệ \"" + v +
                           "\": chỉ ghi tên tệp bản gốc nằm cùng thư mục (không có '/'), đuôi "
                           ".pdf, .docx, .doc, .odt, .rtf, .txt, .png, .jpg hoặc .tif");
    } else {
      m.original = v;
    }
  }
  if (key == "issued" || key == "effective" || key == "expires") {
    if (!v.empty() && !is_iso_date(v)) {
      report.add(line, "trường \"" + key + "\": ngày không hợp lệ \"" + v +
                           "\" (cần dạng YYYY-MM-DD, ví dụ 2020-03-05)");
    }
    (key == "issued" ? m.issued : key == "effective" ? m.effective : m.expires) = v;
  }
  if (key == "status") {
    if (const auto validity = parse_validity(v)) {
      m.status = std::string(validity_code(*validity));
    } else {
      report.add(line, unknown_status_message(v));
    }
  }
  if (key == "id") {
    if (has_hidden_part(v)) {
      report.add(line, "trường \"id\" không hợp lệ \"" + v +
                           "\": không phần nào được bắt đầu bằng '_' (tệp và thư mục bắt đầu "
                           "bằng '_' là thiết lập của sổ tay, không phải văn bản, nên văn bản "
                           "sẽ không được xuất bản); hãy bỏ dấu '_' ở đầu");
    } else if (!is_valid_id(v)) {
      report.add(line, "trường \"id\" không hợp lệ \"" + v +
                           "\": chỉ dùng chữ thường a-z, số, '-', '_' và '/' giữa các phần, "
                           "không có \"..\"");
    } else {
      m.id = v;
    }
  }
}

// Each article of `expired_articles` is an article number ("5", "7a").
void check_articles(std::vector<std::string>& articles, int line, Reporter& report) {
  for (std::string& a : articles) {
    if (a.size() > 5 && (a.rfind("Điều ", 0) == 0 || a.rfind("điều ", 0) == 0)) {
      a = std::string(trim(std::string_view(a).substr(a.find(' ') + 1)));
    }
    const bool ok = !a.empty() && a.size() <= 8 && a[0] >= '1' && a[0] <= '9' &&
                    std::all_of(a.begin(), a.end(), [](char c) {
                      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
                    });
    if (!ok) {
      report.add(line, "trường \"expired_articles\": \"" + a +
                           "\" không phải là số điều; hãy ghi các số điều hết hiệu lực, ví dụ "
                           "[5, 7] hoặc [\"12a\"]");
    }
  }
}

// The dates and status agree: `expires` after `effective`, the articles
// named only for (and always for) "hết hiệu lực một phần". Lines are those
// of the fields in `seen`.
void check_validity(const FrontMatter& m, const std::map<std::string, int>& seen,
                    Reporter& report) {
  const auto line_of = [&](const std::string& key) {
    const auto it = seen.find(key);
    return it == seen.end() ? 1 : it->second;
  };
  if (is_iso_date(m.expires) && is_iso_date(m.effective) && m.expires <= m.effective) {
    report.add(line_of("expires"), expires_before_effective_message(m.expires, m.effective));
  }
  const bool partly = m.status == validity_code(Validity::PARTLY_EXPIRED);
  if (partly && m.expired_articles.empty()) {
    report.add(line_of("status"),
               "văn bản \"hết hiệu lực một phần\" cần ghi các điều đã hết hiệu lực: thêm dòng "
               "\"expired_articles: [5, 7]\" với số các điều đó");
  }
  if (!partly && !m.expired_articles.empty()) {
    report.add(line_of("expired_articles"),
               "trường \"expired_articles\" chỉ dùng khi văn bản hết hiệu lực một phần: thêm "
               "\"status: hết hiệu lực một phần\" hoặc bỏ dòng này");
  }
}

void read_fields(const YAML::Node& root, int yaml_first_line, ParsedFile& out, Reporter& report) {
  std::map<std::string, int> seen;
  for (const auto& item : root) {
    const int line = item.first.Mark().line + yaml_first_line;
    if (!item.first.IsScalar()) {
      report.add(line, "khóa không hợp lệ: khóa phải là một chuỗi");
      continue;
    }
    const std::string key = item.first.Scalar();
    if (auto [it, inserted] = seen.emplace(key, line); !inserted) {
      report.add(line, "khóa \"" + key + "\" bị lặp lại (đã có ở dòng " +
                           std::to_string(it->second) + ")");
      continue;
    }
    if (find_relation_kind(key) != nullptr && key.find('_') != std::string::npos) {
      read_relations(report.path, key, item.second, line, yaml_first_line, out.meta.relations,
                     report.errors);  // relations.h
      continue;
    }
    if (!is_known_key(key)) {
      std::vector<std::string_view> known(KNOWN_KEYS.begin(), KNOWN_KEYS.end());
      known.push_back(PROCEDURE_KEY);
      for (const RelationKind& k : relation_kinds()) known.push_back(k.key);
      report.add(line, unknown_key_message(key, known));
      continue;
    }
    const YAML::Node& value = item.second;
    FrontMatter& m = out.meta;
    if (key == PROCEDURE_KEY) {  // procedure cards: procedure_card.h
      m.procedures = read_procedure_cards(value, line, yaml_first_line, report.path, report.errors);
      continue;
    }
    if (key == "tags" || key == "recipients" || key == "expired_articles") {
      std::vector<std::string>& list = key == "tags"         ? m.tags
                                       : key == "recipients" ? m.recipients
                                                             : m.expired_articles;
      if (value.IsSequence()) {
        for (const auto& tag : value) {
          if (!tag.IsScalar()) {
            report.add(tag.Mark().line + yaml_first_line,
                       "mỗi mục trong \"" + key + "\" phải là một chuỗi");
            continue;
          }
          if (const auto t = trim(tag.Scalar()); !t.empty()) list.emplace_back(t);
        }
        if (key == "expired_articles") check_articles(m.expired_articles, line, report);
      } else if (value.IsScalar()) {
        add_list_scalar(key, value.Scalar(), list);
        if (key == "expired_articles") check_articles(m.expired_articles, line, report);
      } else if (!value.IsNull()) {
        report.add(line, "trường \"" + key + "\" phải là một danh sách, ví dụ [văn thư, thể thức]");
      }
      continue;
    }
    assign_field(key, scalar(value, key, line, report), line, m, report);
  }
  check_validity(out.meta, seen, report);
}

}  // namespace

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int year = std::stoi(std::string(s.substr(0, 4)));
  const int month = std::stoi(std::string(s.substr(5, 2)));
  const int day = std::stoi(std::string(s.substr(8, 2)));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = DAYS[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

ParsedFile parse_content_file(std::string_view path, std::string_view bytes,
                              std::vector<ContentError>& errors) {
  Reporter report{path, errors};
  ParsedFile out;
  out.meta.id = default_id(path);

  if (const std::string not_text = not_text_message(bytes); !not_text.empty()) {
    report.add(1, not_text);
    return out;
  }
  if (const auto bad = find_invalid_utf8(bytes)) {
    report.add(line_of(bytes, *bad), invalid_utf8_message(static_cast<unsigned char>(bytes[*bad])));
    return out;
  }
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM

  Lines lines{text};
  std::string_view line;
  if (!lines.next(line) || trim(line) != "---") {
    report.add(1, "thiếu phần khai báo (front matter): tệp phải bắt đầu bằng dòng \"---\"");
    return out;
  }
  const std::size_t yaml_begin = lines.pos;
  std::size_t yaml_end = std::string_view::npos;
  for (std::size_t line_start = lines.pos; lines.next(line); line_start = lines.pos) {
    if (line == "---" || line == "...") {
      yaml_end = line_start;
      break;
    }
  }
  if (yaml_end == std::string_view::npos) {
    report.add(1, "phần khai báo mở ở dòng 1 nhưng không có dòng \"---\" đóng lại");
    return out;
  }
  out.body = std::string(text.substr(std::min(lines.pos, text.size())));
  out.body_line = lines.number + 1;

  const std::string yaml(text.substr(yaml_begin, yaml_end - yaml_begin));
  constexpr int YAML_FIRST_LINE = 2;  // yaml-cpp marks are 0-based; line 1 is "---"
  try {
    const YAML::Node root = YAML::Load(yaml);
    if (root.IsNull()) {
      // Empty front matter: the required fields are reported below.
    } else if (!root.IsMap()) {
      report.add(YAML_FIRST_LINE, "phần khai báo phải là các cặp \"khóa: giá trị\"");
      return out;
    } else {
      read_fields(root, YAML_FIRST_LINE, out, report);
    }
  } catch (const YAML::Exception& e) {
    const YamlHint hint = explain_yaml_error(yaml, e.mark.is_null() ? 0 : e.mark.line, e.msg);
    report.add(hint.line + YAML_FIRST_LINE, "phần khai báo sai cú pháp: " + hint.message);
    return out;
  }
  if (out.meta.title.empty()) report.add(1, "thiếu trường bắt buộc \"title\" (tiêu đề)");
  if (out.meta.department.empty()) {
    report.add(1, "thiếu trường bắt buộc \"department\" (đơn vị)");
  }
  if (out.meta.type == PROCEDURE_TYPE && out.meta.procedures.empty()) {
    report.add(1,
               "văn bản loại \"Thủ tục hành chính\" phải có thẻ thủ tục: thêm khối "
               "\"thu_tuc:\" (docs/content-format.md)");
  }
  if (!out.meta.superseded_by.empty() && out.meta.status != "expired" && out.meta.expires.empty()) {
    report.add(1,
               "trường \"superseded_by\" chỉ dùng cho văn bản hết hiệu lực: thêm \"status: hết "
               "hiệu lực\" hoặc ngày văn bản thay thế có hiệu lực \"expires: YYYY-MM-DD\"");
  }
  check_own_relations(path, out.meta, errors);
  if (trim(out.body).empty()) {
    report.add(out.body_line, "nội dung văn bản trống (không có gì sau phần khai báo)");
  }
  return out;
}

}  // namespace sotay
