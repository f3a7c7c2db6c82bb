// /nop for a department's clerk: sign in once with the department's token
// (a server-side session in its own store, cookie sotay_nop_session scoped
// to /nop, a CSRF token per session), then fill in a form — or upload a
// file — and see what was submitted at /nop/da-nop. Editors may sign in
// too and submit for any department.
#include "handlers_nop_form.h"
#include "handlers_submit.h"
#include "http_util.h"
#include "markdown.h"
#include "text.h"
#include "url.h"
#include "utc_time.h"

namespace sotay {

using json = nlohmann::json;

namespace {

constexpr const char* NOP_SESSION_COOKIE = "sotay_nop_session";
constexpr const char* NOP_CSRF_COOKIE = "sotay_nop_csrf";

}  // namespace

std::optional<std::pair<std::string, Session>> SubmissionHandlers::nop_session(
    const httplib::Request& req) {
  const std::string id = cookie_value(req, NOP_SESSION_COOKIE);
  if (id.empty()) return std::nullopt;
  auto s = nop_sessions_.find(id);
  if (!s) return std::nullopt;
  return std::make_pair(id, *s);
}

std::string SubmissionHandlers::start_nop_session(httplib::Response& res, const Principal& who) {
  const std::string id = nop_sessions_.create(who);
  res.set_header("Set-Cookie",
                 std::string(NOP_SESSION_COOKIE) + "=" + id + cookie_attributes("/nop"));
  return id;
}

void SubmissionHandlers::nop_signin_page(httplib::Response& res, int status,
                                         const std::string& message) {
  const std::string csrf = issue_form_csrf(res, NOP_CSRF_COOKIE, "/nop");
  page(res, status, "submit",
       {{"page_title", "Nộp văn bản"}, {"signin", true}, {"csrf", csrf}, {"message", message}});
}

// GET /nop: the sign-in form, or the form (?sua=<id>: a published document
// opened for revision).
void SubmissionHandlers::submit_form(const httplib::Request& req, httplib::Response& res) {
  const auto s = nop_session(req);
  if (!s) {
    nop_signin_page(res, 200, "");
    return;
  }
  NopForm form;
  if (!s->second.editor.editor()) form.department = s->second.editor.name;
  const std::string edit = std::string(trim(first_param(req, "sua")));
  if (!edit.empty()) nop_open_published(s->second.editor, form, edit);
  nop_form_page(res, 200, &s->second, form);
}

void SubmissionHandlers::nop_login(const httplib::Request& req, httplib::Response& res) {
  if (!check_form_csrf(req, NOP_CSRF_COOKIE)) {
    nop_signin_page(res, 403,
                    "Trang đăng nhập đã hết hạn hoặc không gửi từ trang này. Hãy nhập lại mã.");
    return;
  }
  const TokenCheck check = check_token(req, trim(form_value(req, "token")));
  if (check.refused) {
    nop_signin_page(res, 429, check.refuse(res));
    return;
  }
  if (!check.who) {
    nop_signin_page(res, 401,
                    "Mã truy cập không đúng hoặc đã bị thu hồi. Hãy kiểm tra lại mã "
                    "(64 ký tự) hoặc hỏi biên tập viên.");
    return;
  }
  start_nop_session(res, *check.who);
  see_other(res, "/nop");
}

void SubmissionHandlers::nop_logout(const httplib::Request& req, httplib::Response& res) {
  const auto s = nop_session(req);
  if (s && !same_secret(csrf_value(req), s->second.csrf)) {
    nop_signin_page(res, 403, "Yêu cầu đăng xuất không gửi từ trang này (CSRF).");
    return;
  }
  if (s) nop_sessions_.remove(s->first);
  res.set_header("Set-Cookie",
                 std::string(NOP_SESSION_COOKIE) + "=" + cookie_attributes("/nop") + "; Max-Age=0");
  see_other(res, "/nop");
}

// POST /nop: with the session (or, after it expired, the token typed again
// in the form), an upload, a preview or the submission itself. Whatever
// happens, the form comes back with everything typed.
void SubmissionHandlers::submit_post(const httplib::Request& req, httplib::Response& res) {
  NopForm form = NopForm::read([&](const char* name) { return form_value(req, name); });
  auto s = nop_session(req);
  if (s && !same_secret(csrf_value(req), s->second.csrf)) {
    form.problem("",
                 "Biểu mẫu đã hết hạn (mã chống giả mạo CSRF không khớp). Mọi thứ đã nhập vẫn "
                 "còn: hãy kiểm tra rồi bấm \"Nộp văn bản\" lần nữa.");
    nop_form_page(res, 403, &s->second, form);
    return;
  }
  if (!s) {
    const std::string token(trim(form_value(req, "token")));
    const auto again = [&](int status, const std::string& message) {
      form.problem("", message);
      nop_form_page(res, status, nullptr, form);
    };
    if (token.empty()) {
      again(401,
            "Phiên đăng nhập đã hết. Hãy nhập lại mã truy cập ở ô bên dưới rồi bấm \"Nộp "
            "văn bản\": mọi thứ đã nhập vẫn còn.");
      return;
    }
    if (!check_form_csrf(req, NOP_CSRF_COOKIE)) {
      again(403, "Biểu mẫu đã hết hạn (CSRF). Hãy nhập lại mã truy cập và bấm \"Nộp văn bản\".");
      return;
    }
    const TokenCheck check = check_token(req, token);
    if (check.refused || !check.who) {
      again(check.refused ? 429 : 401,
            check.refused ? check.refuse(res) : "Mã truy cập không đúng hoặc đã bị thu hồi.");
      return;
    }
    const std::string id = start_nop_session(res, *check.who);
    s = std::make_pair(id, *nop_sessions_.find(id));
  }
  const Principal& who = s->second.editor;
  if (!form.draft.empty()) {
    form.attached = drafts_.find(form.draft, who.token_id);
    if (!form.attached) {
      form.problem("",
                   "Tệp bản gốc đã tải lên trước đây không còn (quá một ngày hoặc đã nộp). "
                   "Hãy chọn lại tệp nếu cần.");
    }
  }
  int status = 200;
  const std::string action = form_value(req, "action");
  if (req.has_file("upload") && !req.get_file_value("upload").content.empty()) {
    nop_upload(who, form, req.get_file_value("upload"));
    status = form.messages.empty() ? 200 : 422;
  } else if (action == "bo-ban-goc") {
    if (form.attached) drafts_.remove(form.attached->id);
    form.attached.reset();
    form.notice = "Đã bỏ tệp bản gốc đính kèm.";
  } else if (action == "xem" || action == "tai-len") {
    // "Đọc tệp" with no file chosen (or Enter in a field): nothing is submitted.
    if (action == "tai-len") form.notice = "Chưa chọn tệp nào: hãy bấm “Chọn tệp” trước.";
    form.preview_html = render_markdown(form.body).html;
  } else if (form.messages.empty()) {
    status = nop_submit(who, form);
  } else {
    status = 422;
  }
  if (status == 201) {
    NopForm fresh;
    if (!who.editor()) fresh.department = who.name;
    fresh.accepted = form.accepted;
    form = fresh;
  }
  nop_form_page(res, status, &s->second, form);
}

// GET /nop/da-nop: the department's submissions, newest first (an editor: all).
void SubmissionHandlers::nop_submitted(const httplib::Request& req, httplib::Response& res) {
  const auto s = nop_session(req);
  if (!s) {
    nop_signin_page(res, 401, "Hãy đăng nhập bằng mã truy cập của đơn vị để xem văn bản đã nộp.");
    return;
  }
  const Principal& who = s->second.editor;
  json items = json::array();
  for (const Submission& sub : publisher_.inbox().list()) {
    if (!who.editor() && to_nfc(sub.department) != to_nfc(who.name)) continue;
    items.push_back(
        {{"title", sub.title},
         {"document", sub.doc_id},
         {"department", sub.department},
         {"status", submission_status_label(sub)},
         {"status_class", sub.status},
         {"approved", sub.status == STATUS_APPROVED && sub.rolled_back_to.empty()},
         {"url", doc_url(sub.doc_id)},
         {"time", hanoi_time(std::string_view(sub.time))},
         {"decided_at",
          sub.decided_at.empty() ? std::string() : hanoi_time(std::string_view(sub.decided_at))},
         {"reason", sub.reason},
         {"original", sub.original_source},
         {"submitter", sub.submitter_name}});
  }
  page(res, 200, "submitted",
       {{"page_title", "Văn bản đã nộp"},
        {"who", who.name},
        {"is_editor", who.editor()},
        {"csrf", s->second.csrf},
        {"items", items},
        {"has_items", !items.empty()}});
}

}  // namespace sotay
