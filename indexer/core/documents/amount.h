// Amounts of money in a procedure card's fees (thu_tuc › phi_le_phi › muc):
// what a clerk may write and what it means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sotay {

// An amount, as accepted by parse_amount():
//   "Miễn phí", "Miễn", "Không", "Không thu"  -> free (no charge)
//   "<số> đồng" or "<số> đồng/<đơn vị>"        -> dong, per
// where <số> is digits grouped by '.' every three digits ("2.000",
// "200.000", "500"), <đơn vị> any words ("trang", "hợp đồng, giao dịch").
// Letters may be written without marks ("50.000 dong", "mien phi").
struct Amount {
  bool free = false;
  std::uint64_t dong = 0;  // 0 when free
  std::string per;         // "trang", "" when the amount is for the whole
};

// The amount `text` states, or nullopt when it is not one of the forms above.
std::optional<Amount> parse_amount(std::string_view text);

// What to write instead, for a message: the accepted forms, and a fix when
// the text is close ("2000 đồng" -> "2.000 đồng", "50.000đ" -> "50.000 đồng").
std::string amount_advice(std::string_view text);

}  // namespace sotay
