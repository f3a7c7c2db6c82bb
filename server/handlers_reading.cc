// Handlers for reading the handbook: citations (/so/<number>), browse pages,
// the document page's reading view and the compiled handbook (/so-tay).
#include <nlohmann/json.hpp>

#include "catalog.h"
#include "citation_links.h"
#include "handbook.h"
#include "handlers.h"
#include "http_util.h"
#include "json_util.h"
#include "list_status.h"
#include "number_lookup.h"
#include "pages.h"
#include "procedure_card_view.h"
#include "relations_view.h"
#include "site_settings.h"
#include "slug.h"
#include "text.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

namespace {

constexpr const char* HTML = HTML_TYPE;

// A CSS string literal: "…" with '"', '\' and line breaks escaped.
std::string css_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n' || ch == '\r') {
      out += "\\a ";
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

json entry_view(const DocumentEntry& e, std::string_view today) {
  json view = {{"title", e.title},
               {"url", doc_url(e.id, e.anchor)},
               {"doc_url", doc_url(e.id)},
               {"number", e.number},
               {"type", e.type},
               {"department", e.department},
               {"issued_display", format_date(e.issued)}};
  add_list_status(view, entry_validity(e, today));  // on today, list_status.h
  return view;
}

struct FacetInfo {
  const char* edition_key;  // list in the edition summary
  const char* label;        // "Đơn vị"
  const char* path;         // "/don-vi/"
};

FacetInfo facet_info(BrowseFacet facet) {
  switch (facet) {
    case BrowseFacet::DEPARTMENT:
      return {"departments", "Đơn vị", "/don-vi/"};
    case BrowseFacet::FIELD:
      return {"fields", "Lĩnh vực", "/linh-vuc/"};
    case BrowseFacet::TYPE:
      return {"types", "Loại văn bản", "/loai/"};
  }
  return {"departments", "Đơn vị", "/don-vi/"};
}

}  // namespace

std::string Handlers::site_page(std::string_view name, json data) {
  data["site"] =
      SiteSettings::from_json(watcher_.searcher()->edition().value("site", json::object()))
          .to_json();
  return render_page(name, data);
}

void Handlers::number_redirect(const httplib::Request& req, httplib::Response& res) {
  const std::string number(trim(std::string(req.matches[1])));
  std::string article = req.has_param("dieu") ? req.get_param_value("dieu") : std::string();
  if (!article.empty()) {
    const bool digits =
        article.size() <= 4 && article.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      bad_request_page(req, res, "Số điều không hợp lệ: \"" + article + "\" (ví dụ dieu=8).");
      return;
    }
    article.erase(0, std::min(article.find_first_not_of('0'), article.size() - 1));
  }
  Xapian::Database& db = watcher_.searcher()->database();
  NumberTarget target = resolve_number(db, number, article);
  // Any spelling the search and the suggestions accept ("30-2020", "NĐ
  // 30/2020", "nd 30"); several documents with the number: a choice.
  const NumberedDocuments found = find_numbered(db, number);
  if (target.kind == NumberTarget::Kind::FOUND && found.documents.size() <= 1) {
    res.set_redirect(doc_url(target.id, target.anchor));
    return;
  }
  if (found.documents.size() == 1) {
    const DocumentEntry& doc = found.documents.front();
    target = resolve_number(db, doc.number, article);
    res.set_redirect(
        doc_url(doc.id, target.kind == NumberTarget::Kind::FOUND ? target.anchor : std::string()));
    return;
  }
  if (found.documents.empty() && target.kind == NumberTarget::Kind::NOT_A_NUMBER &&
      !found.well_formed) {
    bad_request_page(req, res,
                     "\"" + number +
                         "\" không phải là một số hiệu văn bản. Hãy gõ số hiệu, ví dụ "
                         "30/2020/NĐ-CP, NĐ 30/2020 hoặc 11/CT-UBND; muốn tìm theo chữ thì dùng "
                         "ô tìm kiếm.");
    return;
  }
  json docs = json::array();
  for (const DocumentEntry& e : found.documents) docs.push_back(entry_view(e, today()));
  const bool several = !found.documents.empty();
  res.status = several ? 200 : 404;
  res.set_header("Cache-Control", "no-cache");
  res.set_content(site_page("numbers", {{"page_title", several ? "Chọn văn bản số " + number
                                                               : "Không có văn bản số " + number},
                                        {"number", number},
                                        {"several", several},
                                        {"count", docs.size()},
                                        {"documents", docs},
                                        {"search_url", "/search?q=" + percent_encode(number)}}),
                  HTML);
}

