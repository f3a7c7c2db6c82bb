#include "facet_codes.h"

#include <limits>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "validity.h"

namespace sotay {

FacetValues facet_values(const FrontMatter& m) {
  return {m.department, m.field, m.type, m.issued.size() >= 4 ? m.issued.substr(0, 4) : "",
          std::string(validity_code(stored_validity(m)))};
}

FacetCodes FacetCodes::from_documents(const std::vector<Document>& docs) {
  std::array<std::set<std::string>, FACET_COUNT> sorted;
  for (const Document& d : docs) {
    const FacetValues v = facet_values(d.meta);
    for (std::size_t f = 0; f < FACET_COUNT; ++f) {
      if (!v[f].empty()) sorted[f].insert(v[f]);
    }
  }
  FacetCodes codes;
  for (std::size_t f = 0; f < FACET_COUNT; ++f) {
    for (const std::string& value : sorted[f]) codes.append(f, value);
  }
  return codes;
}

void FacetCodes::append(std::size_t facet, const std::string& value) {
  if (values_[facet].size() == std::numeric_limits<std::uint16_t>::max()) {
    throw std::runtime_error("quá nhiều giá trị khác nhau của " + std::string(FACETS[facet].name));
  }
  values_[facet].push_back(value);
  index_[facet].emplace(value, static_cast<std::uint16_t>(values_[facet].size()));
}

void FacetCodes::add(const FrontMatter& meta) {
  const FacetValues v = facet_values(meta);
  for (std::size_t f = 0; f < FACET_COUNT; ++f) {
    if (!v[f].empty() && !index_[f].count(v[f])) append(f, v[f]);
  }
}

FacetCodeList FacetCodes::codes(const FrontMatter& meta) const {
  const FacetValues v = facet_values(meta);
  FacetCodeList out{};
  for (std::size_t f = 0; f < FACET_COUNT; ++f) {
    if (v[f].empty()) continue;
    const auto it = index_[f].find(v[f]);
    if (it == index_[f].end()) throw std::logic_error("facet value without a code: " + v[f]);
    out[f] = it->second;
  }
  return out;
}

const std::string& FacetCodes::value(std::size_t facet, std::uint16_t code) const {
  static const std::string none;
  if (facet >= FACET_COUNT || code == 0 || code > values_[facet].size()) return none;
  return values_[facet][code - 1u];
}

std::string FacetCodes::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t f = 0; f < FACET_COUNT; ++f) out[std::string(FACETS[f].name)] = values_[f];
  return out.dump();
}

std::optional<FacetCodes> FacetCodes::from_json(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  FacetCodes codes;
  for (std::size_t f = 0; f < FACET_COUNT; ++f) {
    const auto it = j.find(std::string(FACETS[f].name));
    if (it == j.end() || !it->is_array() ||
        it->size() >= std::numeric_limits<std::uint16_t>::max()) {
      return std::nullopt;
    }
    for (const nlohmann::json& v : *it) {
      if (!v.is_string()) return std::nullopt;
      codes.append(f, v.get<std::string>());
    }
  }
  return codes;
}

std::string pack_facets(std::size_t section_index, const FacetCodeList& codes) {
  std::string out;
  const auto index = static_cast<std::uint32_t>(section_index);
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((index >> shift) & 0xFF);
  for (const std::uint16_t c : codes) {
    out += static_cast<char>(c >> 8);
    out += static_cast<char>(c & 0xFF);
  }
  return out;
}

bool unpack_facets(std::string_view value, std::uint32_t& section_index, FacetCodeList& codes) {
  if (value.size() != 4 + 2 * FACET_COUNT) return false;
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(value[i]));
  };
  section_index = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
  for (std::size_t f = 0; f < FACET_COUNT; ++f) {
    codes[f] = static_cast<std::uint16_t>((byte(4 + 2 * f) << 8) | byte(5 + 2 * f));
  }
  return true;
}

}  // namespace sotay
