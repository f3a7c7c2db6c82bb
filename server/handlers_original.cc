// The files beside a document: its original ("Bản gốc") and the forms of its
// procedure cards ("Biểu mẫu"), as downloads, and what the document page
// says about the original (type, size, digital signatures). The edition
// carries their bytes (original:<sha256>, index_contract.h): nothing is read
// from the disk by a name in the URL.
#include <nlohmann/json.hpp>

#include "attached_file_type.h"
#include "handlers.h"
#include "http_util.h"
#include "index_contract.h"
#include "searcher.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

namespace {

// The bytes stored under `sha256` in the edition ("" when absent).
std::string stored_bytes(Searcher& searcher, const std::string& sha256) {
  if (sha256.empty()) return {};
  return searcher.database().get_metadata(std::string(contract::META_ORIGINAL_PREFIX) + sha256);
}

// `bytes` as a download named `name`, never rendered by the browser.
void send_attached_file(const std::string& name, const std::string& bytes, httplib::Response& res) {
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + percent_encode(name));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "sandbox");
  res.set_content(bytes, attached_file_type(name).mime);
}

// The form `file` of one of the cards of `doc` (doc:<id> JSON), or null.
json find_form(const json& doc, const std::string& file) {
  for (const json& card : doc.value("procedures", json::array())) {
    for (const json& form : card.value("bieu_mau", json::array())) {
      if (form.value("tep", "") == file && form.contains("sha256")) return form;
    }
  }
  return nullptr;
}

}  // namespace

void Handlers::original_file(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const std::shared_ptr<Searcher> searcher = watcher_.searcher();
  // A document whose own id ends in "/ban-goc" keeps its page.
  if (searcher->document(id + "/ban-goc")) {
    document_page(req, res);
    return;
  }
  const auto doc = searcher->document(id);
  const json original = doc ? doc->value("original", json()) : json();
  if (!original.is_object()) {
    not_found_page(res, doc ? "Văn bản \"" + id + "\" không có bản gốc trong sổ tay."
                            : "Không tìm thấy văn bản \"" + id + "\" trong sổ tay.");
    return;
  }
  const std::string bytes = stored_bytes(*searcher, original.value("sha256", ""));
  if (bytes.empty()) {
    not_found_page(res, "Ấn bản này thiếu tệp bản gốc của văn bản \"" + id + "\".");
    return;
  }
  send_attached_file(original.value("name", ""), bytes, res);
}

void Handlers::form_file(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const std::string file = req.matches[2];
  const std::shared_ptr<Searcher> searcher = watcher_.searcher();
  // A document whose own id is this path keeps its page.
  if (searcher->document(id + "/bieu-mau/" + file)) {
    document_page(req, res);
    return;
  }
  const auto doc = searcher->document(id);
  const json form = doc ? find_form(*doc, file) : json();
  if (!form.is_object()) {
    not_found_page(res, doc ? "Văn bản \"" + id + "\" không có biểu mẫu \"" + file +
                                  "\". Mở lại văn bản và bấm vào tên biểu mẫu trong thẻ thủ tục."
                            : "Không tìm thấy văn bản \"" + id + "\" trong sổ tay.");
    return;
  }
  const std::string bytes = stored_bytes(*searcher, form.value("sha256", ""));
  if (bytes.empty()) {
    not_found_page(res, "Ấn bản này thiếu tệp biểu mẫu \"" + file + "\" của văn bản \"" + id +
                            "\". Báo người biên tập xây dựng lại sổ tay.");
    return;
  }
  send_attached_file(file, bytes, res);
}

void Handlers::add_original_view(json& data, const std::string& id) {
  data["has_recipients"] = !data.value("recipients", json::array()).empty();
  const json original = data.value("original", json());
  if (!original.is_object()) return;
  const std::string name = original.value("name", "");
  const AttachedFileType& type = attached_file_type(name);
  data["original_url"] = doc_url(id) + "/ban-goc";
  data["original_type"] = type.name;
  data["original_size"] = size_display(original.value("size", std::uint64_t{0}));
  if (std::string(type.extension) != "pdf") return;
  const std::string sha = original.value("sha256", "");
  const std::string bytes = stored_bytes(*watcher_.searcher(), sha);
  if (bytes.empty()) return;
  json signatures = json::array();
  for (const PdfSignature& s : signatures_.of(sha, bytes)) {
    signatures.push_back({{"sentence", s.sentence()},
                          {"valid", s.verdict == PdfSignature::Verdict::VALID},
                          {"invalid", s.verdict == PdfSignature::Verdict::INVALID}});
  }
  data["signatures"] = signatures;
  data["has_signatures"] = !signatures.empty();
  data["unsigned_pdf"] = signatures.empty();
}

}  // namespace sotay
