#include "content_loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "front_matter.h"
#include "hash.h"
#include "markdown.h"
#include "text.h"

namespace sotay {

namespace fs = std::filesystem;

std::vector<std::string> list_content_files(const fs::path& content_dir) {
  std::vector<std::string> files;
  if (!fs::is_directory(content_dir)) {
    throw std::runtime_error(content_dir.string() + ": không phải thư mục nội dung");
  }
  auto it =
      fs::recursive_directory_iterator(content_dir, fs::directory_options::skip_permission_denied);
  for (; it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && (name[0] == '_' || name[0] == '.')) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".md") {
      // lexically: fs::relative() would resolve every path on disk (1 s on 65k files).
      files.push_back(it->path().lexically_relative(content_dir).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<Document> load_document(std::string_view path, std::string_view bytes,
                                      std::vector<ContentError>& errors) {
  const std::size_t errors_before = errors.size();
  ParsedFile parsed = parse_content_file(path, bytes, errors);
  if (errors.size() != errors_before) return std::nullopt;
  Document doc;
  doc.source_path = std::string(path);
  doc.content_hash = content_hash(bytes);
  FrontMatter& m = parsed.meta;
  for (std::string* s :
       {&m.title, &m.department, &m.field, &m.type, &m.number, &m.issuer, &m.superseded_by}) {
    *s = to_nfc(*s);
  }
  for (std::string& tag : m.tags) tag = to_nfc(tag);
  doc.meta = std::move(m);
  RenderedMarkdown rendered = render_markdown(parsed.body);
  doc.html = std::move(rendered.html);
  doc.sections = std::move(rendered.sections);
  for (Section& s : doc.sections) s.line += parsed.body_line - 1;
  if (doc.sections.empty()) {
    errors.push_back({std::string(path), parsed.body_line,
                      "nội dung văn bản trống (chỉ có tiêu đề mục, không có văn bản)"});
    return std::nullopt;
  }
  return doc;
}

}  // namespace sotay
