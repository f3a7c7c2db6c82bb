#include "handlers_submit.h"

#include <algorithm>

#include <cctype>

#include <string_view>

#include "hash.h"
#include "http_util.h"
#include "pages.h"
#include "site_settings.h"
#include "text.h"
#include "url.h"

namespace sotay {

using json = nlohmann::json;

namespace {

json errors_json(const std::vector<ContentError>& errors) {
  json out = json::array();
  for (const ContentError& e : errors) out.push_back({{"line", e.line}, {"message", e.message}});
  return out;
}

// The token of "Authorization: Bearer <token>"; the scheme is
// case-insensitive (RFC 9110 §11.1), so "bearer" and "BEARER" count too.
std::string bearer_token(const httplib::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  constexpr std::string_view SCHEME = "bearer";
  if (h.size() <= SCHEME.size() + 1 || (h[SCHEME.size()] != ' ' && h[SCHEME.size()] != '\t')) {
    return {};
  }
  for (std::size_t i = 0; i < SCHEME.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(h[i])) != SCHEME[i]) return {};
  }
  return std::string(trim(std::string_view(h).substr(SCHEME.size() + 1)));
}

}  // namespace

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    std::string_view part = trim(rest.substr(0, semi));
    const std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return {};
}

SubmissionHandlers::SubmissionHandlers(Publisher& publisher, AuthStore auth,
                                       EditionWatcher& watcher, SubmissionLimits limits,
                                       const QueryStats* query_stats)
    : publisher_(publisher),
      auth_(std::move(auth)),
      watcher_(watcher),
      limits_(limits),
      query_stats_(query_stats),
      submissions_per_token_(limits.per_minute, std::chrono::seconds(60)),
      wrong_tokens_(limits.wrong_tokens),
      imports_running_(std::clamp<std::ptrdiff_t>(limits.imports_at_once, 1, 64)),
      drafts_(publisher.options().inbox_dir / "drafts") {}

// A field of the submitted form: the urlencoded or multipart body only,
// never the query string (httplib puts both in req.params), so a link
// cannot carry a CSRF token or a reason.
std::string SubmissionHandlers::form_value(const httplib::Request& req, const std::string& name) {
  if (req.has_file(name.c_str())) return req.get_file_value(name.c_str()).content;
  if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
    return {};
  }
  std::string_view body = req.body;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq), true) == name) {
      return eq == std::string_view::npos ? std::string()
                                          : percent_decode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return {};
}

std::string SubmissionHandlers::csrf_value(const httplib::Request& req) {
  const std::string header = req.get_header_value("X-CSRF-Token");
  return header.empty() ? form_value(req, "csrf") : header;
}

std::string SubmissionHandlers::cookie_attributes(const std::string& path) const {
  return "; Path=" + path + "; HttpOnly; SameSite=Strict" +
         (limits_.secure_cookies ? "; Secure" : "");
}

std::string SubmissionHandlers::issue_form_csrf(httplib::Response& res, const std::string& cookie,
                                                const std::string& path) {
  const std::string token = random_hex(16);
  res.set_header("Set-Cookie", cookie + "=" + token + cookie_attributes(path));
  return token;
}

bool SubmissionHandlers::check_form_csrf(const httplib::Request& req, const std::string& cookie) {
  return same_secret(cookie_value(req, cookie), csrf_value(req));
}

void SubmissionHandlers::page(httplib::Response& res, int status, const std::string& name,
                              json data) {
  try {
    data["site"] =
        SiteSettings::from_json(watcher_.searcher()->edition().value("site", json::object()))
            .to_json();
  } catch (const std::exception&) {
    // No edition yet: the layout's defaults.
  }
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(render_page(name, data), HTML_TYPE);
}

std::optional<Principal> SubmissionHandlers::api_principal(const httplib::Request& req,
                                                           httplib::Response& res) {
  const std::string token = bearer_token(req);
  if (token.empty()) {
    res.set_header("WWW-Authenticate", "Bearer");
    send_api_error(res, 401, "thiếu mã truy cập (Authorization: Bearer <mã>)");
    return std::nullopt;
  }
  const TokenCheck check = check_token(req, token);
  if (check.refused) {
    send_api_error(res, 429, check.refuse(res));
    return std::nullopt;
  }
  if (!check.who) {
    res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    send_api_error(res, 401, "mã truy cập không đúng hoặc đã bị thu hồi");
    return std::nullopt;
  }
  if (!submissions_per_token_.allow(check.who->token_id)) {
    res.set_header("Retry-After", "60");
    send_api_error(res, 429, "nộp quá nhiều lần trong một phút");
    return std::nullopt;
  }
  return check.who;
}

void SubmissionHandlers::api_submit(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  const std::optional<Principal> who = api_principal(req, res);
  if (!who) return;
  // Checked before routing too (body_limits.h); the body is the file as
  // sent, whatever its Content-Type (a RAW_BODY route).
  if (req.is_multipart_form_data()) {
    api_submit_multipart(*who, req, res);  // handlers_nop_upload.cc
    return;
  }
  if (req.body.size() > limits_.max_bytes) {
    send_api_error(res, 413, "tệp quá lớn: tối đa " + size_text(limits_.max_bytes));
    return;
  }
  if (req.body.empty()) {
    send_json(res, 400,
              {{"errors", json::array({{{"line", 1},
                                        {"message",
                                         "thân yêu cầu trống: "
                                         "hãy gửi tệp Markdown"}}})}});
    return;
  }
  const SubmitResult r = publisher_.submit(*who, req.body);
  if (r.forbidden) {
    send_api_error(res, 403, r.message);
    return;
  }
  if (!r.submission) {
    send_json(res, find_invalid_utf8(req.body) ? 400 : 422, {{"errors", errors_json(r.errors)}});
    return;
  }
  res.set_header("Location", "/api/submissions");
  send_json(res, 201, submission_json(*r.submission));
}

void SubmissionHandlers::api_list(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  const std::string token = bearer_token(req);
  const TokenCheck check = token.empty() ? TokenCheck{} : check_token(req, token);
  if (check.refused) {
    send_api_error(res, 429, check.refuse(res));
    return;
  }
  const auto& who = check.who;
  if (!who) {
    res.set_header("WWW-Authenticate", "Bearer");
    send_api_error(res, 401, "thiếu mã truy cập hoặc mã không đúng");
    return;
  }
  json list = json::array();
  for (const Submission& s : publisher_.inbox().list()) {
    if (who->editor() || to_nfc(s.department) == to_nfc(who->name)) {
      list.push_back(submission_json(s));
    }
  }
  send_json(res, 200, {{"submissions", list}});
}

}  // namespace sotay
