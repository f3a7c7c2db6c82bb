// How large a request body each route takes, and the answer when one is
// larger: a 413 that names the limit and says what to do, as JSON under
// /api/ and as the handbook's own page elsewhere (never a bare status that
// a browser shows as "HTTP ERROR 413").
//
// Every route has a limit (its row's flags in routes.cc):
//   BODY_DOCUMENT  one content file: SubmissionLimits::max_bytes (2 MB); as
//                  multipart (it may carry its original) the upload limit;
//   BODY_UPLOAD    an uploaded original: SubmissionLimits::max_import_bytes
//                  (30 MB; a multipart form gets 64 KiB more for its fields);
//   anything else  ServerOptions::max_payload_bytes (64 KB: forms, queries).
// cpp-httplib 0.11 itself refuses a urlencoded body over 8 KiB
// (CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH, compiled into Debian's
// library) on routes that let it parse the body, so there that is the limit
// named; RAW_BODY routes read their body themselves, whatever its type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <httplib.h>

#include "routes.h"

namespace sotay {

struct BodyLimits {
  std::size_t other = 64 * 1024;
  std::size_t document = 2 * 1024 * 1024;
  std::size_t upload = 30 * 1024 * 1024;
};

// The slack a multipart form gets over its file's limit (field headers,
// boundaries, the other fields).
inline constexpr std::size_t MULTIPART_SLACK = 64 * 1024;

// httplib's own cap on an application/x-www-form-urlencoded body it parses.
inline constexpr std::size_t FORM_URLENCODED_MAX = 8192;

// The limit of a request: its route's (the row serving its path and
// method), held to FORM_URLENCODED_MAX for a urlencoded body httplib parses.
std::size_t body_limit(const httplib::Request& req, const BodyLimits& limits);

// Fills `res` with the 413 for a body over `limit` (`sent`: its
// Content-Length, 0 when unknown): JSON {"error":{…}} under /api/, the
// error page elsewhere; the message names the limit and what to do
// (compress or split the file, send a PDF/Word file to /api/import, …).
void answer_too_large(const httplib::Request& req, httplib::Response& res, std::size_t limit,
                      std::uint64_t sent);

}  // namespace sotay
