#include "relation_links.h"

#include <algorithm>
#include <set>

#include "citation.h"
#include "doc_number.h"
#include "relations.h"

namespace sotay {

using nlohmann::json;

namespace {

// A relation of `from` resolved against the edition.
struct Resolved {
  const Document* from = nullptr;
  const Relation* rel = nullptr;
  std::string key;               // number key, "" for an id
  const Document* to = nullptr;  // the one handbook document it names, if any
  bool present = false;          // some handbook document has the number
  bool dropped = false;          // refused (cycle, unknown id)
};

struct Directory {
  std::map<std::string, std::vector<const Document*>> by_key;
  std::map<std::string, const Document*> by_id;
  explicit Directory(const std::vector<Document>& docs) {
    for (const Document& d : docs) {
      by_id[d.meta.id] = &d;
      for (const DocNumber& n : find_doc_numbers(d.meta.number)) {
        for (const std::string& key : n.index_keys()) by_key[key].push_back(&d);
      }
    }
  }
};

std::string label_of(const Document& d) {
  return d.meta.number.empty() ? d.meta.title : d.meta.number;
}

std::vector<Resolved> resolve_all(const std::vector<Document>& docs, const Directory& dir,
                                  std::vector<ContentError>& errors) {
  std::vector<Resolved> out;
  for (const Document& d : docs) {
    for (const Relation& r : d.meta.relations) {
      Resolved x{&d, &r, relation_target_key(r.target)};
      if (!x.key.empty()) {
        const auto it = dir.by_key.find(x.key);
        x.present = it != dir.by_key.end();
        if (x.present && it->second.size() == 1) x.to = it->second[0];
      } else if (const auto it = dir.by_id.find(r.target); it != dir.by_id.end()) {
        x.to = it->second;
        x.present = true;
      } else {
        errors.push_back({d.source_path, r.line,
                          "trường \"" + r.kind + "\": không có văn bản nào trong sổ tay có mã \"" +
                              r.target +
                              "\"; hãy ghi số hiệu văn bản (ví dụ 110/2004/NĐ-CP) hoặc sửa mã "
                              "cho đúng"});
        x.dropped = true;
      }
      if (x.to == &d) x.dropped = true;  // itself under another spelling: front matter refuses
      out.push_back(x);
    }
  }
  return out;
}

// Drops every replacement that is part of a cycle, reporting each.
void refuse_cycles(std::vector<Resolved>& all, std::vector<ContentError>& errors) {
  std::map<const Document*, std::vector<const Document*>> next;  // replacer -> replaced
  for (const Resolved& x : all) {
    if (!x.dropped && x.to && x.rel->kind == "thay_the") next[x.from].push_back(x.to);
  }
  // The path from `a` to `b` by replacements, empty when there is none.
  const auto path = [&next](const Document* a, const Document* b) {
    std::map<const Document*, const Document*> parent{{a, nullptr}};
    std::vector<const Document*> todo{a};
    while (!todo.empty()) {
      const Document* d = todo.back();
      todo.pop_back();
      if (d == b) break;
      for (const Document* n : next[d]) {
        if (parent.emplace(n, d).second) todo.push_back(n);
      }
    }
    std::vector<const Document*> out;
    if (!parent.count(b)) return out;
    for (const Document* d = b; d; d = parent[d]) out.insert(out.begin(), d);
    return out;
  };
  for (Resolved& x : all) {
    if (x.dropped || !x.to || x.rel->kind != "thay_the") continue;
    const std::vector<const Document*> back = path(x.to, x.from);
    if (back.empty()) continue;
    std::string chain = label_of(*x.from);
    for (const Document* d : back) chain += " → " + label_of(*d);
    errors.push_back({x.from->source_path, x.rel->line,
                      "trường \"thay_the\": vòng thay thế " + chain +
                          " (văn bản thay thế lại bị chính văn bản nó thay thế thay thế); hãy "
                          "xem lại và xóa dòng sai"});
    x.dropped = true;
  }
}

json article_anchors(const Document& target, const std::vector<std::string>& articles) {
  json out = json::array();
  for (const std::string& a : articles) {
    for (const Section& s : target.sections) {
      if (!s.anchor.empty() && heading_article(s.title) == a) {
        out.push_back({{"article", a}, {"anchor", s.anchor}});
        break;
      }
    }
  }
  return out;
}

void add_pair(const Resolved& x, std::map<std::string, json>& by_id) {
  const Relation& r = *x.rel;
  json out = {{"kind", r.kind}, {"dir", "out"},         {"number", r.target},
              {"key", x.key},   {"present", x.present}, {"articles", r.articles}};
  if (x.to) {
    out["id"] = x.to->meta.id;
    out["title"] = x.to->meta.title;
    out["effective"] = x.to->meta.effective;
    if (!x.to->meta.number.empty()) out["number"] = x.to->meta.number;
  }
  by_id[x.from->meta.id]["relations"].push_back(std::move(out));
  if (!x.to) return;
  const FrontMatter& from = x.from->meta;
  json in = {{"kind", r.kind},        {"dir", "in"},
             {"number", from.number}, {"key", doc_number_key(from.number)},
             {"present", true},       {"id", from.id},
             {"title", from.title},   {"effective", from.effective},
             {"articles", r.articles}};
  if (!r.articles.empty()) in["anchors"] = article_anchors(*x.to, r.articles);
  json& target = by_id[x.to->meta.id];
  target["relations"].push_back(std::move(in));
  if (r.kind == "thay_the" && x.to->meta.superseded_by.empty() &&
      !target.contains("superseded_by")) {
    target["superseded_by"] = label_of(*x.from);
    target["superseded_id"] = from.id;
    target["superseded_derived"] = true;
  }
}

}  // namespace

void refresh_article_anchors(const Document& doc, json& doc_json) {
  if (!doc_json.contains("relations") || !doc_json["relations"].is_array()) return;
  for (json& r : doc_json["relations"]) {
    if (r.value("dir", "") != "in" || !r.contains("anchors")) continue;
    r["anchors"] = article_anchors(doc, r.value("articles", std::vector<std::string>{}));
  }
}

RelationLinks relation_links(const std::vector<Document>& docs) {
  RelationLinks links;
  const Directory dir(docs);
  std::vector<Resolved> all = resolve_all(docs, dir, links.errors);
  refuse_cycles(all, links.errors);
  for (const Document& d : docs) links.by_id[d.meta.id]["relations"] = json::array();
  for (const Resolved& x : all) {
    if (!x.dropped) add_pair(x, links.by_id);
  }
  // Its own relations first, in front matter order; then the others', in
  // content order.
  for (auto& [id, j] : links.by_id) {
    auto& list = j["relations"].get_ref<json::array_t&>();
    std::stable_partition(list.begin(), list.end(),
                          [](const json& r) { return r.value("dir", "") == "out"; });
  }
  return links;
}

std::vector<std::string> relation_term_values(const FrontMatter& meta) {
  std::set<std::string> out;
  for (const Relation& r : meta.relations) {
    const RelationKind* kind = find_relation_kind(r.kind);
    if (!kind) continue;
    const std::string prefix = std::string(kind->slug) + ":";
    const std::vector<DocNumber> numbers = find_doc_numbers(r.target);
    if (numbers.empty()) out.insert(prefix + r.target);
    for (const DocNumber& n : numbers) {
      for (const std::string& key : n.index_keys()) out.insert(prefix + key);
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace sotay
