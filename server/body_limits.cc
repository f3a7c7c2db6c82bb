#include "body_limits.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "http_util.h"
#include "pages.h"

namespace sotay {

namespace {

bool form_urlencoded(const httplib::Request& req) {
  return req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

// The sentence for a body over `limit` on `route`, for an API client or a
// person at a form; `sent` is named when known.
std::string too_large_message(const Route* route, std::size_t limit, std::uint64_t sent, bool api) {
  const std::string max = size_text(limit);
  const std::string size =
      sent > limit && size_text(sent) != max ? " (" + size_text(sent) + ")" : "";
  if (route != nullptr && route->has(BODY_DOCUMENT)) {
    return "văn bản quá lớn" + size + ": tối đa " + max +
           " cho một tệp Markdown; hãy chia thành nhiều văn bản, hoặc gửi tệp PDF/Word gốc tới "
           "POST /api/import";
  }
  if (route != nullptr && route->has(BODY_UPLOAD)) {
    if (api) {
      return "tệp quá lớn" + size + ": tối đa " + max +
             "; hãy nén hoặc chia tệp, hoặc gửi tệp qua biên tập viên";
    }
    return "Tệp bạn gửi" + size + " lớn hơn mức tối đa " + max +
           " mà sổ tay nhận. Hãy nén tệp (ví dụ lưu PDF với chất lượng ảnh thấp hơn) hoặc chia "
           "thành nhiều tệp rồi nộp lại, hoặc gửi tệp qua biên tập viên.";
  }
  return (api ? "nội dung gửi lên quá lớn" : "Nội dung gửi lên quá lớn") + size + ": tối đa " +
         max + (api ? "" : ". Hãy rút gọn nội dung rồi gửi lại.");
}

}  // namespace

std::size_t body_limit(const httplib::Request& req, const BodyLimits& limits) {
  const Route* route = find_route(req.path, req.method);
  std::size_t limit = limits.other;
  if (route != nullptr && route->has(BODY_DOCUMENT)) limit = limits.document;
  // A multipart document may carry its original file (parts "file" and
  // "original" of POST /api/submissions): each part is held to its own
  // limit by the handler.
  if (route != nullptr &&
      (route->has(BODY_UPLOAD) || (route->has(BODY_DOCUMENT) && req.is_multipart_form_data()))) {
    limit = limits.upload + (req.is_multipart_form_data() ? MULTIPART_SLACK : 0);
  }
  if ((route == nullptr || !route->has(RAW_BODY)) && form_urlencoded(req)) {
    limit = std::min(limit, FORM_URLENCODED_MAX);
  }
  return limit;
}

void answer_too_large(const httplib::Request& req, httplib::Response& res, std::size_t limit,
                      std::uint64_t sent) {
  const Route* route = find_route(req.path, req.method);
  if (route != nullptr && route->has(API)) {
    send_api_error(res, 413, too_large_message(route, limit, sent, true));
    return;
  }
  const bool upload = route != nullptr && route->has(BODY_UPLOAD);
  nlohmann::json data = {{"page_title", upload ? "Tệp quá lớn" : "Nội dung quá lớn"},
                         {"heading", upload ? "Tệp quá lớn" : "Nội dung gửi lên quá lớn"},
                         {"message", too_large_message(route, limit, sent, false)}};
  if (route != nullptr && route->has(SUBMISSIONS)) {
    const std::string back = route->label;
    data["back_url"] = back;
    data["back_text"] = back == "/nop"        ? "Quay lại trang nộp văn bản"
                        : back == "/bien-tap" ? "Quay lại trang biên tập"
                                              : "Quay lại trang trước";
  }
  res.status = 413;
  res.set_header("Cache-Control", "no-store");
  res.set_content(render_page("error", data), HTML_TYPE);
}

}  // namespace sotay
