// Access tokens for the submission workflow (docs/submissions.md).
//
// A token is 32 random bytes as 64 hex characters, shown once when created.
// The auth file (JSON, default data/auth.json, mode 0600, outside content/)
// keeps for each token: its public id (the first 8 characters, used only to
// find the entry), a name, a role and an Argon2id hash of the whole token
// (crypto_pwhash_str); verification is crypto_pwhash_str_verify, which
// compares in constant time. A department token's name is the department's
// display name exactly as documents write it in `department:`; a submission
// is accepted only when its document's `department` equals that name.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

inline constexpr const char* ROLE_DEPARTMENT = "department";
inline constexpr const char* ROLE_EDITOR = "editor";

// The public id of a presented token: its first 8 characters (fewer when
// it is shorter). Limits on wrong tokens count per id (server/auth_throttle.h).
std::string token_id(std::string_view token);

struct TokenEntry {
  std::string id;    // public: the first 8 characters of the token
  std::string name;  // department display name, or the editor's name
  std::string role;  // ROLE_DEPARTMENT or ROLE_EDITOR
  std::string hash;  // crypto_pwhash_str of the token
  std::string created;
  bool revoked = false;
};

// Who presented a valid token.
struct Principal {
  std::string token_id;
  std::string name;
  std::string role;
  bool editor() const { return role == ROLE_EDITOR; }
};

// Hashing cost: Interactive for real tokens; Minimum keeps tests fast (the
// hash string records its own cost, so verification needs no option).
enum class HashCost { Interactive, Minimum };

inline constexpr std::ptrdiff_t MAX_CONCURRENT_HASHES = 4;

class AuthStore {
 public:
  explicit AuthStore(std::filesystem::path file) : file_(std::move(file)) {}

  // Creates a token for `name` with `role`, stores its hash and returns the
  // token (the only time it is seen). Throws on a bad role or empty name.
  std::string add(const std::string& name, const std::string& role,
                  HashCost cost = HashCost::Interactive);
  // Every entry, oldest first. Throws when the file is unreadable or not an
  // auth file; an absent file is empty.
  std::vector<TokenEntry> list() const;
  // Marks the token `id` revoked; false when there is no such token.
  bool revoke(const std::string& id);
  // The holder of `token`, or nullopt for an unknown, wrong or revoked one.
  // Reads the file on each call, so revocations apply at once. At most
  // MAX_CONCURRENT_HASHES hashes (64 MiB each at Interactive cost) run at
  // once in a process; more callers wait their turn.
  std::optional<Principal> verify(std::string_view token) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  void save(const std::vector<TokenEntry>& entries) const;

  std::filesystem::path file_;
};

}  // namespace sotay
