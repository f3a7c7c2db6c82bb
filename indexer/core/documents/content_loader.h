// Reading content/: which files are documents, and one file into a Document.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "markdown.h"

namespace sotay {

// Every document file under `content_dir`, as paths relative to it with '/'
// separators, sorted. Files ending in ".md" count; directories and files
// whose name starts with '_' or '.' (content/_dictionary, content/.history)
// are not documents.
std::vector<std::string> list_content_files(const std::filesystem::path& content_dir);

// Calls `visit(path, meta)` with the front matter of every document file, in
// list_content_files() order, until it returns false. Files that cannot be
// read are skipped and front-matter problems ignored: for the workflow's
// lookups (who owns a document, which departments exist), not for builds.
void for_each_front_matter(
    const std::filesystem::path& content_dir,
    const std::function<bool(const std::string& path, const FrontMatter& meta)>& visit);

// The Markdown body of a content file, the file line it starts on, and its
// links and images (lines in the file): what `check` verifies.
struct DocumentBody {
  std::string markdown;
  int first_line = 1;
  std::vector<BodyLink> links;
};

// Parses and renders one content file. `path` is relative to content/.
// Problems are appended to `errors`; nullopt when the file is unusable.
// `body`, when given, receives the body of a usable file.
std::optional<Document> load_document(std::string_view path, std::string_view bytes,
                                      std::vector<ContentError>& errors,
                                      DocumentBody* body = nullptr);

// The largest original file a document may carry (front matter `original`).
constexpr std::uintmax_t MAX_ORIGINAL_BYTES = 50u << 20;

// Checks the original file a loaded document names (`original:`, beside the
// content file `path` under `content_dir`) and records its name, size and
// SHA-256 in `doc.original`, folding the hash into `doc.content_hash` so a
// changed original re-indexes the document. False, with an error on the
// line of `original:` in `bytes`, when it is missing or too large.
bool attach_original(const std::filesystem::path& content_dir, std::string_view path,
                     std::string_view bytes, Document& doc, std::vector<ContentError>& errors);

// The same checks for an original that is not in content/ yet: its bytes
// (`original`) travel with a submission and are written beside the content
// file when it is approved (publish.h).
bool attach_carried_original(std::string_view path, std::string_view bytes,
                             std::string_view original, Document& doc,
                             std::vector<ContentError>& errors);

// The hash a build records for the content file `path` (`bytes`): its
// content hash, with the original's and the card forms' folded in as
// attach_original() and attach_procedure_forms() do (for a file with errors:
// the bytes' hash alone).
std::string source_hash(const std::filesystem::path& content_dir, std::string_view path,
                        std::string_view bytes);

struct LoadOptions {
  unsigned jobs = 1;         // files read and parsed on this many threads
  bool keep_bodies = false;  // fill LoadedContent::bodies
  // Called with (files done, files) in file order.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct LoadedContent {
  std::vector<std::string> files;    // list_content_files()
  std::vector<std::string> hashes;   // content hash of each file, as `files`
  std::vector<Document> docs;        // the usable documents, in file order
  std::vector<DocumentBody> bodies;  // as `docs`, with LoadOptions::keep_bodies
  std::vector<ContentError> errors;  // in file order
};

// Loads every document file of `content_dir`, as a build and `check` do: a
// file that is unusable, or whose id an earlier file already has (the
// error names both files), is left out and reported in `errors`. Throws
// when a file cannot be read (the first in file order) or `content_dir`
// is not a directory.
LoadedContent load_all_documents(const std::filesystem::path& content_dir,
                                 const LoadOptions& options = {});

}  // namespace sotay
