#include "front_matter_writer.h"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "relations.h"
#include "text.h"

namespace sotay {

namespace {

void put(YAML::Emitter& out, const char* key, const std::string& value) {
  if (trim(value).empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << std::string(trim(value));
}

void put_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
  for (const std::string& v : values) out << YAML::DoubleQuoted << v;
  out << YAML::EndSeq;
}

// Dates and the status are plain words the parser checks itself.
void put_plain(YAML::Emitter& out, const char* key, const std::string& value) {
  if (trim(value).empty()) return;
  out << YAML::Key << key << YAML::Value << std::string(trim(value));
}

// Relations, one key per kind in the order of relation_kinds(), each entry
// "110/2004/NĐ-CP" or "110/2004/NĐ-CP: Điều 5, 7" (relations.h).
void put_relations(YAML::Emitter& out, const std::vector<Relation>& relations) {
  for (const RelationKind& kind : relation_kinds()) {
    std::vector<std::string> entries;
    for (const Relation& r : relations) {
      if (r.kind != kind.key || trim(r.target).empty()) continue;
      std::string entry(trim(r.target));
      for (std::size_t i = 0; i < r.articles.size(); ++i) {
        entry += (i == 0 ? ": Điều " : ", ") + r.articles[i];
      }
      entries.push_back(std::move(entry));
    }
    put_list(out, std::string(kind.key).c_str(), entries);
  }
}

std::string unix_lines(std::string_view body) {
  std::string out;
  out.reserve(body.size() + 1);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') {
      out += '\n';
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
    } else {
      out += body[i];
    }
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace

ComposedFile compose_content_file(const FrontMatter& m, std::string_view body) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  put_plain(out, "id", m.id);
  put(out, "title", m.title);
  put(out, "department", m.department);
  put(out, "field", m.field);
  put(out, "type", m.type);
  put(out, "number", m.number);
  put(out, "issuer", m.issuer);
  put_plain(out, "issued", m.issued);
  put_plain(out, "effective", m.effective);
  put_plain(out, "expires", m.expires);
  put_plain(out, "status", m.status);
  put_list(out, "expired_articles", m.expired_articles);
  put_plain(out, "superseded_by", m.superseded_by);
  put_list(out, "tags", m.tags);
  put(out, "place", m.place);
  put(out, "signer", m.signer);
  put(out, "signer_position", m.signer_position);
  put(out, "signer_authority", m.signer_authority);
  put_list(out, "recipients", m.recipients);
  put_plain(out, "original", m.original);
  if (!m.procedures.empty()) {  // procedure cards (procedure_card.h)
    out << YAML::Key << "thu_tuc" << YAML::Value;
    emit_procedure_cards(out, m.procedures);
  }
  put_relations(out, m.relations);
  out << YAML::EndMap;
  ComposedFile file;
  file.text = "---\n" + std::string(out.c_str()) + "\n---\n";
  int line = 1;
  for (std::size_t start = 0; start < file.text.size();) {
    const std::size_t end = file.text.find('\n', start);
    const std::string_view l = std::string_view(file.text).substr(start, end - start);
    const std::size_t colon = l.find(':');
    if (line > 1 && colon != std::string_view::npos && !l.empty() && l[0] != ' ' && l[0] != '-') {
      file.key_lines.emplace(std::string(l.substr(0, colon)), line);
    }
    ++line;
    start = end + 1;
  }
  file.body_line = line;
  file.text += unix_lines(body);
  return file;
}

std::vector<std::string> split_tags(std::string_view typed) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= typed.size();) {
    std::size_t end = typed.find_first_of(",;", start);
    if (end == std::string_view::npos) end = typed.size();
    const std::string tag(trim(typed.substr(start, end - start)));
    if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
    start = end + 1;
  }
  return out;
}

int body_box_line(const ComposedFile& file, int file_line) {
  return file_line >= file.body_line ? file_line - file.body_line + 1 : 0;
}

}  // namespace sotay
