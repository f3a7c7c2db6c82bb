// The original file of a document ("Bản gốc"): its download and what the
// document page says about it (type, size, digital signatures).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "handlers.h"
#include "http_util.h"
#include "index_contract.h"
#include "searcher.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

namespace {

struct OriginalType {
  const char* extension;
  const char* mime;
  const char* name;
};

constexpr OriginalType TYPES[] = {
    {"pdf", "application/pdf", "PDF"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "Word (.docx)"},
    {"doc", "application/msword", "Word (.doc)"},
    {"odt", "application/vnd.oasis.opendocument.text", "OpenDocument (.odt)"},
    {"rtf", "application/rtf", "RTF"},
    {"txt", "text/plain; charset=utf-8", "văn bản (.txt)"},
    {"png", "image/png", "ảnh PNG"},
    {"jpg", "image/jpeg", "ảnh JPEG"},
    {"jpeg", "image/jpeg", "ảnh JPEG"},
    {"tif", "image/tiff", "ảnh TIFF"},
    {"tiff", "image/tiff", "ảnh TIFF"},
};

const OriginalType& type_of(const std::string& name) {
  const std::string ext = name.substr(name.rfind('.') + 1);
  for (const OriginalType& t : TYPES) {
    if (ext == t.extension) return t;
  }
  static constexpr OriginalType OTHER{"", "application/octet-stream", "tệp"};
  return OTHER;
}

std::string size_display(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0 + 0.5);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  std::string s = buf;
  for (char& c : s) c = c == '.' ? ',' : c;  // Vietnamese decimal comma
  return s;
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
  const std::string name = original.value("name", "");
  const std::string bytes = searcher->database().get_metadata(
      std::string(contract::META_ORIGINAL_PREFIX) + original.value("sha256", ""));
  if (bytes.empty()) {
    not_found_page(res, "Ấn bản này thiếu tệp bản gốc của văn bản \"" + id + "\".");
    return;
  }
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + percent_encode(name));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "sandbox");
  res.set_content(bytes, type_of(name).mime);
}

void Handlers::add_original_view(json& data, const std::string& id) {
  data["has_recipients"] = !data.value("recipients", json::array()).empty();
  const json original = data.value("original", json());
  if (!original.is_object()) return;
  const std::string name = original.value("name", "");
  const OriginalType& type = type_of(name);
  data["original_url"] = doc_url(id) + "/ban-goc";
  data["original_type"] = type.name;
  data["original_size"] = size_display(original.value("size", std::uint64_t{0}));
  if (std::string(type.extension) != "pdf") return;
  const std::string sha = original.value("sha256", "");
  const std::string bytes = watcher_.searcher()->database().get_metadata(
      std::string(contract::META_ORIGINAL_PREFIX) + sha);
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
