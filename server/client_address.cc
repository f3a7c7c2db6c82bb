#include "client_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

namespace sotay {

namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_trusted(const std::string& key, const std::vector<std::string>& trusted) {
  return std::any_of(trusted.begin(), trusted.end(),
                     [&](const std::string& t) { return address_key(t) == key; });
}

}  // namespace

std::string address_key(std::string_view address) {
  const std::string text(trim_spaces(address));
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return text;
  char out[INET6_ADDRSTRLEN] = {};
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    in_addr v4{};
    std::memcpy(&v4, v6.s6_addr + 12, 4);
    inet_ntop(AF_INET, &v4, out, sizeof out);
    return out;
  }
  std::memset(v6.s6_addr + 8, 0, 8);
  inet_ntop(AF_INET6, &v6, out, sizeof out);
  return std::string(out) + "/64";
}

std::string client_address(const httplib::Request& req,
                           const std::vector<std::string>& trusted_proxies) {
  std::string client = address_key(req.remote_addr);
  if (!is_trusted(client, trusted_proxies)) return client;
  // Right to left through every X-Forwarded-For header, joined in order.
  std::string chain;
  for (std::size_t i = 0; i < req.get_header_value_count("X-Forwarded-For"); ++i) {
    if (!chain.empty()) chain += ',';
    chain += req.get_header_value("X-Forwarded-For", i);
  }
  std::string_view rest = chain;
  while (!rest.empty()) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view hop =
        trim_spaces(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) continue;
    client = address_key(hop);
    if (!is_trusted(client, trusted_proxies)) return client;
  }
  return client;
}

}  // namespace sotay
