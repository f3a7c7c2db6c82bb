// Importing Bộ pháp điển điện tử (the national codification, one JSON object
// per article in a gzip JSONL file) as handbook content files:
//
//   <output>/phap-dien/<slug of demuc_name>/<article id>.md
//
// with front matter id, title, number (src_doc_no), type (src_doc_type),
// field (demuc_name), department "Bộ pháp điển", and a body of the source
// note in italics followed by the article text, one paragraph per line,
// escaped so that Markdown renders it literally (no headings, lists, tables).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct PhapdienArticle {
  std::string id, demuc_name, title, source_note, src_doc_no, src_doc_type, text;
};

struct ImportOptions {
  std::filesystem::path input;     // corpus.jsonl.gz
  std::filesystem::path output;    // content directory written into
  std::size_t limit = 0;           // stop after this many files written; 0: no limit
  std::filesystem::path ids_file;  // keep only the ids listed (one per line); empty: all
};

struct ImportSkip {
  std::size_t line = 0;  // 1-based line of the input
  std::string id;
  std::string reason;
};

struct ImportReport {
  std::size_t read = 0;           // input lines read
  std::size_t written = 0;        // content files written
  std::size_t filtered = 0;       // not in the --ids list
  std::size_t empty_text = 0;     // written with the source note only (repealed articles)
  std::size_t ids_not_found = 0;  // listed in --ids but not in the input
  std::vector<ImportSkip> skipped;
};

// Calls `f(line number, line)` for every line of a gzip (or plain) file until
// it returns false. Throws std::runtime_error when the file cannot be read.
void read_gzip_lines(const std::filesystem::path& path,
                     const std::function<bool(std::size_t, std::string_view)>& f);

// Parses one JSONL line; returns an error message, or "" on success.
std::string parse_phapdien_article(std::string_view line, PhapdienArticle& out);

// Reads a list of ids, one per line (blank lines and surrounding spaces ignored).
std::set<std::string> read_id_list(const std::filesystem::path& path);

// The content file (front matter and Markdown body) of one article.
std::string phapdien_content_file(const PhapdienArticle& article);

// Escapes one line of plain text so that Markdown renders it as it is.
std::string escape_markdown_line(std::string_view line);

// Writes one content file per article. Throws std::runtime_error when the
// input cannot be read or a file cannot be written.
ImportReport import_phapdien(const ImportOptions& options);

}  // namespace sotay
