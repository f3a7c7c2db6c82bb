#include "relation_check.h"

#include <map>

#include "doc_number.h"
#include "relations.h"

namespace sotay {

namespace {

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

std::vector<ResolvedRelation> resolve_all(const std::vector<Document>& docs, const Directory& dir,
                                          std::vector<ContentError>& errors) {
  std::vector<ResolvedRelation> out;
  for (const Document& d : docs) {
    for (const Relation& r : d.meta.relations) {
      ResolvedRelation x{&d, &r, relation_target_key(r.target)};
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
void refuse_cycles(std::vector<ResolvedRelation>& all, std::vector<ContentError>& errors) {
  std::map<const Document*, std::vector<const Document*>> next;  // replacer -> replaced
  for (const ResolvedRelation& x : all) {
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
  for (ResolvedRelation& x : all) {
    if (x.dropped || !x.to || x.rel->kind != "thay_the") continue;
    const std::vector<const Document*> back = path(x.to, x.from);
    if (back.empty()) continue;
    std::string chain = relation_label(*x.from);
    for (const Document* d : back) chain += " → " + relation_label(*d);
    errors.push_back({x.from->source_path, x.rel->line,
                      "trường \"thay_the\": vòng thay thế " + chain +
                          " (văn bản thay thế lại bị chính văn bản nó thay thế thay thế); hãy "
                          "xem lại và xóa dòng sai"});
    x.dropped = true;
  }
}

}  // namespace

std::string relation_label(const Document& d) {
  return d.meta.number.empty() ? d.meta.title : d.meta.number;
}

std::vector<ResolvedRelation> resolve_relations(const std::vector<Document>& docs,
                                                std::vector<ContentError>& errors) {
  const Directory dir(docs);
  std::vector<ResolvedRelation> all = resolve_all(docs, dir, errors);
  refuse_cycles(all, errors);
  return all;
}

}  // namespace sotay
