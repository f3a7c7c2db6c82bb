// Typed relations between documents (Lược đồ văn bản), as written in front
// matter: one key per kind, each a list of targets (docs/content-format.md).
//
//   thay_the: 110/2004/NĐ-CP                      one number
//   thay_the: [110/2004/NĐ-CP, 09/2010/NĐ-CP]     several
//   sua_doi_bo_sung:
//     - 110/2004/NĐ-CP: Điều 5, 7                 a number and its articles
//     - so: 09/2010/NĐ-CP                         the long form
//       dieu: [1, 2]
//   huong_dan: van-phong/nghi-dinh-30-2020        a handbook document id
//
// A target is a document number ("Nghị định 30/2020/NĐ-CP" is read as the
// number in it) or the id of a handbook document. The reverse of a relation
// ("Bị thay thế bởi") is never written: it is derived when the edition is
// built (relation_links.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "content_error.h"
#include "document.h"

namespace sotay {

struct RelationKind {
  std::string_view key;        // front matter key: "thay_the"
  std::string_view slug;       // in filter terms and URLs: "thay-the"
  std::string_view out_label;  // what this document does: "Thay thế"
  std::string_view in_label;   // what is done to the target: "Bị thay thế bởi"
};

// The seven kinds, in the order the relation block shows them.
const std::vector<RelationKind>& relation_kinds();
// The kind with front matter key or slug `name`, or nullptr.
const RelationKind* find_relation_kind(std::string_view name);

// Reads the value of the relation key `key` (line `line` of `path`;
// `first_line` maps yaml-cpp marks to file lines) into `out`. Problems go to
// `errors` with the line of the entry at fault.
void read_relations(std::string_view path, const std::string& key, const YAML::Node& value,
                    int line, int first_line, std::vector<Relation>& out,
                    std::vector<ContentError>& errors);

// Refuses a relation of a document to itself (its own number or id).
void check_own_relations(std::string_view path, const FrontMatter& meta,
                         std::vector<ContentError>& errors);

// "Điều 5, 7", "5, 7", "Điều 5 và Điều 7" -> {"5", "7"}; nullopt-like empty
// result with `ok` false when the text holds anything else.
std::vector<std::string> parse_articles(std::string_view text, bool& ok);

// The relations as a form shows them, one kind a line, entries separated
// by ';', articles in brackets:
//   thay_the: 110/2004/NĐ-CP; 09/2010/NĐ-CP
//   sua_doi_bo_sung: 90/2020/NĐ-CP (Điều 5, 7)
std::string relations_to_text(const std::vector<Relation>& relations);
// Reads that text back; each problem is one error whose line is the line of
// the text (path "").
std::vector<Relation> relations_from_text(std::string_view text, std::vector<ContentError>& errors);

// The number key of a target ("30/2020/nd-cp"), or "" when it is an id.
std::string relation_target_key(std::string_view target);

}  // namespace sotay
