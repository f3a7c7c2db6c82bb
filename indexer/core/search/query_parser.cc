#include "query_parser.h"

#include <array>
#include <utility>

#include "relations.h"
#include "text.h"

namespace sotay {

namespace {

constexpr std::array<std::pair<std::string_view, FilterKey>, 7> FILTER_NAMES = {{
    {"so", FilterKey::NUMBER},
    {"don-vi", FilterKey::DEPARTMENT},
    {"linh-vuc", FilterKey::FIELD},
    {"loai", FilterKey::TYPE},
    {"nam", FilterKey::YEAR},
    {"hieu-luc", FilterKey::STATUS},
    {"quan-he", FilterKey::RELATION},  // "quan-he:huong-dan:30/2020/NĐ-CP"
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Control characters become spaces; U+201C/U+201D become '"'.
std::string clean(std::string_view text) {
  std::string s = to_nfc(text);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0x9C ||
                static_cast<unsigned char>(s[i + 2]) == 0x9D)) {
      out += '"';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

bool filter_key_from_name(std::string_view name, FilterKey& key) {
  for (const auto& [n, k] : FILTER_NAMES) {
    if (n == name) {
      key = k;
      return true;
    }
  }
  return false;
}

std::string_view filter_key_name(FilterKey key) {
  for (const auto& [n, k] : FILTER_NAMES) {
    if (k == key) return n;
  }
  return {};
}

ParsedQuery parse_query(std::string_view input) {
  const std::string s = clean(input);
  ParsedQuery q;
  std::size_t i = 0;
  // Reads a quoted string starting after the opening quote.
  const auto read_quoted = [&]() {
    const std::size_t close = s.find('"', i);
    std::string value = s.substr(i, close == std::string::npos ? std::string::npos : close - i);
    i = close == std::string::npos ? s.size() : close + 1;
    return value;
  };
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    QueryItem item;
    if (s[i] == '-' && i + 1 < s.size() && !is_space(s[i + 1]) && s[i + 1] != '-') {
      item.excluded = true;
      ++i;
    }
    if (s[i] == '"') {
      ++i;
      item.phrase = true;
      item.text = std::string(trim(read_quoted()));
    } else {
      std::size_t end = i;
      while (end < s.size() && !is_space(s[end]) && s[end] != '"') ++end;
      std::string word = s.substr(i, end - i);
      i = end;
      // key:value or key:"value"
      const std::size_t colon = word.find(':');
      FilterKey key;
      const RelationKind* relation =
          colon != std::string::npos ? find_relation_kind(word.substr(0, colon)) : nullptr;
      if (relation) key = FilterKey::RELATION;
      if (!item.excluded && colon != std::string::npos && colon > 0 &&
          (relation || filter_key_from_name(word.substr(0, colon), key))) {
        std::string value = word.substr(colon + 1);
        if (value.empty() && i < s.size() && s[i] == '"') {
          ++i;
          value = read_quoted();
        }
        value = std::string(trim(value));
        if (relation && !value.empty()) value = std::string(relation->slug) + ":" + value;
        if (!value.empty()) q.filters.push_back({key, value});
        continue;
      }
      if (word == "OR" && !item.excluded && !q.items.empty() && !q.items.back().excluded) {
        q.items.back().or_next = true;
        continue;
      }
      item.text = std::move(word);
    }
    if (!item.text.empty()) q.items.push_back(std::move(item));
  }
  // "a OR" at the end, or OR before an excluded item, joins nothing.
  for (std::size_t k = 0; k < q.items.size(); ++k) {
    if (q.items[k].or_next && (k + 1 == q.items.size() || q.items[k + 1].excluded)) {
      q.items[k].or_next = false;
    }
  }
  return q;
}

}  // namespace sotay
