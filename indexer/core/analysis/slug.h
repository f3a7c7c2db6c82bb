// ASCII slugs of Vietnamese text, for anchors, URLs and filter terms.
#pragma once

#include <string>
#include <string_view>

namespace sotay {

// Lowercase ASCII slug of any text: folded (đ -> d, marks removed), runs of
// anything but [a-z0-9] become one '-', no leading or trailing '-'.
// "Điều 5. Đối tượng áp dụng" -> "dieu-5-doi-tuong-ap-dung".
std::string slugify(std::string_view text);

}  // namespace sotay
