#include "reading_links.h"

#include <algorithm>
#include <set>

#include "doc_number.h"
#include "slug.h"

namespace sotay {

using nlohmann::json;

namespace {

// Own number keys (every index key) -> the documents that have them.
using Directory = std::map<std::string, std::vector<const Document*>>;

Directory number_directory(const std::vector<Document>& docs) {
  Directory dir;
  for (const Document& d : docs) {
    for (const DocNumber& n : find_doc_numbers(d.meta.number)) {
      for (const std::string& key : n.index_keys()) dir[key].push_back(&d);
    }
  }
  return dir;
}

}  // namespace

json cites_json(const Document& doc, const NumberOwners& owners) {
  std::set<std::string> own, seen;
  for (const DocNumber& n : find_doc_numbers(doc.meta.number)) {
    for (const std::string& key : n.index_keys()) own.insert(key);
  }
  json out = json::array();
  const auto scan = [&](const std::string& text) {
    for (const DocNumber& n : find_doc_numbers(text)) {
      if (own.count(n.query_key()) || !seen.insert(n.key()).second) continue;
      json item = {{"number", text.substr(n.begin, n.end - n.begin)}, {"key", n.key()}};
      const std::vector<NumberOwner> found = owners(n.query_key());
      item["present"] = !found.empty();
      if (found.size() == 1) {
        item["id"] = found[0].id;
        item["title"] = found[0].title;
      }
      out.push_back(std::move(item));
    }
  };
  scan(doc.meta.title);
  for (const Section& s : doc.sections) {
    scan(s.title);
    scan(s.text);
  }
  return out;
}

std::vector<const Document*> reading_order(std::vector<const Document*> docs) {
  std::vector<std::pair<std::string, const Document*>> keyed;
  for (const Document* d : docs) keyed.emplace_back(slugify(d->meta.title), d);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->meta.id < b.second->meta.id;
  });
  std::vector<const Document*> out;
  for (const auto& [key, d] : keyed) out.push_back(d);
  return out;
}

std::map<std::string, json> reading_links(const std::vector<Document>& docs) {
  const Directory dir = number_directory(docs);
  const NumberOwners owners = [&dir](const std::string& key) {
    std::vector<NumberOwner> found;
    if (const auto it = dir.find(key); it != dir.end()) {
      for (std::size_t i = 0; i < it->second.size() && i < 2; ++i) {
        found.push_back({it->second[i]->meta.id, it->second[i]->meta.title});
      }
    }
    return found;
  };
  std::map<std::string, json> out;
  std::map<std::string, std::vector<const Document*>> by_department;
  for (const Document& d : docs) {
    out[d.meta.id] = {{"cites", cites_json(d, owners)}};
    by_department[d.meta.department].push_back(&d);
  }
  for (auto& [department, members] : by_department) {
    const std::vector<const Document*> ordered = reading_order(members);
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      json& links = out[ordered[i]->meta.id];
      if (i > 0)
        links["prev"] = {{"id", ordered[i - 1]->meta.id}, {"title", ordered[i - 1]->meta.title}};
      if (i + 1 < ordered.size()) {
        links["next"] = {{"id", ordered[i + 1]->meta.id}, {"title", ordered[i + 1]->meta.title}};
      }
    }
  }
  return out;
}

}  // namespace sotay
