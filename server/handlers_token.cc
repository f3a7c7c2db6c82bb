// Checking a presented access token: the wrong-token throttle first, then
// the Argon2id hash (handlers_submit.h, auth_throttle.h).
#include "client_address.h"
#include "handlers_submit.h"

namespace sotay {

TokenCheck SubmissionHandlers::check_token(const httplib::Request& req, std::string_view token) {
  TokenCheck out;
  const std::string address = client_address(req, limits_.trusted_proxies);
  const std::string id = token_id(token);
  const auto at = AuthThrottle::Clock::now();
  out.refused = wrong_tokens_.attempt(address, id, at);
  if (out.refused) return out;
  out.who = auth_.verify(token);
  if (out.who) wrong_tokens_.succeeded(address, id, at);
  return out;
}

std::string TokenCheck::refuse(httplib::Response& res) const {
  const std::string seconds = std::to_string(refused->retry_after.count());
  res.set_header("Retry-After", seconds);
  if (refused->by_address) {
    return "Máy này đã nhập sai mã truy cập quá nhiều lần; hãy thử lại sau " + seconds + " giây.";
  }
  return "Mã truy cập này vừa bị nhập sai nhiều lần nên tạm khoá với máy lạ; hãy thử lại sau " +
         seconds + " giây, hoặc dùng máy đã đăng nhập bằng mã này trước đây.";
}

}  // namespace sotay
