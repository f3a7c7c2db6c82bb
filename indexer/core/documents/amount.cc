#include "amount.h"

#include <array>
#include <utility>

#include "text.h"
#include "vietnamese.h"

namespace sotay {

namespace {

constexpr std::array<std::string_view, 6> FREE_FORMS = {
    "mien phi", "mien", "khong", "khong thu", "khong thu phi", "mien le phi"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits at the start of `s` grouped by '.' every three digits ("2.000"):
// their value and length, or nullopt when the grouping is wrong.
std::optional<std::pair<std::uint64_t, std::size_t>> grouped_number(std::string_view s) {
  std::size_t i = 0, group = 0, groups = 0;
  std::uint64_t value = 0;
  for (; i < s.size() && (is_digit(s[i]) || s[i] == '.'); ++i) {
    if (s[i] == '.') {
      if (group == 0 || (groups > 0 && group != 3) || group > 3) return std::nullopt;
      ++groups;
      group = 0;
      continue;
    }
    if (++group > 3 && groups > 0) return std::nullopt;
    if (value > 1'000'000'000'000ULL) return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (group == 0) return std::nullopt;  // empty or ends with '.'
  if (groups > 0 && group != 3) return std::nullopt;
  if (groups == 0 && group > 3) return std::nullopt;  // "2000": needs "2.000"
  return std::make_pair(value, i);
}

// "2000" -> "2.000".
std::string with_separators(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::optional<Amount> parse_amount(std::string_view text) {
  const std::string folded = folded_form(trim(text));
  std::string_view s = trim(folded);
  for (const std::string_view f : FREE_FORMS) {
    if (s == f) return Amount{true, 0, ""};
  }
  const auto number = grouped_number(s);
  if (!number || number->first == 0) return std::nullopt;
  std::string_view rest = trim(s.substr(number->second));
  if (rest.substr(0, 4) != "dong") return std::nullopt;
  rest = trim(rest.substr(4));
  Amount amount{false, number->first, ""};
  if (rest.empty()) return amount;
  if (rest.front() != '/') return std::nullopt;
  // The unit as written (with its marks): after the first '/' of the text.
  const std::string_view original = trim(text);
  amount.per = std::string(trim(original.substr(original.find('/') + 1)));
  if (amount.per.empty()) return std::nullopt;
  return amount;
}

std::string amount_advice(std::string_view text) {
  const std::string forms =
      "ghi số tiền dạng \"2.000 đồng\" hoặc \"50.000 đồng/hồ sơ\" (số có dấu chấm ngăn cách "
      "hàng nghìn, rồi chữ \"đồng\", có thể thêm \"/\" và đơn vị tính), hoặc \"Miễn phí\"; "
      "các mức khác nhau ghi thành các dòng phí riêng, điều kiện miễn, giảm ghi ở \"mien_giam\"";
  const std::string folded = folded_form(trim(text));
  std::string_view s = trim(folded);
  std::size_t n = 0;
  while (n < s.size() && (is_digit(s[n]) || s[n] == '.' || s[n] == ',')) ++n;
  if (n == 0) return forms;
  std::string digits;
  for (const char c : s.substr(0, n)) {
    if (is_digit(c)) digits += c;
  }
  if (digits.find_first_not_of('0') == std::string::npos) {
    return "số tiền bằng 0: ghi \"Miễn phí\"; " + forms;
  }
  std::string_view unit = trim(s.substr(n));
  for (const std::string_view currency : {"dong", "vnd", "d"}) {
    if (unit.substr(0, currency.size()) == currency) {
      unit.remove_prefix(currency.size());
      break;
    }
  }
  unit = trim(unit);
  if (!unit.empty() && unit.front() != '/') return forms;
  const std::string_view original = trim(text);
  std::string fix = with_separators(digits) + " đồng";
  if (!unit.empty()) fix += "/" + std::string(trim(original.substr(original.find('/') + 1)));
  return "có phải là \"" + fix + "\"? " + forms;
}

}  // namespace sotay
