// Hashes and random strings, all from libsodium.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sotay {

// Initialises libsodium once; throws when it cannot.
void init_sodium();

// Lowercase hex SHA-256 of `bytes` (crypto_hash_sha256).
std::string sha256_hex(std::string_view bytes);

// The hash that identifies content (files, editions, ETags): SHA-256 as 64
// lowercase hex digits; callers that show a short id take a prefix.
std::string content_hash(std::string_view bytes);

// `bytes` random bytes as lowercase hex (randombytes_buf).
std::string random_hex(std::size_t bytes);

}  // namespace sotay
