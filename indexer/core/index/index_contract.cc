#include "index_contract.h"

#include "slug.h"

namespace sotay {

std::string filter_slug(std::string_view value) { return slugify(value); }

std::string iso_date_from_slot(const std::string& value) {
  if (value.size() != 8) return {};
  return value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
}

std::string date_slot(std::string_view iso_date) {
  std::string out(iso_date);
  std::erase(out, '-');
  return out;
}

}  // namespace sotay
