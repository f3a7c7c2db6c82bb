#include "edition_admin.h"

#include <stdexcept>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "edition.h"
#include "index_contract.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<EditionInfo> describe_editions(const fs::path& index_root) {
  const auto current = current_edition(index_root);
  std::vector<EditionInfo> out;
  for (const std::string& id : list_editions(index_root)) {
    EditionInfo info;
    info.id = id;
    const fs::path dir = index_root / "editions" / id;
    std::error_code ec;
    info.current = current && fs::equivalent(*current, dir, ec);
    try {
      const Xapian::Database db(dir.string());
      const json ed =
          json::parse(db.get_metadata(std::string(contract::META_EDITION)), nullptr, false);
      if (ed.is_object()) {
        info.built = ed.value("built", "");
        info.documents = ed.value("documents", std::size_t{0});
        info.sections = ed.value("sections", std::size_t{0});
      }
    } catch (const Xapian::Error& e) {
      info.problem = e.get_description();
    }
    out.push_back(std::move(info));
  }
  return out;
}

std::string rollback_target(const fs::path& index_root, const std::string& id) {
  const std::vector<std::string> ids = list_editions(index_root);
  if (id.empty()) {
    const auto current = current_edition(index_root);
    if (!current) throw std::runtime_error(index_root.string() + ": chưa có ấn bản hiện hành");
    const std::string now = current->filename().string();
    std::string target;
    for (const std::string& e : ids) {
      if (e < now) target = e;
    }
    if (target.empty()) {
      throw std::runtime_error("không có ấn bản nào cũ hơn ấn bản hiện hành " + now);
    }
    return target;
  }
  for (const std::string& e : ids) {
    if (e == id) return id;
  }
  throw std::runtime_error("không có ấn bản " + id + " trong " +
                           (index_root / "editions").string() + " (xem sotay-indexer editions)");
}

void switch_to_edition(const fs::path& index_root, const std::string& id) {
  // The edition must open before it is served.
  try {
    Xapian::Database((index_root / "editions" / id).string());
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("ấn bản " + id + " không mở được: " + e.get_description());
  }
  switch_current(index_root, index_root / "editions" / id);
}

std::string rollback_edition(const fs::path& index_root, const std::string& id) {
  IndexLock lock(index_root);
  const std::string target = rollback_target(index_root, id);
  switch_to_edition(index_root, target);
  return target;
}

}  // namespace sotay
