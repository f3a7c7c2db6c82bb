#include "relations_view.h"

#include <map>
#include <string>
#include <vector>

#include "citation_links.h"
#include "http_util.h"
#include "json_util.h"
#include "pages.h"
#include "relations.h"
#include "text.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

namespace {

json item_view(const json& r) {
  const std::string number = json_string(r, "number");
  const std::string id = json_string(r, "id");
  const bool present = r.value("present", false);
  // An article of the other document (out) links to it by number; one of
  // this document (in) to its own section.
  std::map<std::string, std::string> own_anchor;
  for (const json& a : r.value("anchors", json::array())) {
    own_anchor[json_string(a, "article")] = "#" + json_string(a, "anchor");
  }
  const bool in = json_string(r, "dir") == "in";
  json articles = json::array();
  for (const json& a : r.value("articles", json::array())) {
    if (!a.is_string()) continue;
    const std::string article = a.get<std::string>();
    std::string url;
    if (in && own_anchor.count(article)) url = own_anchor[article];
    if (!in && !number.empty()) url = number_url(number, article);
    articles.push_back({{"article", article}, {"url", url}});
  }
  json item = {{"number", number},
               {"title", json_string(r, "title")},
               {"url", !id.empty() ? doc_url(id) : number_url(number)},
               {"absent", !present},
               {"has_articles", !articles.empty()},
               {"articles", articles}};
  if (const std::string eff = json_string(r, "effective"); !eff.empty()) {
    item["effective_display"] = format_date(eff);
  }
  if (number.empty()) {  // a handbook document without a number: its title is the link
    item["number"] = json_string(r, "title");
    item["title"] = "";
  }
  return item;
}

// The groups of one direction, in the order of relation_kinds().
json groups_view(const json& relations, const std::string& dir, const std::string& own_number) {
  json groups = json::array();
  for (const RelationKind& kind : relation_kinds()) {
    json items = json::array();
    for (const json& r : relations) {
      if (json_string(r, "dir") == dir && json_string(r, "kind") == kind.key) {
        items.push_back(item_view(r));
      }
    }
    if (items.empty()) continue;
    json group = {{"kind", std::string(kind.slug)},
                  {"label", std::string(dir == "out" ? kind.out_label : kind.in_label)},
                  {"items", items}};
    // Every document declaring this relation to this one, as a search
    // (query_parser.h): the list stays right when documents are added.
    if (dir == "in" && !own_number.empty()) {
      group["search_url"] =
          "/search?q=" + percent_encode(std::string(kind.slug) + ":" + own_number);
      std::string verb(kind.out_label);  // "Hướng dẫn" -> "hướng dẫn"
      if (verb.starts_with("Đ")) {
        verb.replace(0, std::string_view("Đ").size(), "đ");
      } else if (!verb.empty() && verb[0] >= 'A' && verb[0] <= 'Z') {
        verb[0] = static_cast<char>(verb[0] - 'A' + 'a');
      }
      group["search_label"] = verb;
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

// "Được sửa đổi, bổ sung bởi" -> "được sửa đổi, bổ sung bởi".
std::string lower_first(std::string_view label) {
  for (const auto& [upper, lower] : {std::pair<std::string_view, std::string_view>{"Được", "được"},
                                     {"Bị", "bị"},
                                     {"Là", "là"}}) {
    if (label.substr(0, upper.size()) == upper) {
      return std::string(lower) + std::string(label.substr(upper.size()));
    }
  }
  return std::string(label);
}

// Inserts `note` (HTML) after the heading with id `anchor` in `html`.
void insert_after_heading(std::string& html, const std::string& anchor, const std::string& note) {
  const std::size_t at = html.find(" id=\"" + anchor + "\"");
  if (at == std::string::npos) return;
  const std::size_t close = html.find("</h", at);
  if (close == std::string::npos) return;
  const std::size_t end = html.find('>', close);
  if (end == std::string::npos) return;
  html.insert(end + 1, note);
}

// The article notes: "Điều này được sửa đổi, bổ sung bởi 15/2024/NĐ-CP."
void add_article_notes(json& data, const json& relations) {
  std::map<std::string, std::vector<std::string>> notes;  // anchor -> sentences
  for (const json& r : relations) {
    if (json_string(r, "dir") != "in" || !r.contains("anchors")) continue;
    const RelationKind* kind = find_relation_kind(json_string(r, "kind"));
    if (!kind) continue;
    const std::string number = json_string(r, "number");
    const std::string name = number.empty() ? json_string(r, "title") : number;
    const std::string link = "<a href=\"" + html_escape(doc_url(json_string(r, "id"))) + "\">" +
                             html_escape(name) + "</a>";
    for (const json& a : r["anchors"]) {
      notes[json_string(a, "anchor")].push_back("Điều này " + lower_first(kind->in_label) + " " +
                                                link + ".");
    }
  }
  if (notes.empty()) return;
  std::string html = json_string(data, "html");
  for (const auto& [anchor, sentences] : notes) {
    std::string note = "<p class=\"article-note\" role=\"note\">";
    for (std::size_t i = 0; i < sentences.size(); ++i) note += (i ? " " : "") + sentences[i];
    insert_after_heading(html, anchor, note + "</p>");
  }
  data["html"] = html;
}

}  // namespace

void add_relations_view(json& data) {
  const json relations = data.value("relations", json::array());
  if (!relations.is_array() || relations.empty()) return;
  add_article_notes(data, relations);
  const std::string own = json_string(data, "number");
  const json out = groups_view(relations, "out", own);
  const json in = groups_view(relations, "in", own);
  const json view = {{"number", own},
                     {"title", json_string(data, "title")},
                     {"out", out},
                     {"in", in},
                     {"has_out", !out.empty()},
                     {"has_in", !in.empty()}};
  data["relations_html"] = render_template("relations", view);
}

}  // namespace sotay
