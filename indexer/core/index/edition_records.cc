#include "edition_records.h"

#include <vector>

#include "edition.h"
#include "hash.h"
#include "procedure_json.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

json document_json(const Document& doc) {
  const FrontMatter& m = doc.meta;
  json declared = json::array();  // what other documents' relations depend on
  for (const Relation& r : m.relations) declared.push_back({r.kind, r.target, r.articles});
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
          {"expires", m.expires},
          {"status", m.status},
          {"expired_articles", m.expired_articles},
          {"superseded_by", m.superseded_by},
          {"tags", m.tags},
          {"place", m.place},
          {"signer", m.signer},
          {"signer_position", m.signer_position},
          {"signer_authority", m.signer_authority},
          {"recipients", m.recipients},
          {"original", doc.original.name.empty() ? json(nullptr)
                                                 : json{{"name", doc.original.name},
                                                        {"sha256", doc.original.sha256},
                                                        {"size", doc.original.size}}},
          {"procedures", procedures_json(m.procedures)},  // procedure cards
          {"source_path", doc.source_path},
          {"content_hash", doc.content_hash},
          {"sections", sections},
          {"declared_relations", declared},
          {"html", doc.html}};
}

std::string edition_content_hash(const Dictionary& dictionary, const SiteSettings& site,
                                 const std::vector<FileHash>& files) {
  std::string all = dictionary.to_json() + site.to_json().dump();
  for (const FileHash& f : files) {
    all.append(f.path).append("\t").append(f.hash).append("\n");
  }
  return content_hash(all).substr(0, 8);
}

EditionName new_edition_name(const fs::path& index_root, const std::string& content_hash) {
  auto now = std::chrono::system_clock::now();
  const fs::path editions = index_root / "editions";
  fs::create_directories(editions);
  const std::vector<std::string> existing = list_editions(index_root);
  std::string stamp = utc_stamp(now, UtcFormat::COMPACT_MILLIS) + "-" + content_hash;
  while (fs::exists(editions / stamp) || (!existing.empty() && stamp <= existing.back())) {
    now += std::chrono::milliseconds(1);
    stamp = utc_stamp(now, UtcFormat::COMPACT_MILLIS) + "-" + content_hash;
  }
  return {stamp, utc_stamp(now, UtcFormat::ISO)};
}

}  // namespace sotay
