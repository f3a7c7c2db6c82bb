// Hashes and random strings, all from libsodium.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace sotay {

// Initialises libsodium once; throws when it cannot.
void init_sodium();

// Lowercase hex SHA-256 of `bytes` (crypto_hash_sha256).
std::string sha256_hex(std::string_view bytes);

// SHA-256 of bytes that arrive in pieces (files streamed into an archive).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  // Lowercase hex of everything given so far; the object is spent after.
  std::string hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The hash that identifies content (files, editions, ETags): SHA-256 as 64
// lowercase hex digits; callers that show a short id take a prefix.
std::string content_hash(std::string_view bytes);

// `bytes` random bytes as lowercase hex (randombytes_buf).
std::string random_hex(std::size_t bytes);

}  // namespace sotay
