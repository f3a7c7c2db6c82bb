#include "drafts.h"

#include <algorithm>

#include "files.h"
#include "hash.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t ID_HEX = 32;

bool is_draft_id(std::string_view id) {
  return id.size() == ID_HEX && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Draft DraftStore::create(Draft draft, std::string_view original) const {
  prune();
  draft.id = random_hex(ID_HEX / 2);
  draft.created = utc_now(UtcFormat::ISO);
  const fs::path dir = dir_ / draft.id;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  if (!original.empty()) write_file_atomic(dir / "original", original, 0600);
  const nlohmann::json meta = {{"owner", draft.owner},
                               {"source_name", draft.source_name},
                               {"extension", original.empty() ? "" : draft.extension},
                               {"extra", draft.extra},
                               {"created", draft.created}};
  write_file_atomic(dir / "draft.json", meta.dump(2) + "\n", 0600);
  if (original.empty()) draft.extension.clear();
  return draft;
}

std::optional<Draft> DraftStore::find(std::string_view id, std::string_view owner) const {
  if (!is_draft_id(id) || owner.empty()) return std::nullopt;
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(read_file(dir_ / std::string(id) / "draft.json"));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  Draft d;
  d.id = std::string(id);
  d.owner = meta.value("owner", "");
  if (d.owner != owner) return std::nullopt;
  d.source_name = meta.value("source_name", "");
  d.extension = meta.value("extension", "");
  d.extra = meta.value("extra", nlohmann::json::object());
  d.created = meta.value("created", "");
  return d;
}

std::string DraftStore::original(const Draft& draft) const {
  if (draft.extension.empty() || !is_draft_id(draft.id)) return {};
  return read_file(dir_ / draft.id / "original");
}

void DraftStore::remove(std::string_view id) const {
  if (!is_draft_id(id)) return;
  std::error_code ec;
  fs::remove_all(dir_ / std::string(id), ec);
}

std::size_t DraftStore::prune() const {
  std::size_t removed = 0;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (!is_draft_id(name)) continue;
    std::error_code time_ec;
    const auto written = fs::last_write_time(entry.path() / "draft.json", time_ec);
    if (!time_ec && now - written < max_age_) continue;
    std::error_code remove_ec;
    fs::remove_all(entry.path(), remove_ec);
    ++removed;
  }
  return removed;
}

}  // namespace sotay
