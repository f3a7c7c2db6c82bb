// Who is asking: the client address that limits are counted against.
//
// Behind a reverse proxy every request comes from the proxy's address, so a
// limit per address would be one limit for the whole office. When the peer
// is one of `trusted_proxies`, the client is the right-most address of
// X-Forwarded-For that is not itself a trusted proxy (nginx appends the
// address it saw: `$proxy_add_x_forwarded_for`); anything a client wrote
// further left is ignored. From any other peer the header is ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace sotay {

// `address` as a limit key: IPv4 as is (also when IPv4-mapped IPv6), IPv6
// by its /64 network (one host usually holds a whole /64), anything
// unparsable unchanged.
std::string address_key(std::string_view address);

// The client's address key for `req` (see above).
std::string client_address(const httplib::Request& req,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace sotay
