// Small UTF-8 and string helpers shared by the core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sotay {

// Byte offset of the first byte that is not part of valid UTF-8 (overlongs,
// surrogates and code points above U+10FFFF are invalid), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Replaces every invalid UTF-8 sequence by U+FFFD.
std::string sanitize_utf8(std::string_view text);

// NFC of valid or invalid UTF-8 (invalid bytes become U+FFFD).
std::string to_nfc(std::string_view text);

// 1-based line number of a byte offset.
int line_of(std::string_view text, std::size_t offset);

// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

// The longest prefix of `s` of at most `n` bytes that ends on a character
// boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t n);

// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view text);

}  // namespace sotay
