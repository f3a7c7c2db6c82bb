#include "number_spelling.h"

#include <algorithm>

#include "vietnamese.h"

namespace sotay {

namespace {

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
bool is_letter(char ch) { return ch >= 'a' && ch <= 'z'; }

std::string join(const std::vector<std::string>& groups) {
  std::string out;
  for (const std::string& g : groups) {
    if (g.empty()) continue;
    if (!out.empty()) out += ' ';
    out += g;
  }
  return out;
}

// Groups of a folded code: "nd-cp" -> {"nd", "cp"}, "qh14" -> {"qh", "14"}.
std::vector<std::string> groups_of(std::string_view text) {
  std::vector<std::string> groups;
  const std::string loose = loose_number(text);
  std::size_t start = 0;
  while (start < loose.size()) {
    std::size_t space = loose.find(' ', start);
    if (space == std::string::npos) space = loose.size();
    if (space > start) groups.emplace_back(loose.substr(start, space - start));
    start = space + 1;
  }
  return groups;
}

}  // namespace

std::string loose_number(std::string_view typed) {
  const std::string folded = folded_form(typed);
  std::string out;
  char last = 0;       // kind of the last character kept: 'd' digit, 'l' letter
  bool zeros = false;  // leading zeros of a digit group are pending
  bool space = false;  // a separator is pending
  for (const char raw : folded) {
    const char ch = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    const char kind = is_digit(ch) ? 'd' : is_letter(ch) ? 'l' : ' ';
    if (kind != 'd' && zeros) {  // the group was only zeros: "0"
      out += '0';
      last = 'd';
      zeros = false;
    }
    if (kind == ' ') {
      space = last != 0;
      continue;
    }
    const bool new_group = last == 0 || space || last != kind;
    if (new_group && !zeros && last != 0) out += ' ';
    space = false;
    if (kind == 'd' && ch == '0' && (new_group || zeros)) {
      zeros = true;
      last = 'd';
      continue;
    }
    zeros = false;
    out += ch;
    last = kind;
  }
  if (zeros) out += '0';
  if (space) out += ' ';
  return out;
}

std::vector<std::string> number_spellings(const DocNumber& n, std::string_view type_name) {
  const std::vector<std::string> code = groups_of(n.code);
  std::vector<std::string> rest(code.size() > 1 ? code.begin() + 1 : code.end(), code.end());
  const std::string type = code.empty() ? std::string() : code.front();
  const std::string codes = join(code);
  const std::string others = join(rest);
  const std::string name = loose_number(type_name);
  std::vector<std::string> out{
      join({n.number, n.year, codes}),         // 30 2020 nd cp
      join({n.number, codes}),                 // 30 nd cp
      join({type, n.number, n.year, others}),  // nd 30 2020 cp
      join({codes, n.number, n.year}),         // nd cp 30 2020
  };
  if (!name.empty() && name.find_first_of("0123456789") == std::string::npos) {
    out.push_back(join({name, n.number, n.year, others}));  // nghi dinh 30 2020 cp
  }
  std::vector<std::string> unique;
  for (std::string& s : out) {
    if (!s.empty() && std::find(unique.begin(), unique.end(), s) == unique.end()) {
      unique.push_back(std::move(s));
    }
  }
  return unique;
}

}  // namespace sotay
