#include "relation_links.h"

#include <algorithm>
#include <set>

#include "citation.h"
#include "doc_number.h"
#include "relation_check.h"
#include "relations.h"

namespace sotay {

using nlohmann::json;

namespace {

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

void add_pair(const ResolvedRelation& x, std::map<std::string, json>& by_id) {
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
    target["superseded_by"] = relation_label(*x.from);
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
  const std::vector<ResolvedRelation> all = resolve_relations(docs, links.errors);
  for (const Document& d : docs) links.by_id[d.meta.id]["relations"] = json::array();
  for (const ResolvedRelation& x : all) {
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

void apply_derived_replacements(std::vector<Document>& docs, RelationLinks& links) {
  std::map<std::string, const Document*> by_id;
  for (const Document& d : docs) by_id[d.meta.id] = &d;
  for (Document& d : docs) {
    const auto it = links.by_id.find(d.meta.id);
    if (it == links.by_id.end() || !it->second.value("superseded_derived", false)) continue;
    json& j = it->second;
    d.meta.superseded_by = j.value("superseded_by", "");
    const auto by = by_id.find(j.value("superseded_id", ""));
    if (by == by_id.end() || !d.meta.expires.empty()) continue;
    const std::string& from = by->second->meta.effective;  // ISO dates compare as strings
    if (!from.empty() && (d.meta.effective.empty() || from > d.meta.effective)) {
      d.meta.expires = from;  // only `effective` of others is read here
      j["expires_derived"] = true;
    }
  }
}

void keep_derived_replacement(Document& doc, const json& published) {
  if (!published.is_object() || !published.value("superseded_derived", false)) return;
  if (doc.meta.superseded_by.empty()) doc.meta.superseded_by = published.value("superseded_by", "");
  if (published.value("expires_derived", false) && doc.meta.expires.empty()) {
    doc.meta.expires = published.value("expires", "");
  }
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
