// Percent-encoding (RFC 3986) and the URLs of the handbook's own pages.
#pragma once

#include <string>
#include <string_view>

namespace sotay {

enum class Encode {
  Component,  // a query value: everything but unreserved characters; ' ' -> '+'
  Path,       // a path: as Component but '/' is kept and ' ' is "%20"
};

// Percent-encodes `s`; unreserved characters (A-Z a-z 0-9 - _ . ~) stay.
std::string percent_encode(std::string_view s, Encode mode = Encode::Component);

// Decodes %XX escapes; a '%' not followed by two hex digits stays as it is.
// With `plus_is_space`, '+' becomes ' ' (form and query values).
std::string percent_decode(std::string_view s, bool plus_is_space = false);

// "/doc/<id>[#anchor]": the page of a document, the id percent-encoded.
std::string doc_url(std::string_view id, std::string_view anchor = {});

}  // namespace sotay
