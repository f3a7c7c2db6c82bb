// GET /bien-tap: the editor's page. Signed out: the sign-in form. Signed
// in: the message the last step left in the session (shown once), a summary,
// the pending submissions grouped by document (review_items.h), the query
// statistics and the recently decided submissions.
#include "handlers_submit.h"
#include "review_items.h"

namespace sotay {

using json = nlohmann::json;

namespace {

constexpr const char* LOGIN_CSRF_COOKIE = "sotay_login_csrf";

json flash_json(const Flash& f) {
  return {{"error", f.error},
          {"message", f.message},
          {"title", f.title},
          {"link", f.link},
          {"detail", f.detail}};
}

}  // namespace

void SubmissionHandlers::review_page(const httplib::Request& req, httplib::Response& res) {
  const auto s = session(req);
  if (!s) {
    const std::string csrf = issue_form_csrf(res, LOGIN_CSRF_COOKIE, "/bien-tap");
    page(res, 401, "review", {{"page_title", "Biên tập"}, {"login", true}, {"csrf", csrf}});
    return;
  }
  const std::vector<Submission> list = publisher_.inbox().list();
  json pending = review_pending(publisher_, list);
  json data = {{"page_title", "Biên tập"},
               {"editor", s->second.editor.name},
               {"csrf", s->second.csrf},
               {"groups", pending["groups"]},
               {"pending_count", pending["pending_count"]},
               {"document_count", pending["document_count"]},
               {"has_pending", !pending["groups"].empty()},
               {"decided", review_decided(list, 20)}};
  if (auto flash = sessions_.take_flash(s->first)) data["flash"] = flash_json(*flash);
  data["editions"] = editions_json();  // handlers_rollback.cc
  if (query_stats_) {
    json top = json::array(), zero = json::array();
    for (const QueryCount& q : query_stats_->top(20)) {
      top.push_back({{"query", q.query}, {"count", q.count}});
    }
    for (const QueryCount& q : query_stats_->zero_results(20)) {
      zero.push_back({{"query", q.query}, {"count", q.count}});
    }
    data["top_queries"] = top;
    data["zero_queries"] = zero;
    data["has_stats"] = !top.empty();
  }
  page(res, 200, "review", data);
}

}  // namespace sotay
