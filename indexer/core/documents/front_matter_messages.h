// Messages about a content file's front matter for a clerk who never saw
// YAML: each says what is wrong and what to write instead
// (front_matter.cc reports them with their lines).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

// When `bytes` are not a text file at all: "đây là tệp PDF, không phải văn
// bản Markdown: …" for a PDF (%PDF-), a Word or OpenDocument file (a zip,
// PK\3\4), an old Word file (OLE2, D0 CF 11 E0), RTF ({\rtf), UTF-16 text
// (a BOM FF FE / FE FF: Notepad's "Unicode") or an image; "" otherwise.
std::string not_text_message(std::string_view bytes);

// Invalid UTF-8 in what looks like text (byte `byte`): a legacy encoding
// (TCVN3, VNI, Windows-1258) most likely; says how to save it as UTF-8.
std::string invalid_utf8_message(unsigned char byte);

// A yaml-cpp syntax error explained: `what` is the exception's msg, and
// `mark_line` its 0-based line in `yaml` (the front matter without its
// "---" lines). Returns the 0-based line the message is about (the line
// before, for a key written without its colon) and the message, which ends
// with yaml-cpp's own words for whoever supports the clerk. Handles: a
// colon inside a value ("illegal map value"), Tab characters ("illegal tab
// when looking for indentation"), an indented key, a missing colon,
// unclosed brackets and quotes, values starting with a reserved character
// (@ ` % * & !), backslashes in double quotes.
struct YamlHint {
  int line = 0;
  std::string message;
};
YamlHint explain_yaml_error(std::string_view yaml, int mark_line, std::string_view what);

// "khóa không được hỗ trợ \"titel\": có phải ý bạn là \"title\"? (các khóa
// hợp lệ: …)": the nearest of `known` by edit distance (a transposition
// counts one), or the key Vietnamese-speaking authors guess for it
// (tieu_de / "tiêu đề" → title, don_vi → department, so → number,
// ngay_ban_hanh → issued, …).
std::string unknown_key_message(std::string_view key, const std::vector<std::string_view>& known);

// The key `key` most likely means, or "" (see unknown_key_message()).
std::string suggest_key(std::string_view key, const std::vector<std::string_view>& known);

}  // namespace sotay
