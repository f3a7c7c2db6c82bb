// Request handlers: parse the request, call the core, render. Routes are
// listed in routes.cc.
#pragma once

#include <httplib.h>

#include "edition_watcher.h"

namespace sotay {

class Handlers {
 public:
  explicit Handlers(EditionWatcher& watcher) : watcher_(watcher) {}

  void home(const httplib::Request& req, httplib::Response& res);
  void search_page(const httplib::Request& req, httplib::Response& res);
  void document_page(const httplib::Request& req, httplib::Response& res);
  void api_search(const httplib::Request& req, httplib::Response& res);
  void api_document(const httplib::Request& req, httplib::Response& res);
  void healthz(const httplib::Request& req, httplib::Response& res);
  void static_file(const httplib::Request& req, httplib::Response& res);

  // Pages for errors: 404 and 400 with a message, and the plain 500.
  static void not_found_page(httplib::Response& res, const std::string& message);
  static void bad_request_page(const httplib::Request& req, httplib::Response& res,
                               const std::string& message);
  static void server_error(const httplib::Request& req, httplib::Response& res);

 private:
  EditionWatcher& watcher_;
};

}  // namespace sotay
