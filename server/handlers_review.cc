// /bien-tap: editors sign in with their token, review pending submissions
// (rendered preview, line diff against the published version), approve or
// reject with a reason.
#include <algorithm>
#include <exception>

#include "content_loader.h"
#include "handlers_submit.h"
#include "http_util.h"
#include "line_diff.h"
#include "markdown.h"
#include "pages.h"
#include "text.h"
#include "url.h"

namespace sotay {

using json = nlohmann::json;

namespace {

constexpr const char* SESSION_COOKIE = "sotay_session";
constexpr const char* LOGIN_CSRF_COOKIE = "sotay_login_csrf";

const char* status_label(const std::string& status) {
  if (status == STATUS_APPROVED) return "đã duyệt";
  if (status == STATUS_REJECTED) return "bị từ chối";
  return "chờ duyệt";
}

void redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

std::optional<std::pair<std::string, Session>> SubmissionHandlers::session(
    const httplib::Request& req) {
  const std::string id = cookie_value(req, SESSION_COOKIE);
  if (id.empty()) return std::nullopt;
  auto s = sessions_.find(id);
  if (!s) return std::nullopt;
  return std::make_pair(id, *s);
}

void SubmissionHandlers::review_page(const httplib::Request& req, httplib::Response& res) {
  const auto s = session(req);
  if (!s) {
    const std::string csrf = issue_form_csrf(res, LOGIN_CSRF_COOKIE, "/bien-tap");
    page(res, 401, "review", {{"page_title", "Biên tập"}, {"login", true}, {"csrf", csrf}});
    return;
  }
  json pending = json::array();
  json decided = json::array();
  for (const Submission& sub : publisher_.inbox().list()) {
    json item = submission_json(sub);
    item["status"] = status_label(sub.status);
    item["decided_by"] = sub.decided_by;  // for editors only
    item["replaces"] = sub.replaces;
    if (sub.status != STATUS_PENDING) {
      if (decided.size() < 20) decided.push_back(item);
      continue;
    }
    std::string text;
    try {
      text = publisher_.inbox().markdown(sub.id);
    } catch (const std::exception& e) {
      item["problem"] = e.what();
      pending.push_back(item);
      continue;
    }
    std::vector<ContentError> ignored;
    const auto doc = load_document(sub.path, text, ignored);
    item["preview"] = doc ? doc->html : "<p>" + html_escape("(không hiển thị được)") + "</p>";
    item["diff"] = diff_html(line_diff(publisher_.published_text(sub), text));
    pending.push_back(item);
  }
  json data = {{"page_title", "Biên tập"},        {"editor", s->second.editor.name},
               {"csrf", s->second.csrf},          {"pending", pending},
               {"has_pending", !pending.empty()}, {"decided", decided},
               {"notice", first_param(req, "tb")}};
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

void SubmissionHandlers::login(const httplib::Request& req, httplib::Response& res) {
  const auto again = [&](int status, const std::string& message) {
    const std::string csrf = issue_form_csrf(res, LOGIN_CSRF_COOKIE, "/bien-tap");
    page(res, status, "review",
         {{"page_title", "Biên tập"}, {"login", true}, {"csrf", csrf}, {"message", message}});
  };
  if (!check_form_csrf(req, LOGIN_CSRF_COOKIE)) {
    again(403, "Biểu mẫu đã hết hạn hoặc không gửi từ trang này (CSRF). Hãy đăng nhập lại.");
    return;
  }
  const TokenCheck check = check_token(req, trim(form_value(req, "token")));
  if (check.refused) {
    again(429, check.refuse(res));
    return;
  }
  const auto& who = check.who;
  if (!who) {
    again(401, "Mã truy cập không đúng hoặc đã bị thu hồi.");
    return;
  }
  if (!who->editor()) {
    again(403, "Mã truy cập này của đơn vị, không phải của biên tập viên.");
    return;
  }
  const std::string id = sessions_.create(*who);
  res.set_header("Set-Cookie", std::string(SESSION_COOKIE) + "=" + id + cookie_attributes("/"));
  redirect(res, "/bien-tap");
}

void SubmissionHandlers::logout(const httplib::Request& req, httplib::Response& res) {
  // Ends the session on the server too: a copied cookie is no longer valid,
  // CSRF token or not (the worst a forged logout does is sign out).
  if (const auto s = session(req)) sessions_.remove(s->first);
  res.set_header("Set-Cookie",
                 std::string(SESSION_COOKIE) + "=" + cookie_attributes("/") + "; Max-Age=0");
  redirect(res, "/bien-tap");
}

std::optional<std::pair<std::string, Session>> SubmissionHandlers::editor_form_session(
    const httplib::Request& req, httplib::Response& res) {
  auto s = session(req);
  if (!s) {
    page(res, 401, "error",
         {{"page_title", "Cần đăng nhập"},
          {"heading", "Cần đăng nhập"},
          {"message", "Hãy đăng nhập bằng mã biên tập viên tại /bien-tap."}});
    return std::nullopt;
  }
  if (!same_secret(csrf_value(req), s->second.csrf)) {
    page(res, 403, "error",
         {{"page_title", "Yêu cầu bị từ chối"},
          {"heading", "Yêu cầu bị từ chối"},
          {"message", "Biểu mẫu không gửi từ trang biên tập (CSRF). Hãy tải lại /bien-tap."}});
    return std::nullopt;
  }
  return s;
}

template <typename Step>
void SubmissionHandlers::decide(httplib::Response& res, Step&& step) {
  try {
    step();
  } catch (const SubmissionNotFound& e) {
    page(res, 404, "error",
         {{"page_title", "Không tìm thấy"}, {"heading", "Không tìm thấy"}, {"message", e.what()}});
  } catch (const SubmissionConflict& e) {
    page(res, 409, "error",
         {{"page_title", "Đã được xử lý"}, {"heading", "Đã được xử lý"}, {"message", e.what()}});
  }
}

void SubmissionHandlers::approve(const httplib::Request& req, httplib::Response& res) {
  const auto s = editor_form_session(req, res);
  if (!s) return;
  const std::string id = req.matches[1];
  decide(res, [&] {
    const ApproveResult r = publisher_.approve(id, s->second.editor);
    if (r.published) watcher_.poll();
    redirect(res, "/bien-tap?tb=" +
                      percent_encode(r.published ? "Đã duyệt và xuất bản " + r.submission.doc_id
                                                 : "Đã duyệt " + r.submission.doc_id +
                                                       "; chưa xuất bản được: " + r.publish_error));
  });
}

void SubmissionHandlers::reject(const httplib::Request& req, httplib::Response& res) {
  const auto s = editor_form_session(req, res);
  if (!s) return;
  const std::string reason(trim(form_value(req, "reason")));
  if (reason.empty()) {
    page(res, 400, "error",
         {{"page_title", "Thiếu lý do"},
          {"heading", "Thiếu lý do"},
          {"message", "Hãy ghi lý do từ chối để đơn vị biết cần sửa gì."}});
    return;
  }
  decide(res, [&] {
    const Submission r = publisher_.reject(req.matches[1], s->second.editor, reason);
    redirect(res, "/bien-tap?tb=" + percent_encode("Đã từ chối " + r.doc_id));
  });
}

}  // namespace sotay
