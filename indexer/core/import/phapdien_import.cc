#include "phapdien_import.h"

#include <zlib.h>

#include <fstream>
#include <stdexcept>
#include <unordered_set>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "json_util.h"
#include "slug.h"
#include "text.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

// One line for a single-line field: newlines and tabs become spaces, trimmed.
std::string one_line(std::string_view s) {
  std::string out(trim(s));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// The id becomes a file name and the front matter `id`: [a-z0-9-_.], no leading '.'.
bool is_safe_id(std::string_view id) {
  if (id.empty() || id.size() > 200 || id.front() == '.') return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error(path.string() + ": không ghi được tệp");
}

}  // namespace

void read_gzip_lines(const fs::path& path,
                     const std::function<bool(std::size_t, std::string_view)>& f) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (in == nullptr) throw std::runtime_error(path.string() + ": không mở được tệp");
  gzbuffer(in, 1 << 18);
  std::string line;
  std::size_t number = 0;
  char buf[1 << 16];
  bool more = true;
  while (more) {
    line.clear();
    while (true) {
      if (gzgets(in, buf, sizeof buf) == nullptr) {
        more = false;
        break;
      }
      line += buf;
      if (!line.empty() && line.back() == '\n') break;
    }
    if (!more && line.empty()) break;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!f(++number, line)) break;
  }
  int err = Z_OK;
  const char* msg = gzerror(in, &err);
  const std::string message = msg != nullptr ? msg : "";
  gzclose(in);
  if (err != Z_OK && err != Z_STREAM_END) {
    throw std::runtime_error(path.string() + ": lỗi đọc gzip: " + message);
  }
}

std::string parse_phapdien_article(std::string_view line, PhapdienArticle& out) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "JSON không hợp lệ";
  out.id = std::string(trim(json_string(j, "id")));
  out.demuc_name = one_line(json_string(j, "demuc_name"));
  out.title = one_line(json_string(j, "title"));
  out.source_note = one_line(json_string(j, "source_note"));
  out.src_doc_no = one_line(json_string(j, "src_doc_no"));
  out.src_doc_type = one_line(json_string(j, "src_doc_type"));
  out.text = json_string(j, "text");
  if (out.id.empty()) return "thiếu id";
  if (!is_safe_id(out.id)) return "id không hợp lệ";
  if (out.title.empty()) return "thiếu title";
  if (out.source_note.empty() && trim(out.text).empty()) {
    return "không có nội dung (text và source_note đều trống)";
  }
  return {};
}

std::set<std::string> read_id_list(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": không đọc được danh sách id");
  std::set<std::string> ids;
  for (std::string line; std::getline(in, line);) {
    const std::string_view id = trim(line);
    if (!id.empty()) ids.emplace(id);
  }
  return ids;
}

std::string escape_markdown_line(std::string_view line) {
  static constexpr std::string_view INLINE = "\\`*_[]<&~";
  std::string out;
  out.reserve(line.size() + 8);
  for (const char c : line) {
    if (INLINE.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  if (out.empty()) return out;
  // Block markers: headings, quotes, bullets, setext underlines, thematic breaks.
  if (std::string_view("#>-+=|").find(out[0]) != std::string_view::npos) out.insert(0, "\\");
  // Ordered list items "1." / "1)": escape the delimiter.
  std::size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) {
    out.insert(digits, "\\");
  }
  return out;
}

std::string phapdien_content_file(const PhapdienArticle& a) {
  YAML::Emitter fm;
  fm << YAML::BeginMap;
  const auto field = [&fm](const char* key, const std::string& value) {
    if (!value.empty()) fm << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
  };
  field("id", a.id);
  field("title", a.title);
  field("number", a.src_doc_no);
  field("type", a.src_doc_type);
  field("field", a.demuc_name);
  field("department", "Bộ pháp điển");
  fm << YAML::EndMap;

  std::string body;
  if (const std::string note = escape_markdown_line(a.source_note); !note.empty()) {
    body += "*" + note + "*\n";
  }
  // One paragraph per line: legal text is a sequence of clauses ("1.", "a)").
  std::size_t pos = 0;
  while (pos <= a.text.size()) {
    std::size_t end = a.text.find('\n', pos);
    if (end == std::string::npos) end = a.text.size();
    const std::string_view line = trim(std::string_view(a.text).substr(pos, end - pos));
    if (!line.empty()) body += "\n" + escape_markdown_line(line) + "\n";
    pos = end + 1;
  }
  return "---\n" + std::string(fm.c_str()) + "\n---\n" + body;
}

ImportReport import_phapdien(const ImportOptions& options) {
  std::set<std::string> wanted;
  const bool filter = !options.ids_file.empty();
  if (filter) wanted = read_id_list(options.ids_file);
  std::unordered_set<std::string> seen;
  std::set<fs::path> made_dirs;
  ImportReport report;
  read_gzip_lines(options.input, [&](std::size_t number, std::string_view line) {
    if (trim(line).empty()) return true;
    ++report.read;
    PhapdienArticle a;
    std::string error = parse_phapdien_article(line, a);
    if (filter && !a.id.empty() && wanted.count(a.id) == 0) {
      ++report.filtered;
      return true;
    }
    if (!error.empty()) {
      report.skipped.push_back({number, a.id, std::move(error)});
      return true;
    }
    if (!seen.insert(a.id).second) {
      report.skipped.push_back({number, a.id, "id bị lặp lại"});
      return true;
    }
    std::string slug = slugify(a.demuc_name);
    if (slug.empty()) slug = "khac";
    const fs::path dir = options.output / "phap-dien" / slug;
    if (made_dirs.insert(dir).second) fs::create_directories(dir);
    write_bytes(dir / (a.id + ".md"), phapdien_content_file(a));
    if (trim(a.text).empty()) ++report.empty_text;
    ++report.written;
    return options.limit == 0 || report.written < options.limit;
  });
  if (filter) {
    for (const std::string& id : wanted) report.ids_not_found += seen.count(id) == 0 ? 1 : 0;
  }
  return report;
}

}  // namespace sotay
