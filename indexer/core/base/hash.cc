#include "hash.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace sotay {

namespace {

std::string to_hex(const unsigned char* data, std::size_t n) {
  static constexpr char HEX[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += HEX[data[i] >> 4];
    out += HEX[data[i] & 15];
  }
  return out;
}

}  // namespace

void init_sodium() {
  static const int ok = sodium_init();
  if (ok < 0) throw std::runtime_error("không khởi tạo được libsodium");
}

std::string sha256_hex(std::string_view bytes) {
  init_sodium();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(out, sizeof out);
}

std::string content_hash(std::string_view bytes) { return sha256_hex(bytes); }

struct Sha256::State {
  crypto_hash_sha256_state state;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  init_sodium();
  crypto_hash_sha256_init(&state_->state);
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  crypto_hash_sha256_update(&state_->state, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

std::string Sha256::hex() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_->state, out);
  return to_hex(out, sizeof out);
}

std::string random_hex(std::size_t bytes) {
  init_sodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

}  // namespace sotay
