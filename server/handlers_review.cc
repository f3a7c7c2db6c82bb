// /bien-tap: editors sign in with their token, approve (after a
// confirmation) or reject (with a reason) pending submissions. The page
// itself: handlers_review_page.cc. What a step did is left in the editor's
// session as a message the page shows once (session.h Flash), never in the
// URL.
#include <algorithm>
#include <exception>

#include "handlers_submit.h"
#include "http_util.h"
#include "review_items.h"
#include "text.h"
#include "url.h"

namespace sotay {

using json = nlohmann::json;

namespace {

constexpr const char* SESSION_COOKIE = "sotay_session";
constexpr const char* LOGIN_CSRF_COOKIE = "sotay_login_csrf";

}  // namespace

std::optional<std::pair<std::string, Session>> SubmissionHandlers::session(
    const httplib::Request& req) {
  const std::string id = cookie_value(req, SESSION_COOKIE);
  if (id.empty()) return std::nullopt;
  auto s = sessions_.find(id);
  if (!s) return std::nullopt;
  return std::make_pair(id, *s);
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
  see_other(res, "/bien-tap");
}

void SubmissionHandlers::logout(const httplib::Request& req, httplib::Response& res) {
  // Ends the session on the server too: a copied cookie is no longer
  // valid. Like every POST, only from the page itself (CSRF).
  const auto s = session(req);
  if (s && !same_secret(csrf_value(req), s->second.csrf)) {
    page(res, 403, "error",
         {{"page_title", "Yêu cầu bị từ chối"},
          {"heading", "Yêu cầu bị từ chối"},
          {"message",
           "Yêu cầu đăng xuất không gửi từ trang biên tập (CSRF). Hãy tải lại /bien-tap."}});
    return;
  }
  if (s) sessions_.remove(s->first);
  res.set_header("Set-Cookie",
                 std::string(SESSION_COOKIE) + "=" + cookie_attributes("/") + "; Max-Age=0");
  see_other(res, "/bien-tap");
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
  // An unknown or decided submission goes on to decide(): 404 or 409.
  if (const auto sub = publisher_.inbox().get(id); sub && sub->status == STATUS_PENDING) {
    const auto newer = newer_pending(publisher_.inbox().list(), *sub);
    if (form_value(req, "confirm") != "1" || (newer && form_value(req, "older") != "1")) {
      json data = review_version(publisher_, *sub);
      data["page_title"] = "Xác nhận duyệt";
      data["csrf"] = s->second.csrf;
      if (newer) data["newer"] = review_version(publisher_, *newer);
      page(res, 200, "review_confirm", data);
      return;
    }
  }
  decide(res, [&] {
    const ApproveResult r = publisher_.approve(id, s->second.editor);
    if (r.published) watcher_.poll();
    Flash flash;
    flash.title = r.submission.title;
    if (r.published) {
      flash.message = "Đã duyệt và xuất bản";
      flash.link = doc_url(r.submission.doc_id);
    } else {
      flash.error = true;
      flash.message = "Đã duyệt nhưng chưa xuất bản được";
      flash.detail = r.publish_error + " Văn bản sẽ được xuất bản ở lần dựng sau.";
    }
    std::size_t older = 0;
    for (const Submission& other : publisher_.inbox().list()) {
      older += other.status == STATUS_PENDING && other.doc_id == r.submission.doc_id;
    }
    if (older > 0) {
      flash.detail += (flash.detail.empty() ? "" : " ") + std::string("Văn bản này còn ") +
                      std::to_string(older) +
                      " bản nộp khác đang chờ duyệt: hãy từ chối nếu không cần nữa.";
    }
    sessions_.set_flash(s->first, std::move(flash));
    see_other(res, "/bien-tap");
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
    sessions_.set_flash(s->first, {false, "Đã từ chối", r.title, "", "Lý do: " + reason});
    see_other(res, "/bien-tap");
  });
}

}  // namespace sotay
