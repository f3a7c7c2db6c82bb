// Reading JSON records the handbook wrote itself (doc:<id>, the edition,
// imports), where a missing or mistyped field reads as empty.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sotay {

// j[key] when `j` is an object holding a string there; "" otherwise (no
// such key, another type, `j` not an object).
std::string json_string(const nlohmann::json& j, const char* key);

}  // namespace sotay
