// One real document in, one handbook document out: the file's kind is read
// from its bytes, the right reader runs (PDF text layer, OCR for scans,
// pandoc for Word files, legacy decoding), the header becomes front matter
// and the rest becomes the Markdown body. What could not be done is said,
// per field, in Vietnamese.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "file_kind.h"
#include "header_fields.h"

namespace sotay {

struct DocumentImportOptions {
  std::string department;                 // required: front matter `department`
  std::string field;                      // optional `field`
  std::vector<std::string> tags;          // optional `tags`
  int max_pages = 500;                    // a longer PDF is refused, naming the limit
  std::uint64_t max_bytes = 50ull << 20;  // a larger file is refused
  bool ocr = true;                        // false: a scan is refused instead of read
  int ocr_jobs = 2;                       // pages OCRed at once
  // Called while pages are OCRed: (pages done, pages).
  std::function<void(int, int)> progress;
};

struct ImportedDocument {
  std::string source_name;  // the input's file name, as given
  FileKind kind = FileKind::OTHER;
  std::string slug;                // proposed file name, without extension
  std::string original_extension;  // "pdf", "docx", …: the original is kept as <slug>.<ext>
  std::string content;             // the content file: front matter and Markdown body
  DocumentHeader header;
  std::vector<std::string> warnings;  // Vietnamese, for the clerk
  int pages = 0;
  bool ocr = false;
  std::string legacy_encoding;  // "TCVN3", "VNI" or ""
  // Relations the text declares (relation_proposal.h): in `content` only as
  // commented lines, here as one sentence each for the reviewer.
  std::vector<std::string> relations_proposed;

  nlohmann::json to_json() const;
  static ImportedDocument from_json(const nlohmann::json& j);  // throws on a bad shape
};

// Imports `file`; temporary files go under `workdir`. Throws ImportError
// (Vietnamese, without the file name: the caller names the file) when the
// file cannot become a document: empty, too large, encrypted, corrupt, a
// web page saved as .pdf, a PDF with JavaScript or embedded files, a zip
// bomb, a scan when OCR is unavailable, a converter over its limits.
ImportedDocument import_document(const std::filesystem::path& file,
                                 const DocumentImportOptions& options,
                                 const std::filesystem::path& workdir);

// The file kinds import_document reads, for listing a folder's files.
bool importable_extension(const std::filesystem::path& file);

}  // namespace sotay
