#include "content_loader.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "files.h"
#include "front_matter.h"
#include "hash.h"
#include "markdown.h"
#include "parallel.h"
#include "procedure_sections.h"
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

void for_each_front_matter(
    const fs::path& content_dir,
    const std::function<bool(const std::string& path, const FrontMatter& meta)>& visit) {
  for (const std::string& path : list_content_files(content_dir)) {
    std::string bytes;
    try {
      bytes = read_file(content_dir / path);
    } catch (const std::exception&) {
      continue;
    }
    std::vector<ContentError> ignored;
    if (!visit(path, parse_content_file(path, bytes, ignored).meta)) return;
  }
}

std::optional<Document> load_document(std::string_view path, std::string_view bytes,
                                      std::vector<ContentError>& errors, DocumentBody* body) {
  const std::size_t errors_before = errors.size();
  ParsedFile parsed = parse_content_file(path, bytes, errors);
  if (errors.size() != errors_before) return std::nullopt;
  Document doc;
  doc.source_path = std::string(path);
  doc.content_hash = content_hash(bytes);
  FrontMatter& m = parsed.meta;
  for (std::string* s :
       {&m.title, &m.department, &m.field, &m.type, &m.number, &m.issuer, &m.superseded_by,
        &m.place, &m.signer, &m.signer_position, &m.signer_authority}) {
    *s = to_nfc(*s);
  }
  for (std::string& tag : m.tags) tag = to_nfc(tag);
  for (std::string& r : m.recipients) r = to_nfc(r);
  for (Relation& r : m.relations) r.target = to_nfc(r.target);
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
  add_procedure_sections(doc);  // each procedure card is a section of its own
  if (body) {
    *body = {std::move(parsed.body), parsed.body_line, std::move(rendered.links)};
    for (BodyLink& l : body->links) l.line += parsed.body_line - 1;
  }
  return doc;
}

namespace {

// The file line of `original:` in a content file (1 when absent).
int original_line(std::string_view bytes) {
  const std::size_t key = bytes.find("\noriginal:");
  return key == std::string_view::npos ? 1 : line_of(bytes, key + 1);
}

// Records the original of `size` bytes with `sha`, or an error when too large.
bool record_original(std::string_view path, std::string_view bytes, std::uintmax_t size,
                     const std::string& sha, Document& doc, std::vector<ContentError>& errors) {
  if (size > MAX_ORIGINAL_BYTES) {
    errors.push_back({std::string(path), original_line(bytes),
                      "tệp bản gốc \"" + doc.meta.original + "\" lớn hơn " +
                          std::to_string(MAX_ORIGINAL_BYTES >> 20) + " MB"});
    return false;
  }
  doc.original = {doc.meta.original, sha, size};
  doc.content_hash = content_hash(doc.content_hash + sha);
  return true;
}

}  // namespace

bool attach_original(const fs::path& content_dir, std::string_view path, std::string_view bytes,
                     Document& doc, std::vector<ContentError>& errors) {
  const fs::path file = (content_dir / std::string(path)).parent_path() / doc.meta.original;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || !fs::is_regular_file(file)) {
    errors.push_back({std::string(path), original_line(bytes),
                      "không thấy tệp bản gốc \"" + doc.meta.original +
                          "\" (trường \"original\"): tệp phải nằm cùng thư mục với văn bản"});
    return false;
  }
  if (size > MAX_ORIGINAL_BYTES) return record_original(path, bytes, size, {}, doc, errors);
  return record_original(path, bytes, size, sha256_hex(read_file(file)), doc, errors);
}

bool attach_carried_original(std::string_view path, std::string_view bytes,
                             std::string_view original, Document& doc,
                             std::vector<ContentError>& errors) {
  if (original.empty()) {
    errors.push_back({std::string(path), original_line(bytes),
                      "tệp bản gốc \"" + doc.meta.original + "\" gửi kèm bị trống"});
    return false;
  }
  return record_original(path, bytes, original.size(), sha256_hex(original), doc, errors);
}

std::string source_hash(const fs::path& content_dir, std::string_view path,
                        std::string_view bytes) {
  // The front matter alone names the original: no need to render the body.
  std::vector<ContentError> errors;
  const ParsedFile parsed = parse_content_file(path, bytes, errors);
  std::string own = content_hash(bytes);
  if (!errors.empty()) return own;
  if (!parsed.meta.original.empty()) {
    const fs::path file = (content_dir / std::string(path)).parent_path() / parsed.meta.original;
    std::error_code ec;
    if (fs::is_regular_file(file, ec) && fs::file_size(file, ec) <= MAX_ORIGINAL_BYTES) {
      own = content_hash(own + sha256_hex(read_file(file)));
    }
  }
  // The forms of its procedure cards, as attach_procedure_forms() folds them.
  return fold_form_hashes(content_dir, path, parsed.meta.procedures, std::move(own));
}

LoadedContent load_all_documents(const fs::path& content_dir, const LoadOptions& options) {
  LoadedContent out;
  out.files = list_content_files(content_dir);
  const std::size_t n = out.files.size();
  struct Loaded {
    std::string hash;
    std::optional<Document> doc;
    DocumentBody body;
    std::vector<ContentError> errors;
    std::exception_ptr failure;  // unreadable: rethrown in file order below
  };
  std::vector<Loaded> loaded(n);
  parallel_for(n, options.jobs, [&](std::size_t i) {
    Loaded& l = loaded[i];
    try {
      const std::string bytes = read_file(content_dir / out.files[i]);
      l.doc = load_document(out.files[i], bytes, l.errors, options.keep_bodies ? &l.body : nullptr);
      if (l.doc && !l.doc->meta.original.empty() &&
          !attach_original(content_dir, out.files[i], bytes, *l.doc, l.errors)) {
        l.doc.reset();
      }
      if (l.doc && !attach_procedure_forms(content_dir, out.files[i], *l.doc, l.errors)) {
        l.doc.reset();
      }
      l.hash = l.doc ? l.doc->content_hash : content_hash(bytes);
    } catch (...) {
      l.failure = std::current_exception();
    }
  });
  std::map<std::string, std::string> id_owner;
  for (std::size_t i = 0; i < n; ++i) {
    Loaded& l = loaded[i];
    if (l.failure) std::rethrow_exception(l.failure);
    out.hashes.push_back(std::move(l.hash));
    out.errors.insert(out.errors.end(), l.errors.begin(), l.errors.end());
    if (l.doc) {
      const auto [it, inserted] = id_owner.emplace(l.doc->meta.id, out.files[i]);
      if (!inserted) {
        out.errors.push_back(
            {out.files[i], 1, "id \"" + l.doc->meta.id + "\" đã được dùng cho tệp " + it->second});
      } else {
        out.docs.push_back(std::move(*l.doc));
        if (options.keep_bodies) out.bodies.push_back(std::move(l.body));
      }
    }
    if (options.progress) options.progress(i + 1, n);
  }
  return out;
}

}  // namespace sotay
