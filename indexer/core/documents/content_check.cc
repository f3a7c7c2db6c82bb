#include "content_check.h"

#include <algorithm>
#include <map>
#include <set>

#include "content_loader.h"
#include "dictionary.h"
#include "doc_number.h"
#include "html_blocks.h"
#include "relation_check.h"
#include "site_settings.h"
#include "text.h"
#include "url.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The documents by id, and every index key of every document's own number:
// what links and citations are checked against.
struct Catalog {
  std::map<std::string, const Document*> by_id;
  std::set<std::string> own_keys;
};

bool is_external(const std::string& url) {
  const auto colon = url.find(':');
  const auto slash = url.find('/');
  return colon != std::string::npos && (slash == std::string::npos || colon < slash);
}

void add(CheckReport& report, const Document& doc, int line, bool warning, std::string message) {
  report.problems.push_back({doc.source_path, line, warning, std::move(message)});
}

// Everything `build` would load, with its errors (the dictionary and site
// settings included), each file parsed once.
LoadedContent load_for_check(const fs::path& content_dir, CheckReport& report) {
  std::vector<ContentError> errors;
  Dictionary::load(content_dir, errors);
  SiteSettings::load(content_dir, errors);
  LoadOptions options;
  options.keep_bodies = true;
  LoadedContent content = load_all_documents(content_dir, options);
  report.files = content.files.size();
  errors.insert(errors.end(), content.errors.begin(), content.errors.end());
  for (const ContentError& e : errors)
    report.problems.push_back({e.path, e.line, false, e.message});
  return content;
}

// The catalog; a number two documents share is an error on the second.
Catalog catalog_of(const std::vector<Document>& docs, CheckReport& report) {
  Catalog catalog;
  std::map<std::string, const Document*> number_owner;
  for (const Document& d : docs) {
    catalog.by_id[d.meta.id] = &d;
    if (d.meta.number.empty()) continue;
    const auto numbers = find_doc_numbers(d.meta.number);
    if (numbers.empty()) continue;
    for (const std::string& k : numbers.front().index_keys()) catalog.own_keys.insert(k);
    const auto [it, inserted] = number_owner.emplace(numbers.front().key(), &d);
    if (!inserted) {
      add(report, d, 1, false,
          "số hiệu " + d.meta.number + " trùng với văn bản " + it->second->meta.id + " (" +
              it->second->source_path + ")");
    }
  }
  return catalog;
}

// Empty sections: a heading, no text, and no subheading under it.
void check_sections(const Document& doc, CheckReport& report) {
  const auto& sections = doc.sections;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Section& s = sections[i];
    const bool parent = i + 1 < sections.size() && sections[i + 1].level > s.level;
    if (s.level > 0 && !parent && trim(s.text).empty()) {
      add(report, doc, s.line, true, "mục \"" + s.title + "\" không có nội dung");
    }
  }
}

// A relative image must exist beside the document.
void check_image(const Document& doc, const BodyLink& link, const fs::path& content_dir,
                 CheckReport& report) {
  const std::string& url = link.url;
  if (is_external(url) || url.rfind('/', 0) == 0 || url.rfind('#', 0) == 0) return;
  const fs::path dir = fs::path(doc.source_path).parent_path();
  const std::string file = percent_decode(url.substr(0, url.find_first_of("?#")));
  std::error_code ec;
  if (!fs::exists(content_dir / dir / file, ec)) {
    add(report, doc, link.line, false, "không tìm thấy hình " + (dir / file).generic_string());
  }
}

// "/doc/<id>" must name a document, and "#<anchor>" one of its sections.
void check_doc_link(const Document& doc, const BodyLink& link, const Catalog& catalog,
                    CheckReport& report) {
  if (link.url.rfind("/doc/", 0) != 0) return;
  const std::string rest = link.url.substr(5);
  const std::size_t hash = rest.find('#');
  const std::string id = percent_decode(rest.substr(0, std::min(hash, rest.find('?'))));
  const auto target = catalog.by_id.find(id);
  if (target == catalog.by_id.end()) {
    add(report, doc, link.line, false, "liên kết tới văn bản không có trong sổ tay: " + link.url);
    return;
  }
  if (hash == std::string::npos) return;
  const std::string anchor = percent_decode(rest.substr(hash + 1));
  const auto& ts = target->second->sections;
  if (!anchor.empty() &&
      std::none_of(ts.begin(), ts.end(), [&](const Section& s) { return s.anchor == anchor; })) {
    add(report, doc, link.line, false,
        "văn bản " + id + " không có mục #" + anchor + ": " + link.url);
  }
}

// Numbers cited in the body (outside fenced code) that no document has, each
// once per document.
void check_cited_numbers(const Document& doc, const DocumentBody& body, const Catalog& catalog,
                         CheckReport& report) {
  std::set<std::string> reported;
  bool fenced = false;
  const std::string& text = body.markdown;
  std::size_t start = 0;
  for (int line_no = body.first_line; start < text.size(); ++line_no) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const std::string_view trimmed = trim(line);
    if (trimmed.rfind("```", 0) == 0 || trimmed.rfind("~~~", 0) == 0) fenced = !fenced;
    if (fenced) continue;
    for (const DocNumber& num : find_doc_numbers(line)) {
      const auto keys = num.index_keys();
      const bool known = std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
        return catalog.own_keys.count(k) != 0;
      });
      if (known || !reported.insert(num.key()).second) continue;
      add(report, doc, line_no, true,
          "văn bản số " + line.substr(num.begin, num.end - num.begin) + " không có trong sổ tay");
    }
  }
}

}  // namespace

std::string CheckProblem::to_string() const {
  return path + ":" + std::to_string(line) + ": " + (warning ? "cảnh báo: " : "") + message;
}

std::size_t CheckReport::errors() const {
  return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(),
                                                [](const CheckProblem& p) { return !p.warning; }));
}

std::size_t CheckReport::warnings() const { return problems.size() - errors(); }

json CheckReport::to_json() const {
  json list = json::array();
  for (const CheckProblem& p : problems) {
    list.push_back({{"path", p.path},
                    {"line", p.line},
                    {"severity", p.warning ? "warning" : "error"},
                    {"message", p.message}});
  }
  return {{"files", files}, {"errors", errors()}, {"warnings", warnings()}, {"problems", list}};
}

CheckReport check_content(const fs::path& content_dir) {
  CheckReport report;
  const LoadedContent content = load_for_check(content_dir, report);
  const Catalog catalog = catalog_of(content.docs, report);
  std::vector<ContentError> relation_errors;  // what `build` refuses (relation_check.h)
  resolve_relations(content.docs, relation_errors);
  for (const ContentError& e : relation_errors)
    report.problems.push_back({e.path, e.line, false, e.message});
  for (std::size_t i = 0; i < content.docs.size(); ++i) {
    const Document& doc = content.docs[i];
    check_sections(doc, report);
    for (const BodyLink& link : content.bodies[i].links) {
      if (link.image) {
        check_image(doc, link, content_dir, report);
      } else {
        check_doc_link(doc, link, catalog, report);
      }
    }
    check_cited_numbers(doc, content.bodies[i], catalog, report);
    for (const ContentError& w :
         raw_html_warnings(content.bodies[i].markdown, content.bodies[i].first_line)) {
      add(report, doc, w.line, true, w.message);
    }
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const CheckProblem& a, const CheckProblem& b) {
                     return a.path != b.path ? a.path < b.path : a.line < b.line;
                   });
  return report;
}

}  // namespace sotay
