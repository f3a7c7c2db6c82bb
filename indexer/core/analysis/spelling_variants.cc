#include "spelling_variants.h"

#include <array>

namespace sotay {

namespace {

// The final vowel with each tone, i and y side by side (UTF-8, NFC).
constexpr std::array<std::string_view, 6> I_FORMS{"i", "í", "ì", "ỉ", "ĩ", "ị"};
constexpr std::array<std::string_view, 6> Y_FORMS{"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"};
// Initials after which both spellings are standard.
constexpr std::array<std::string_view, 7> INITIALS{"h", "k", "l", "m", "s", "t", "qu"};

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

}  // namespace

std::string spelling_variant(std::string_view form) {
  for (std::size_t k = 0; k < I_FORMS.size(); ++k) {
    for (const bool from_i : {true, false}) {
      const std::string_view vowel = from_i ? I_FORMS[k] : Y_FORMS[k];
      if (!ends_with(form, vowel)) continue;
      const std::string_view initial = form.substr(0, form.size() - vowel.size());
      for (const std::string_view allowed : INITIALS) {
        if (initial == allowed)
          return std::string(initial) + std::string(from_i ? Y_FORMS[k] : I_FORMS[k]);
      }
    }
  }
  return {};
}

}  // namespace sotay
