// The default dictionary that ships with Sổ tay (dictionary/*.txt at the top
// of the repository, compiled in by cmake/EmbedDictionary.cmake). A content
// folder's _dictionary/ adds to it, overrides or removes its entries
// (Dictionary::load, docs/content-format.md).
#pragma once

#include <string_view>

namespace sotay {

// The text of "abbreviations.txt", "stopwords.txt" or "synonyms.txt" of the
// default dictionary; empty for any other name.
std::string_view default_dictionary_file(std::string_view name);

}  // namespace sotay
