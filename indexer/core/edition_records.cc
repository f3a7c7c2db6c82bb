#include "edition_records.h"

#include <cstdio>
#include <ctime>
#include <vector>

#include "edition.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

std::string utc_stamp(std::chrono::system_clock::time_point when, bool compact) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  if (!compact) {
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms));
  return std::string(buf) + frac;
}

json document_json(const Document& doc) {
  const FrontMatter& m = doc.meta;
  json sections = json::array();
  for (const Section& s : doc.sections) {
    sections.push_back({{"anchor", s.anchor}, {"title", s.title}, {"level", s.level}});
  }
  return {{"id", m.id},
          {"title", m.title},
          {"department", m.department},
          {"field", m.field},
          {"type", m.type},
          {"number", m.number},
          {"issuer", m.issuer},
          {"issued", m.issued},
          {"effective", m.effective},
          {"status", m.status},
          {"superseded_by", m.superseded_by},
          {"tags", m.tags},
          {"source_path", doc.source_path},
          {"content_hash", doc.content_hash},
          {"sections", sections},
          {"html", doc.html}};
}

EditionName new_edition_name(const fs::path& index_root, const std::string& content_hash) {
  auto now = std::chrono::system_clock::now();
  const fs::path editions = index_root / "editions";
  fs::create_directories(editions);
  const std::vector<std::string> existing = list_editions(index_root);
  std::string stamp = utc_stamp(now, true) + "-" + content_hash;
  while (fs::exists(editions / stamp) || (!existing.empty() && stamp <= existing.back())) {
    now += std::chrono::milliseconds(1);
    stamp = utc_stamp(now, true) + "-" + content_hash;
  }
  return {stamp, utc_stamp(now, false)};
}

}  // namespace sotay
