#include "content_check.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "content_loader.h"
#include "dictionary.h"
#include "doc_number.h"
#include "files.h"
#include "front_matter.h"
#include "site_settings.h"
#include "text.h"
#include "url.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Loaded {
  std::string path;
  Document doc;
  std::string body;
  int body_line = 1;
};

// Link and image targets of a Markdown line: inline "](target)" and
// reference definitions "[x]: target". `image` is true after "![".
struct Target {
  std::string url;
  bool image = false;
};

std::vector<Target> targets(const std::string& line) {
  static const std::regex inline_link(R"((!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\))");
  static const std::regex reference(R"(^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?)");
  std::vector<Target> out;
  for (auto it = std::sregex_iterator(line.begin(), line.end(), inline_link);
       it != std::sregex_iterator(); ++it) {
    out.push_back({(*it)[2].str(), (*it)[1].length() > 0});
  }
  std::smatch m;
  if (std::regex_search(line, m, reference)) out.push_back({m[1].str(), false});
  return out;
}

bool is_external(const std::string& url) {
  const auto colon = url.find(':');
  const auto slash = url.find('/');
  return colon != std::string::npos && (slash == std::string::npos || colon < slash);
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
  std::vector<ContentError> errors;
  Dictionary::load(content_dir, errors);
  SiteSettings::load(content_dir, errors);
  const std::vector<std::string> files = list_content_files(content_dir);
  report.files = files.size();

  // Load everything, as the build does.
  std::vector<Loaded> loaded;
  std::map<std::string, std::string> id_owner;
  for (const std::string& path : files) {
    const std::string bytes = read_file(content_dir / path);
    std::optional<Document> doc = load_document(path, bytes, errors);
    if (!doc) continue;
    auto [it, inserted] = id_owner.emplace(doc->meta.id, path);
    if (!inserted) {
      errors.push_back({path, 1, "id \"" + doc->meta.id + "\" đã được dùng cho tệp " + it->second});
      continue;
    }
    std::vector<ContentError> ignored;
    ParsedFile parsed = parse_content_file(path, bytes, ignored);
    loaded.push_back({path, std::move(*doc), std::move(parsed.body), parsed.body_line});
  }
  for (const ContentError& e : errors)
    report.problems.push_back({e.path, e.line, false, e.message});

  std::map<std::string, const Loaded*> by_id;
  std::set<std::string> own_keys;  // every index key of every document's own number
  std::map<std::string, const Loaded*> number_owner;
  for (const Loaded& l : loaded) {
    by_id[l.doc.meta.id] = &l;
    if (l.doc.meta.number.empty()) continue;
    const auto numbers = find_doc_numbers(l.doc.meta.number);
    if (numbers.empty()) continue;
    for (const std::string& k : numbers.front().index_keys()) own_keys.insert(k);
    const auto [it, inserted] = number_owner.emplace(numbers.front().key(), &l);
    if (!inserted) {
      report.problems.push_back({l.path, 1, false,
                                 "số hiệu " + l.doc.meta.number + " trùng với văn bản " +
                                     it->second->doc.meta.id + " (" + it->second->path + ")"});
    }
  }

  for (const Loaded& l : loaded) {
    // Empty sections: a heading, no text, and no subheading under it.
    const auto& sections = l.doc.sections;
    for (std::size_t i = 0; i < sections.size(); ++i) {
      const Section& s = sections[i];
      const bool parent = i + 1 < sections.size() && sections[i + 1].level > s.level;
      if (s.level > 0 && !parent && trim(s.text).empty()) {
        report.problems.push_back(
            {l.path, s.line, true, "mục \"" + s.title + "\" không có nội dung"});
      }
    }
    // Links, images and cited numbers, line by line.
    const fs::path dir = fs::path(l.path).parent_path();
    std::size_t start = 0;
    std::set<std::string> reported_numbers;
    bool fenced = false;
    for (int n = 0; start <= l.body.size(); ++n) {
      std::size_t end = l.body.find('\n', start);
      if (end == std::string::npos) end = l.body.size();
      const std::string line = l.body.substr(start, end - start);
      start = end + 1;
      const int line_no = l.body_line + n;
      const std::string_view trimmed = trim(line);
      if (trimmed.rfind("```", 0) == 0 || trimmed.rfind("~~~", 0) == 0) fenced = !fenced;
      if (fenced) continue;
      for (const Target& t : targets(line)) {
        if (t.image) {
          if (is_external(t.url) || t.url.rfind("/", 0) == 0 || t.url.rfind("#", 0) == 0) continue;
          const std::string file = percent_decode(t.url.substr(0, t.url.find_first_of("?#")));
          std::error_code ec;
          if (!fs::exists(content_dir / dir / file, ec)) {
            report.problems.push_back(
                {l.path, line_no, false, "không tìm thấy hình " + (dir / file).generic_string()});
          }
          continue;
        }
        if (t.url.rfind("/doc/", 0) != 0) continue;
        const std::string rest = t.url.substr(5);
        const std::size_t hash = rest.find('#');
        const std::string id = percent_decode(rest.substr(0, std::min(hash, rest.find('?'))));
        const auto target = by_id.find(id);
        if (target == by_id.end()) {
          report.problems.push_back(
              {l.path, line_no, false, "liên kết tới văn bản không có trong sổ tay: " + t.url});
          continue;
        }
        if (hash == std::string::npos) continue;
        const std::string anchor = percent_decode(rest.substr(hash + 1));
        const auto& ts = target->second->doc.sections;
        if (!anchor.empty() && std::none_of(ts.begin(), ts.end(),
                                            [&](const Section& s) { return s.anchor == anchor; })) {
          report.problems.push_back({l.path, line_no, false,
                                     "văn bản " + id + " không có mục #" + anchor + ": " + t.url});
        }
      }
      for (const DocNumber& num : find_doc_numbers(line)) {
        const auto keys = num.index_keys();
        const bool known = std::any_of(
            keys.begin(), keys.end(), [&](const std::string& k) { return own_keys.count(k) != 0; });
        if (known || !reported_numbers.insert(num.key()).second) continue;
        const std::string written = line.substr(num.begin, num.end - num.begin);
        report.problems.push_back(
            {l.path, line_no, true, "văn bản số " + written + " không có trong sổ tay"});
      }
    }
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const CheckProblem& a, const CheckProblem& b) {
                     return a.path != b.path ? a.path < b.path : a.line < b.line;
                   });
  return report;
}

}  // namespace sotay
