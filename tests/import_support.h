// Helpers the PDF reader and page layout tests share: the model's lines
// and blocks as text, so that a failed CHECK shows them.
#pragma once

#include <string>
#include <vector>

#include "source_text.h"

namespace sotay::test {

// Lines joined with " | ", so that a failed CHECK shows them.
inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " | ") + l;
  return out;
}

inline std::vector<std::string> texts_of(const std::vector<SourceLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

inline std::string texts(const std::vector<SourceLine>& lines) { return joined(texts_of(lines)); }

inline std::string describe(const SourceBlock& b) {
  std::string s = b.kind == SourceBlock::Kind::LIST_ITEM ? "[" + b.list_marker + "] " : "";
  return s + b.text;
}

inline std::string describe(const std::vector<SourceBlock>& blocks) {
  std::vector<std::string> out;
  for (const auto& b : blocks) out.push_back(describe(b));
  return joined(out);
}

}  // namespace sotay::test
