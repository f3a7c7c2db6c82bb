// What's new (edition_changes.h): /van-ban-moi, its Atom feed
// /van-ban-moi.atom (RFC 4287) and the latest changes on the home page.
#include <nlohmann/json.hpp>

#include "citation_links.h"
#include "handlers.h"
#include "http_util.h"
#include "index_contract.h"
#include "json_util.h"
#include "pages.h"
#include "text.h"
#include "url.h"
#include "utc_time.h"

namespace sotay {

using nlohmann::json;

namespace {

constexpr std::size_t FEED_ENTRIES = 50;

const char* kind_label(const std::string& kind) {
  if (kind == "added") return "Văn bản mới";
  if (kind == "changed") return "Sửa đổi";
  if (kind == "replaced") return "Bị thay thế";
  if (kind == "removed") return "Gỡ khỏi sổ tay";
  return "Thay đổi";
}

// One change as pages and the feed show it; the url is "" for a removed
// document (it has no page any more).
json item_view(const json& item) {
  const std::string kind = json_string(item, "kind");
  const std::string superseded = json_string(item, "superseded_by");
  return {{"kind", kind},
          {"kind_label", kind_label(kind)},
          {"title", json_string(item, "title")},
          {"department", json_string(item, "department")},
          {"number", json_string(item, "number")},
          {"url", kind == "removed" ? "" : doc_url(json_string(item, "id"))},
          {"superseded_by", superseded},
          {"superseded_url", !json_string(item, "superseded_id").empty()
                                 ? doc_url(json_string(item, "superseded_id"))
                             : superseded.empty() ? ""
                                                  : number_url(superseded)}};
}

std::string count_line(const json& record) {
  const json counts = record.value("counts", json::object());
  std::string out;
  const auto part = [&](const char* key, const char* label) {
    const int n = counts.value(key, 0);
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + label;
  };
  part("added", "văn bản mới");
  part("changed", "sửa đổi");
  part("replaced", "bị thay thế");
  part("removed", "gỡ bỏ");
  return out.empty() ? "không thay đổi văn bản nào" : out;
}

json edition_view(const json& record) {
  json items = json::array();
  for (const json& item : record.value("items", json::array())) items.push_back(item_view(item));
  const std::string built = json_string(record, "built");
  const json counts = record.value("counts", json::object());
  std::size_t total = 0;
  for (const auto& [key, n] : counts.items()) total += n.is_number() ? n.get<std::size_t>() : 0;
  return {{"edition", json_string(record, "edition")},
          {"built", hanoi_time(built)},
          {"built_iso", built},
          {"first", record.value("first", false)},
          {"documents", std::to_string(record.value("documents", 0))},
          {"summary", count_line(record)},
          {"items", items},
          {"has_items", !items.empty()},
          {"more", total > items.size() && !record.value("first", false)
                       ? std::to_string(total - items.size())
                       : ""}};
}

// <tag>text</tag>, escaped.
std::string element(std::string_view tag, std::string_view text) {
  return "<" + std::string(tag) + ">" + html_escape(text) + "</" + std::string(tag) + ">";
}

std::string feed_entry(const std::string& base, const json& record, const json& item) {
  const json v = item_view(item);
  const std::string built = json_string(record, "built");
  const std::string edition = json_string(record, "edition");
  const std::string url =
      base + (v["url"].get<std::string>().empty() ? "/van-ban-moi#an-ban-" + edition
                                                  : v["url"].get<std::string>());
  std::string summary =
      v["kind_label"].get<std::string>() + " — " + v["department"].get<std::string>();
  if (!json_string(v, "number").empty()) summary += " — số " + json_string(v, "number");
  if (!json_string(v, "superseded_by").empty()) {
    summary += "; thay thế bởi " + json_string(v, "superseded_by");
  }
  return "<entry>" +
         element("id", base + "/van-ban-moi#" + edition + "/" + json_string(item, "kind") + "/" +
                           json_string(item, "id")) +
         element("title", v["kind_label"].get<std::string>() + ": " + json_string(v, "title")) +
         element("updated", built) + "<link rel=\"alternate\" type=\"text/html\" href=\"" +
         html_escape(url) + "\"/>" + "<author>" + element("name", json_string(v, "department")) +
         "</author>" + element("summary", summary) + "</entry>\n";
}

}  // namespace

json Handlers::changes_history() {
  const auto searcher = watcher_.searcher();
  json parsed = json::parse(searcher->database().get_metadata(std::string(contract::META_CHANGES)),
                            nullptr, false);
  return parsed.is_array() ? parsed : json::array();
}

json Handlers::latest_changes(std::size_t count) {
  json out = json::array();
  for (const json& record : changes_history()) {
    for (const json& item : record.value("items", json::array())) {
      if (out.size() >= count) return out;
      json v = item_view(item);
      v["built"] = hanoi_time(json_string(record, "built"));
      out.push_back(std::move(v));
    }
  }
  return out;
}

void Handlers::whats_new_page(const httplib::Request&, httplib::Response& res) {
  json editions = json::array();
  for (const json& record : changes_history()) editions.push_back(edition_view(record));
  const json data = {
      {"page_title", "Văn bản mới"}, {"editions", editions}, {"has_editions", !editions.empty()}};
  res.set_content(site_page("whats_new", data), HTML_TYPE);
}

void Handlers::whats_new_feed(const httplib::Request& req, httplib::Response& res) {
  const std::string base = public_base_url(req);
  const json history = changes_history();
  const std::string updated = history.empty() ? json_string(watcher_.searcher()->edition(), "built")
                                              : json_string(history.front(), "built");
  std::string entries;
  std::size_t n = 0;
  for (const json& record : history) {
    for (const json& item : record.value("items", json::array())) {
      if (n++ < FEED_ENTRIES) entries += feed_entry(base, record, item);
    }
  }
  const std::string body =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n" +
      element("id", base + "/van-ban-moi") + "\n" +
      element("title", "Sổ tay hướng dẫn công vụ — văn bản mới") + "\n" +
      element("subtitle", "Văn bản được thêm, sửa đổi, thay thế hoặc gỡ khỏi sổ tay") + "\n" +
      element("updated", updated.empty() ? utc_now(UtcFormat::ISO) : updated) + "\n" +
      "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
      html_escape(base + "/van-ban-moi.atom") + "\"/>\n" +
      "<link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(base + "/van-ban-moi") +
      "\"/>\n" + "<author>" + element("name", "Sổ tay hướng dẫn công vụ") + "</author>\n" +
      entries + "</feed>\n";
  res.set_content(body, "application/atom+xml; charset=utf-8");
}

}  // namespace sotay
