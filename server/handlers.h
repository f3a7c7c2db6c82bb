// Request handlers: parse the request, call the core, render. Routes are
// listed in routes.cc.
#pragma once

#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "catalog.h"
#include "edition_watcher.h"
#include "observability.h"
#include "original_signatures.h"
#include "query_stats.h"
#include "validity.h"

namespace sotay {

class Handlers {
 public:
  explicit Handlers(EditionWatcher& watcher) : watcher_(watcher) {}
  // Counts the queries of /search and /api/search (first pages only) for
  // the editors' page; off when never set.
  void set_query_stats(QueryStats* stats) { query_stats_ = stats; }
  // The day statuses are shown and filtered for: `fixed` ("YYYY-MM-DD",
  // sotay-server --today, for tests) or else today_date() (validity.h).
  void set_today(std::string fixed) { today_fixed_ = std::move(fixed); }
  std::string today() const { return today_date(today_fixed_); }

  void home(const httplib::Request& req, httplib::Response& res);
  void search_page(const httplib::Request& req, httplib::Response& res);
  void document_page(const httplib::Request& req, httplib::Response& res);
  void api_search(const httplib::Request& req, httplib::Response& res);
  // Suggestions as you type (handlers_search.cc): a JSON list, or the
  // OpenSearch suggestions format with ?format=opensearch.
  void api_suggest(const httplib::Request& req, httplib::Response& res);
  // The OpenSearch description, so a browser's address bar searches here.
  void opensearch(const httplib::Request& req, httplib::Response& res);
  void api_document(const httplib::Request& req, httplib::Response& res);
  // /doc/<id>/ban-goc: the document's original file as a download
  // (handlers_original.cc).
  void original_file(const httplib::Request& req, httplib::Response& res);
  // /doc/<id>/bieu-mau/<file>: a form file a procedure card of the document
  // names (bieu_mau › tep), as a download (handlers_original.cc).
  void form_file(const httplib::Request& req, httplib::Response& res);
  void healthz(const httplib::Request& req, httplib::Response& res);
  // The Prometheus text of `metrics` and the edition being served.
  void metrics(const Metrics& metrics, httplib::Response& res);
  void static_file(const httplib::Request& req, httplib::Response& res);

  // Reading the handbook (handlers_reading.cc): /so/<number>, browse pages,
  // the compiled handbook and its print style sheet.
  void number_redirect(const httplib::Request& req, httplib::Response& res);
  void department_page(const httplib::Request& req, httplib::Response& res);
  void field_page(const httplib::Request& req, httplib::Response& res);
  void type_page(const httplib::Request& req, httplib::Response& res);
  void handbook_page(const httplib::Request& req, httplib::Response& res);
  void handbook_css(const httplib::Request& req, httplib::Response& res);

  // What's new (handlers_whats_new.cc): /van-ban-moi and its Atom feed.
  void whats_new_page(const httplib::Request& req, httplib::Response& res);
  void whats_new_feed(const httplib::Request& req, httplib::Response& res);

  // Pages for errors: 404 and 400 with a message, and the plain 500.
  static void not_found_page(httplib::Response& res, const std::string& message);
  static void bad_request_page(const httplib::Request& req, httplib::Response& res,
                               const std::string& message);
  static void server_error(const httplib::Request& req, httplib::Response& res);

 private:
  // render_page() with the edition's site settings ("site") for the layout.
  std::string site_page(std::string_view name, nlohmann::json data);
  // Breadcrumb links, replacement banner, last-updated date, citations both
  // ways and previous/next for the document page (handlers_reading.cc).
  void add_reading_view(nlohmann::json& data);
  void browse_page(const httplib::Request& req, httplib::Response& res, BrowseFacet facet);
  // The "Bản gốc" link, its type and size, and the verdicts on its digital
  // signatures for the document page (handlers_original.cc).
  void add_original_view(nlohmann::json& data, const std::string& id);
  // The served edition's "changes" (edition_changes.h), newest first, and
  // its latest `count` changed documents for the home page.
  nlohmann::json changes_history();
  nlohmann::json latest_changes(std::size_t count);
  // The status on today, its banner and "Tình trạng" (handlers_validity.cc).
  void add_validity_view(nlohmann::json& data);
  // The `effective` date of the document with number `number`, or "".
  std::string replacement_date(const std::string& number);

  EditionWatcher& watcher_;
  QueryStats* query_stats_ = nullptr;
  OriginalSignatures signatures_;
  std::string today_fixed_;
};

}  // namespace sotay
