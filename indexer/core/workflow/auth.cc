#include "auth.h"

#include <sodium.h>

#include <algorithm>
#include <mutex>
#include <semaphore>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "files.h"
#include "hash.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t TOKEN_ID_CHARS = 8;

// Serialises read-modify-write of auth files within one process.
std::mutex& file_mutex() {
  static std::mutex m;
  return m;
}

// Verifications in progress: bounds the memory Argon2 takes at once.
std::counting_semaphore<MAX_CONCURRENT_HASHES>& hashing_slots() {
  static std::counting_semaphore<MAX_CONCURRENT_HASHES> slots(MAX_CONCURRENT_HASHES);
  return slots;
}

bool hash_matches(const std::string& hash, std::string_view token) {
  hashing_slots().acquire();
  const bool ok = crypto_pwhash_str_verify(hash.c_str(), token.data(), token.size()) == 0;
  hashing_slots().release();
  return ok;
}

std::vector<TokenEntry> load(const fs::path& file) {
  std::vector<TokenEntry> out;
  std::error_code ec;
  if (!fs::exists(file, ec)) return out;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + ": không phải tệp JSON hợp lệ: " + e.what());
  }
  if (!j.is_object() || !j.contains("tokens") || !j["tokens"].is_array()) {
    throw std::runtime_error(file.string() + ": thiếu danh sách \"tokens\"");
  }
  for (const auto& t : j["tokens"]) {
    TokenEntry e;
    e.id = t.value("id", "");
    e.name = t.value("name", "");
    e.role = t.value("role", "");
    e.hash = t.value("hash", "");
    e.created = t.value("created", "");
    e.revoked = t.value("revoked", false);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

void AuthStore::save(const std::vector<TokenEntry>& entries) const {
  nlohmann::json tokens = nlohmann::json::array();
  for (const TokenEntry& e : entries) {
    tokens.push_back({{"id", e.id},
                      {"name", e.name},
                      {"role", e.role},
                      {"hash", e.hash},
                      {"created", e.created},
                      {"revoked", e.revoked}});
  }
  const nlohmann::json j = {{"tokens", tokens}};
  write_file_atomic(file_, j.dump(2) + "\n", 0600);
}

std::string AuthStore::add(const std::string& name, const std::string& role, HashCost cost) {
  if (name.empty()) throw std::runtime_error("tên không được để trống");
  if (role != ROLE_DEPARTMENT && role != ROLE_EDITOR) {
    throw std::runtime_error("vai trò phải là \"department\" hoặc \"editor\", không phải \"" +
                             role + "\"");
  }
  init_sodium();
  std::lock_guard lock(file_mutex());
  std::vector<TokenEntry> entries = load(file_);
  std::string token;
  for (;;) {
    token = random_hex(32);
    bool clash = false;
    for (const auto& e : entries) clash = clash || e.id == token.substr(0, TOKEN_ID_CHARS);
    if (!clash) break;
  }
  const bool fast = cost == HashCost::Minimum;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, token.data(), token.size(),
                        fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) !=
      0) {
    throw std::runtime_error("không đủ bộ nhớ để băm mã truy cập");
  }
  entries.push_back(
      {token.substr(0, TOKEN_ID_CHARS), name, role, hash, utc_now(UtcFormat::ISO), false});
  save(entries);
  return token;
}

std::vector<TokenEntry> AuthStore::list() const {
  std::lock_guard lock(file_mutex());
  return load(file_);
}

bool AuthStore::revoke(const std::string& id) {
  std::lock_guard lock(file_mutex());
  std::vector<TokenEntry> entries = load(file_);
  bool found = false;
  for (auto& e : entries) {
    if (e.id == id) {
      e.revoked = true;
      found = true;
    }
  }
  if (found) save(entries);
  return found;
}

std::string token_id(std::string_view token) {
  return std::string(token.substr(0, std::min(token.size(), TOKEN_ID_CHARS)));
}

std::optional<Principal> AuthStore::verify(std::string_view token) const {
  if (token.size() != 64) return std::nullopt;
  init_sodium();
  std::vector<TokenEntry> entries;
  {
    std::lock_guard lock(file_mutex());
    entries = load(file_);
  }
  const std::string id = token_id(token);
  for (const TokenEntry& e : entries) {
    if (e.id != id || e.revoked) continue;
    if (hash_matches(e.hash, token)) {
      return Principal{e.id, e.name, e.role};
    }
  }
  return std::nullopt;
}

}  // namespace sotay
