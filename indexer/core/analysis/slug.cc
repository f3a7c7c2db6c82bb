#include "slug.h"

#include "vietnamese.h"

namespace sotay {

std::string slugify(std::string_view text) {
  const std::string folded = folded_form(text);
  std::string slug;
  bool pending_dash = false;
  for (const char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (pending_dash && !slug.empty()) slug += '-';
      pending_dash = false;
      slug += c;
    } else {
      pending_dash = true;
    }
  }
  return slug;
}

}  // namespace sotay
