// Loose spellings of document numbers, for suggestions as you type: what a
// clerk types for 30/2020/NĐ-CP ("nd 30", "nđ30", "30-2020", "ND-CP 30",
// "nghị định 30") reduced to one comparable form, and every such form of a
// number, so that a typed prefix of any of them finds the number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc_number.h"

namespace sotay {

// Folded, lower case; runs of digits and runs of letters become groups
// separated by one space; leading zeros of digit groups are stripped;
// anything else only separates: "NĐ-CP 30/2020" -> "nd cp 30 2020",
// "nđ30" -> "nd 30", "01/2011" -> "1 2011". A trailing separator is kept
// as one space ("30/" -> "30 "), so that a finished group does not match a
// longer one ("30 " does not complete to "300").
std::string loose_number(std::string_view typed);

// Every loose spelling of `n` a prefix may be typed of, without duplicates:
// number first ("30 2020 nd cp", "30 nd cp"), type code first ("nd 30 2020
// cp", "nd cp 30 2020") and the type's name (`type_name`, "Nghị định")
// first ("nghi dinh 30 2020").
std::vector<std::string> number_spellings(const DocNumber& n, std::string_view type_name = {});

}  // namespace sotay
