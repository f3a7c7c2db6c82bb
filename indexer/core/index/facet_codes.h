// Facet values as small numbers. Counting facets reads every match of a
// query (searcher.h, FACET_CHECK_AT_LEAST): one value per section
// (contract::SLOT_FACETS) holding the section's index within its document
// and a 16-bit code per facet, instead of five display strings, makes that
// count a few array increments per match. The codes of an edition are in its
// metadata (contract::META_FACET_CODES).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "index_contract.h"

namespace sotay {

// The facets, in this order everywhere: department, field, type, year,
// status (the values of the SLOT_DEPARTMENT… slots).
inline constexpr std::size_t FACET_COUNT = 5;

struct FacetField {
  std::string_view name;  // in the "facet_codes" metadata and /api/search "facets"
  contract::Slot slot;    // the slot of its display value
};
// The one list of the facets and their order: FacetValues, FacetCodeList,
// the packed SLOT_FACETS value and the facets a search counts follow it.
inline constexpr std::array<FacetField, FACET_COUNT> FACETS = {{
    {"department", contract::SLOT_DEPARTMENT},
    {"field", contract::SLOT_FIELD},
    {"type", contract::SLOT_TYPE},
    {"year", contract::SLOT_YEAR},
    {"status", contract::SLOT_STATUS},
}};
using FacetValues = std::array<std::string, FACET_COUNT>;
using FacetCodeList = std::array<std::uint16_t, FACET_COUNT>;  // 0: no value

// A document's facet values ("" when it has none).
FacetValues facet_values(const FrontMatter& meta);

class FacetCodes {
 public:
  // Codes for every value of `docs`, each facet's values in byte order.
  static FacetCodes from_documents(const std::vector<Document>& docs);
  // nullopt when `json` is empty or not a code table.
  static std::optional<FacetCodes> from_json(std::string_view json);
  std::string to_json() const;

  // Adds the values of `meta` that have no code yet (after the existing
  // ones, so the codes of sections already written stay valid). Throws
  // std::runtime_error past 65,535 values of one facet.
  void add(const FrontMatter& meta);
  // The codes of `meta`'s values; throws std::logic_error for a value
  // without a code (add() it first).
  FacetCodeList codes(const FrontMatter& meta) const;
  // The value of `code` (1-based) of facet `facet`; "" when out of range.
  const std::string& value(std::size_t facet, std::uint16_t code) const;
  std::size_t size(std::size_t facet) const { return values_[facet].size(); }

 private:
  // Gives `value` the next code of facet `facet`; throws past 65,535.
  void append(std::size_t facet, const std::string& value);

  std::array<std::vector<std::string>, FACET_COUNT> values_;  // code = index + 1
  std::array<std::map<std::string, std::uint16_t, std::less<>>, FACET_COUNT> index_;
};

// SLOT_FACETS: 4 bytes section index, then 2 bytes per facet, big-endian.
std::string pack_facets(std::size_t section_index, const FacetCodeList& codes);
// false when `value` is not a packed facet value.
bool unpack_facets(std::string_view value, std::uint32_t& section_index, FacetCodeList& codes);

}  // namespace sotay