void Handlers::add_reading_view(json& data) {
  const std::string department = json_string(data, "department");
  const std::string field = json_string(data, "field");
  data["department_url"] = "/don-vi/" + slugify(department);
  if (!field.empty()) data["field_url"] = "/linh-vuc/" + slugify(field);
  if (!json_string(data, "type").empty())
    data["type_url"] = "/loai/" + slugify(json_string(data, "type"));
  const std::string superseded = json_string(data, "superseded_by");
  if (!superseded.empty()) data["superseded_url"] = number_url(superseded);
  if (const std::string by = json_string(data, "superseded_id"); !by.empty()) {
    data["superseded_url"] = doc_url(by);  // derived from the replacing document
  }
  data["show_banner"] = json_string(data, "status") == "expired" || !superseded.empty();
  // Last updated: the date the document took effect, else the date issued.
  const std::string effective = json_string(data, "effective");
  const std::string issued = json_string(data, "issued");
  if (!effective.empty()) {
    data["updated"] = {{"date", format_date(effective)}, {"basis", "ngày có hiệu lực"}};
  } else if (!issued.empty()) {
    data["updated"] = {{"date", format_date(issued)}, {"basis", "ngày ban hành"}};
  }
  json cites = json::array();
  for (const json& c : data.value("cites", json::array())) {
    const std::string number = json_string(c, "number");
    cites.push_back({{"number", number},
                     {"url", number_url(number)},
                     {"title", json_string(c, "title")},
                     {"present", c.value("present", false)}});
  }
  data["cites"] = cites;
  data["has_cites"] = !cites.empty();
  json cited = json::array();
  if (const std::string own = json_string(data, "number"); !own.empty()) {
    const std::string day = today();
    for (const DocumentEntry& e :
         cited_by(watcher_.searcher()->database(), json_string(data, "id"), own)) {
      cited.push_back(entry_view(e, day));
    }
  }
  data["cited_by"] = cited;
  data["has_cited_by"] = !cited.empty();
  for (const char* key : {"prev", "next"}) {
    if (data.contains(key) && data[key].is_object()) {
      data[key]["url"] = doc_url(json_string(data[key], "id"));
    }
  }
  data["has_neighbours"] = data.contains("prev") || data.contains("next");
  add_relations_view(data);  // relations_view.h
}

void Handlers::department_page(const httplib::Request& req, httplib::Response& res) {
  browse_page(req, res, BrowseFacet::DEPARTMENT);
}
void Handlers::field_page(const httplib::Request& req, httplib::Response& res) {
  browse_page(req, res, BrowseFacet::FIELD);
}
void Handlers::type_page(const httplib::Request& req, httplib::Response& res) {
  browse_page(req, res, BrowseFacet::TYPE);
}

void Handlers::browse_page(const httplib::Request& req, httplib::Response& res, BrowseFacet facet) {
  const std::string slug = req.matches[1];
  const FacetInfo info = facet_info(facet);
  const std::shared_ptr<Searcher> searcher = watcher_.searcher();
  std::string name;
  for (const json& item : searcher->edition().value(info.edition_key, json::array())) {
    if (json_string(item, "slug") == slug) name = json_string(item, "name");
  }
  if (name.empty()) {
    not_found_page(res, std::string(info.label) + " \"" + slug + "\" không có trong sổ tay.");
    return;
  }
  json documents = json::array();
  const std::string day = today();
  for (const DocumentEntry& e : list_documents(searcher->database(), facet, slug)) {
    documents.push_back(entry_view(e, day));
  }
  const json data = {
      {"page_title", name},     {"label", info.label},
      {"name", name},           {"count", std::to_string(documents.size())},
      {"documents", documents}, {"show_department", facet != BrowseFacet::DEPARTMENT}};
  res.set_content(site_page("browse", data), HTML);
}

void Handlers::handbook_page(const httplib::Request&, httplib::Response& res) {
  const std::shared_ptr<Searcher> searcher = watcher_.searcher();
  const json& edition = searcher->edition();
  // Each document's procedure cards before its body, as on its page.
  json data = compile_handbook(searcher->database(), procedure_cards_html);
  add_handbook_status(data, today());  // list_status.h
  data["site"] = SiteSettings::from_json(edition.value("site", json::object())).to_json();
  data["edition_date"] = format_date(json_string(edition, "built").substr(0, 10));
  data["edition_id"] = json_string(edition, "id");
  res.set_content(render_template("handbook", data), HTML);
}

// The print style sheet's running headers and page numbers (CSS paged media
// margin boxes, Chromium 131+) need the site's names, so it is generated.
void Handlers::handbook_css(const httplib::Request&, httplib::Response& res) {
  const SiteSettings site =
      SiteSettings::from_json(watcher_.searcher()->edition().value("site", json::object()));
  std::string css = "@page {\n  size: A4;\n  margin: 20mm 18mm 20mm 25mm;\n";
  css += "  @top-left { content: " + css_string(site.handbook_title) +
         "; font: 9pt sans-serif; color: #555; }\n";
  css += "  @top-right { content: " + css_string(site.ward_name) +
         "; font: 9pt sans-serif; color: #555; }\n";
  css +=
      "  @bottom-center { content: \"Trang \" counter(page) \" / \" counter(pages); "
      "font: 9pt sans-serif; color: #555; }\n}\n";
  css +=
      "@page :first {\n  @top-left { content: none; }\n  @top-right { content: none; }\n"
      "  @bottom-center { content: none; }\n}\n";
  res.set_header("Cache-Control", "no-cache");
  res.set_content(css, "text/css; charset=utf-8");
}

}  // namespace sotay
