// Files a department uploaded at /nop and has not submitted yet:
// <inbox>/drafts/<random id>/ holding draft.json (who uploaded it, when, the
// file's own name, the front matter fields the form does not show) and,
// for a PDF or Word file, the original's bytes. The id is 128 random bits
// chosen by the server, never a path from the client; a draft is found only
// by its owner (a token id), removed once submitted, and pruned after
// a day.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sotay {

struct Draft {
  std::string id;
  std::string owner;        // token id of the uploader
  std::string source_name;  // the uploaded file's own name, for people
  std::string extension;    // of the kept original ("pdf", "docx", …); "" for none
  // Front matter keys the form does not show (place, signer, recipients,
  // original, …), as FrontMatter fields by their YAML keys.
  nlohmann::json extra = nlohmann::json::object();
  std::string created;  // ISO UTC
};

class DraftStore {
 public:
  explicit DraftStore(std::filesystem::path dir,
                      std::chrono::seconds max_age = std::chrono::hours(24))
      : dir_(std::move(dir)), max_age_(max_age) {}

  // Stores a new draft (and prunes old ones); `original` may be empty.
  Draft create(Draft draft, std::string_view original) const;
  // The draft `id` when it exists and belongs to `owner`.
  std::optional<Draft> find(std::string_view id, std::string_view owner) const;
  // The kept original's bytes ("" when the draft has none).
  std::string original(const Draft& draft) const;
  void remove(std::string_view id) const;
  // Removes drafts older than the maximum age; returns how many.
  std::size_t prune() const;

 private:
  std::filesystem::path dir_;
  std::chrono::seconds max_age_;
};

}  // namespace sotay
