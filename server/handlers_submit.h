// The submission workflow over HTTP (docs/submissions.md): departments
// submit at /nop and POST /api/submissions; editors review at /bien-tap.
// Thin handlers: authentication, CSRF and limits here, everything else in
// the core's Publisher (indexer/core/publish.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "auth.h"
#include "auth_throttle.h"
#include "drafts.h"
#include "edition_watcher.h"
#include "publish.h"
#include "query_stats.h"
#include "session.h"

namespace sotay {

struct SubmissionLimits {
  std::size_t max_bytes = 2 * 1024 * 1024;  // one submitted file
  // One file sent to POST /api/import (PDF, scan, Word file) and how long
  // and how many at once its conversion may run (handlers_import.cc).
  std::size_t max_import_bytes = 30 * 1024 * 1024;
  double import_seconds = 900;
  std::ptrdiff_t imports_at_once = 2;
  // The `sotay-indexer` that converts (its `convert` subcommand); default:
  // the one beside the running server.
  std::filesystem::path indexer;
  std::size_t per_minute = 30;  // submissions per token
  bool secure_cookies = false;  // behind TLS: cookies get Secure
  ThrottleLimits wrong_tokens;  // auth_throttle.h
  // Peers whose X-Forwarded-For names the client (client_address.h).
  std::vector<std::string> trusted_proxies;
};

// A presented token after the throttle and the hash: exactly one of
// `refused` and `who` is set, or neither for a wrong token.
struct TokenCheck {
  std::optional<AuthThrottle::Refusal> refused;
  std::optional<Principal> who;
  // Sets Retry-After and returns the message for a clerk (Vietnamese).
  std::string refuse(httplib::Response& res) const;
};

// A file converted by `sotay-indexer convert` (handlers_import.cc): status
// 200 with the ImportedDocument JSON, else the status and a message.
struct ConvertOutcome {
  int status = 200;
  std::string error;
  nlohmann::json document;
};

struct NopForm;  // handlers_nop_form.h

class SubmissionHandlers {
 public:
  SubmissionHandlers(Publisher& publisher, AuthStore auth, EditionWatcher& watcher,
                     SubmissionLimits limits, const QueryStats* query_stats = nullptr);

  // handlers_submit.cc
  void submit_form(const httplib::Request& req, httplib::Response& res);
  void submit_post(const httplib::Request& req, httplib::Response& res);
  void api_submit(const httplib::Request& req, httplib::Response& res);
  void api_list(const httplib::Request& req, httplib::Response& res);
  // handlers_import.cc: POST /api/import?filename=…[&department=…]: a real
  // document converted in a sandboxed `sotay-indexer convert`, answered
  // with the proposed content file for the department to confirm.
  void api_import(const httplib::Request& req, httplib::Response& res);

  // handlers_review_page.cc (the page), handlers_review.cc (the steps)
  void review_page(const httplib::Request& req, httplib::Response& res);
  void login(const httplib::Request& req, httplib::Response& res);
  void logout(const httplib::Request& req, httplib::Response& res);
  void approve(const httplib::Request& req, httplib::Response& res);
  void reject(const httplib::Request& req, httplib::Response& res);

  // handlers_rollback.cc: the "Ấn bản" section of /bien-tap ({"list":
  // [{"id","built","documents","current","older","newer","problem"}],
  // "current", "last_rollback": {"by","when","edition","previous"} or
  // false}) and POST /bien-tap/quay-ve/<edition> (confirm, then roll back).
  nlohmann::json editions_json() const;
  void rollback(const httplib::Request& req, httplib::Response& res);

  std::size_t max_bytes() const { return limits_.max_bytes; }

 private:
  // The caller of an API request with a Bearer token, after the throttle,
  // the auth file and the per-token rate; otherwise answers 401 or 429.
  std::optional<Principal> api_principal(const httplib::Request& req, httplib::Response& res);
  // handlers_token.cc: asks the throttle, then the auth file.
  TokenCheck check_token(const httplib::Request& req, std::string_view token);

  // A form field from a urlencoded or multipart body ("" when absent).
  static std::string form_value(const httplib::Request& req, const std::string& name);
  // The CSRF token of a form post: the X-CSRF-Token header or the "csrf"
  // field of the body, never the query string.
  static std::string csrf_value(const httplib::Request& req);
  // Double-submit CSRF for forms without a session: a fresh token set as
  // cookie `cookie` and returned for the hidden field.
  std::string issue_form_csrf(httplib::Response& res, const std::string& cookie,
                              const std::string& path);
  static bool check_form_csrf(const httplib::Request& req, const std::string& cookie);
  std::string cookie_attributes(const std::string& path) const;
  // The signed-in editor's session, or nullopt.
  std::optional<std::pair<std::string, Session>> session(const httplib::Request& req);
  // The editor's session of a POSTed review form with a valid CSRF token;
  // otherwise answers 401 or 403 and returns nullopt.
  std::optional<std::pair<std::string, Session>> editor_form_session(const httplib::Request& req,
                                                                     httplib::Response& res);
  void page(httplib::Response& res, int status, const std::string& name, nlohmann::json data);
  // Runs an approve or reject step; an unknown submission answers 404, one
  // already decided 409 (handlers_review.cc).
  template <typename Step>
  void decide(httplib::Response& res, Step&& step);

  Publisher& publisher_;
  AuthStore auth_;
  EditionWatcher& watcher_;
  SubmissionLimits limits_;
  const QueryStats* query_stats_;
  SessionStore sessions_;
  RateLimiter submissions_per_token_;
  AuthThrottle wrong_tokens_;
  std::counting_semaphore<64> imports_running_;

  // --- /nop for departments (handlers_nop*.cc): signed in once, a form of
  // fields instead of YAML, uploads converted and kept as drafts.
 public:
  void nop_login(const httplib::Request& req, httplib::Response& res);      // POST /nop/dang-nhap
  void nop_logout(const httplib::Request& req, httplib::Response& res);     // POST /nop/dang-xuat
  void nop_submitted(const httplib::Request& req, httplib::Response& res);  // GET /nop/da-nop

 private:
  // The /nop session of the request (cookie sotay_nop_session), or nullopt.
  std::optional<std::pair<std::string, Session>> nop_session(const httplib::Request& req);
  std::string start_nop_session(httplib::Response& res, const Principal& who);
  // Renders the /nop form for `who` with `form`'s values (handlers_nop_form.cc).
  void nop_form_page(httplib::Response& res, int status, const Session* session, NopForm& form);
  void nop_signin_page(httplib::Response& res, int status, const std::string& message);
  // An uploaded file into the form: fields pre-filled, the original kept as a draft.
  void nop_upload(const Principal& who, NopForm& form, const httplib::MultipartFormData& file);
  // Composes and submits the form; 201 or the status of the refusal.
  int nop_submit(const Principal& who, NopForm& form);
  void nop_open_published(const Principal& who, NopForm& form, const std::string& id);
  ConvertOutcome convert_upload(const std::string& bytes, const std::string& shown,
                                const std::string& department, const std::string& field);
  // POST /api/submissions as multipart/form-data: `file` and `original`.
  void api_submit_multipart(const Principal& who, const httplib::Request& req,
                            httplib::Response& res);

  SessionStore nop_sessions_;
  DraftStore drafts_;
};

// The cookie `name` from the Cookie header ("" when absent).
std::string cookie_value(const httplib::Request& req, const std::string& name);

}  // namespace sotay
