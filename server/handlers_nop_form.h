// The /nop form as the department clerk fills it in: the front matter as
// fields, the body as a text box, an uploaded original kept as a draft.
// Everything typed comes back after any error, with each error at the top
// and beside the field it concerns (handlers_nop*.cc).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "document.h"
#include "drafts.h"
#include "front_matter.h"
#include "front_matter_writer.h"
#include "searcher.h"

namespace sotay {

struct NopForm {
  // The fields, as typed (names of the form's inputs).
  std::string title, department, field, type, number, issuer, issued, effective;
  std::string expires;              // "hết hiệu lực từ ngày" (front matter `expires`)
  std::string status = "in-force";  // a code of validity.h
  std::string expired_articles;     // "5, 7" or "Điều 5, Điều 7" (status partly-expired)
  std::string tags;                 // comma-separated
  std::string relations;            // one kind a line (relations.h relations_to_text)
  std::string body;
  std::string edit;   // the published document being revised ("" for a new one)
  std::string id;     // "Nâng cao": the new document's id ("" derives it)
  std::string draft;  // the draft holding an uploaded original

  // Filled in by the handlers.
  std::optional<Draft> attached;
  std::vector<std::string> messages;                         // errors, at the top
  std::map<std::string, std::vector<std::string>> problems;  // field -> errors
  std::map<std::string, std::string> uncertain;  // field -> "kiểm tra lại: …" (converted files)
  std::vector<std::string> notes;                // what the conversion says, at the top
  std::string notice;                            // a success message
  std::string preview_html;                      // rendered body, escaped by the renderer
  nlohmann::json accepted;                       // the new submission, after a success

  // Reads the fields with `value(name)` (form_value).
  static NopForm read(const std::function<std::string(const char*)>& value);
  // The form's fields over `meta` (the published or converted document).
  void apply_to(FrontMatter& meta) const;
  // Fills the fields from a document's front matter and body.
  void fill(const FrontMatter& meta, const std::string& markdown_body);
  // An error on `field` ("" for none), listed at the top as well.
  void problem(const std::string& field, const std::string& message);
  // The errors of a composed file: body lines become lines of the body box,
  // front matter lines the field whose key is on them.
  void file_errors(const ComposedFile& file, const std::vector<ContentError>& errors);
  // The values, errors and marks for submit.mustache.
  nlohmann::json to_json() const;
};

// The Vietnamese label of a form field ("title" -> "Tên văn bản").
const char* field_label(const std::string& field);

}  // namespace sotay

namespace sotay {

// The current text of the published document `id` (the content file the
// edition names), or nullopt.
std::optional<ParsedFile> published_document(Searcher& searcher,
                                             const std::filesystem::path& content_dir,
                                             const std::string& id);

}  // namespace sotay
