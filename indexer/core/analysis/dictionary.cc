#include "dictionary.h"

#include <nlohmann/json.hpp>

#include "default_dictionary.h"
#include "dictionary_lines.h"
#include "files.h"
#include "text.h"
#include "tokenizer.h"

namespace sotay {

namespace lines = dictionary_lines;

namespace {

// Folded syllables of a phrase joined by single spaces: "uy ban nhan dan".
std::string folded_phrase(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

// Reads "A = B | C" after the weight was taken off: the expansions, or an
// error message.
bool read_expansions(std::string_view rest, Abbreviation& a, std::string& error) {
  // Every piece between '|' must hold words: "A = B |" is an error.
  for (bool more = !trim(rest).empty(); more;) {
    const std::size_t bar = rest.find('|');
    const std::string expansion = to_nfc(trim(rest.substr(0, bar)));
    more = bar != std::string_view::npos;
    if (more) rest = rest.substr(bar + 1);
    if (tokenize(expansion).empty()) {
      error = "dạng đầy đủ trống cho \"" + a.abbreviation + "\"";
      return false;
    }
    a.expansions.push_back(expansion);
  }
  if (a.expansions.empty()) {
    error = "thiếu dạng đầy đủ cho \"" + a.abbreviation + "\"";
    return false;
  }
  return true;
}

}  // namespace

// Drops removed entries (an empty abbreviation) and rebuilds the lookups.
void Dictionary::reindex() {
  std::erase_if(list_, [](const Abbreviation& a) { return a.abbreviation.empty(); });
  by_folded_.clear();
  by_expansion_.clear();
  longest_ = 0;
  for (std::size_t index = 0; index < list_.size(); ++index) {
    const Abbreviation& a = list_[index];
    by_folded_[folded_phrase(a.abbreviation)] = index;
    for (const std::string& e : a.expansions) {
      by_expansion_[folded_phrase(e)].push_back(index);
      longest_ = std::max(longest_, tokenize(e).size());
    }
  }
}

void Dictionary::remove_abbreviation(std::string_view path, int line, std::string_view what,
                                     std::vector<ContentError>& errors) {
  const std::string key = folded_phrase(what);
  const auto it = by_folded_.find(key);
  if (key.empty() || it == by_folded_.end()) {
    errors.push_back({std::string(path), line,
                      "không có chữ viết tắt \"" + std::string(what) +
                          "\" để bỏ: dòng \"- X\" chỉ bỏ một chữ viết tắt đã có"});
    return;
  }
  list_[it->second].abbreviation.clear();  // dropped by reindex()
  by_folded_.erase(it);
}

void Dictionary::parse_abbreviations(std::string_view path, std::string_view text,
                                     std::vector<ContentError>& errors) {
  if (!lines::check_utf8(path, text, errors)) return;
  const auto fail = [&](int line, std::string message) {
    errors.push_back({std::string(path), line, std::move(message)});
  };
  std::set<std::string> declared_here;  // folded abbreviations of this file
  lines::for_each_line(text, [&](int line, std::string_view content) {
    if (const std::string_view removed = lines::removal(content); !removed.empty()) {
      remove_abbreviation(path, line, removed, errors);
      return;
    }
    const std::size_t eq = content.find('=');
    if (eq == std::string_view::npos) {
      fail(line, "thiếu dấu \"=\": cần dạng \"UBND = Ủy ban nhân dân\"");
      return;
    }
    Abbreviation a;
    a.abbreviation = to_nfc(trim(content.substr(0, eq)));
    std::string_view rest = content.substr(eq + 1);
    std::string error;
    const std::optional<double> weight = lines::take_weight(rest, 1.0, error);
    if (!weight) return fail(line, error);
    a.weight = *weight;
    const std::vector<Token> abbr_tokens = tokenize(a.abbreviation);
    if (abbr_tokens.size() != 1) {
      fail(line, "chữ viết tắt \"" + a.abbreviation + "\" phải là một từ, không có dấu cách");
      return;
    }
    if (!read_expansions(rest, a, error)) return fail(line, error);
    const std::string& key = abbr_tokens[0].folded;
    if (!declared_here.insert(key).second) {
      fail(line, "chữ viết tắt \"" + a.abbreviation + "\" đã được khai báo");
      return;
    }
    // Declared in an earlier file (the default dictionary): this one wins.
    if (const auto it = by_folded_.find(key); it != by_folded_.end()) {
      list_[it->second] = std::move(a);
    } else {
      by_folded_[key] = list_.size();
      list_.push_back(std::move(a));
    }
  });
  reindex();
}

void Dictionary::parse_stopwords(std::string_view path, std::string_view text,
                                 std::vector<ContentError>& errors) {
  if (!lines::check_utf8(path, text, errors)) return;
  lines::for_each_line(text, [&](int line, std::string_view content) {
    const std::string_view removed = lines::removal(content);
    const std::vector<Token> tokens = tokenize(removed.empty() ? content : removed);
    if (tokens.size() != 1) {
      errors.push_back(
          {std::string(path), line,
           "mỗi dòng chỉ một từ (một âm tiết), không phải \"" + std::string(content) + "\""});
      return;
    }
    if (removed.empty()) {
      stop_exact_.insert(tokens[0].exact);
    } else if (stop_exact_.erase(tokens[0].exact) == 0) {
      errors.push_back(
          {std::string(path), line, "không có từ dừng \"" + std::string(removed) + "\" để bỏ"});
    }
  });
  stop_folded_.clear();
  for (const std::string& w : stop_exact_) stop_folded_.insert(folded_phrase(w));
}

Dictionary Dictionary::defaults(std::vector<ContentError>& errors) {
  Dictionary d;
  d.parse_abbreviations("dictionary/abbreviations.txt",
                        default_dictionary_file("abbreviations.txt"), errors);
  d.parse_stopwords("dictionary/stopwords.txt", default_dictionary_file("stopwords.txt"), errors);
  d.synonyms_.parse("dictionary/synonyms.txt", default_dictionary_file("synonyms.txt"), errors);
  return d;
}

Dictionary Dictionary::load(const std::filesystem::path& content_dir,
                            std::vector<ContentError>& errors) {
  Dictionary d = defaults(errors);
  const std::filesystem::path dir = content_dir / "_dictionary";
  const std::filesystem::path abbreviations = dir / "abbreviations.txt";
  const std::filesystem::path stopwords = dir / "stopwords.txt";
  const std::filesystem::path synonyms = dir / "synonyms.txt";
  if (std::filesystem::exists(abbreviations)) {
    d.parse_abbreviations("_dictionary/abbreviations.txt", read_file(abbreviations), errors);
  }
  if (std::filesystem::exists(stopwords)) {
    d.parse_stopwords("_dictionary/stopwords.txt", read_file(stopwords), errors);
  }
  if (std::filesystem::exists(synonyms)) {
    d.synonyms_.parse("_dictionary/synonyms.txt", read_file(synonyms), errors);
  }
  return d;
}

std::string Dictionary::to_json() const {
  nlohmann::json abbreviations = nlohmann::json::array();
  for (const Abbreviation& a : list_) {
    abbreviations.push_back(
        {{"abbreviation", a.abbreviation}, {"expansions", a.expansions}, {"weight", a.weight}});
  }
  return nlohmann::json{{"abbreviations", abbreviations},
                        {"stopwords", stop_exact_},
                        {"synonyms", synonyms_.to_json()}}
      .dump();
}

Dictionary Dictionary::from_json(std::string_view text) {
  Dictionary d;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return d;
  for (const auto& a : j.value("abbreviations", nlohmann::json::array())) {
    Abbreviation abbr;
    abbr.abbreviation = a.value("abbreviation", "");
    abbr.expansions = a.value("expansions", std::vector<std::string>{});
    abbr.weight = a.value("weight", 1.0);
    if (!abbr.abbreviation.empty() && !abbr.expansions.empty()) d.list_.push_back(std::move(abbr));
  }
  d.reindex();
  for (const auto& w : j.value("stopwords", std::vector<std::string>{})) {
    for (const Token& t : tokenize(w)) {
      d.stop_exact_.insert(t.exact);
      d.stop_folded_.insert(t.folded);
    }
  }
  if (const auto s = j.find("synonyms"); s != j.end()) d.synonyms_ = Synonyms::from_json(*s);
  return d;
}

const Abbreviation* Dictionary::abbreviation(std::string_view folded) const {
  const auto it = by_folded_.find(folded);
  return it == by_folded_.end() ? nullptr : &list_[it->second];
}

std::vector<const Abbreviation*> Dictionary::abbreviations_of(
    const std::vector<std::string>& syllables) const {
  std::string key;
  for (const std::string& s : syllables) {
    if (!key.empty()) key += ' ';
    key += s;
  }
  std::vector<const Abbreviation*> out;
  if (const auto it = by_expansion_.find(key); it != by_expansion_.end()) {
    for (const std::size_t i : it->second) out.push_back(&list_[i]);
  }
  return out;
}

bool Dictionary::is_stopword(std::string_view exact, std::string_view folded, bool marked) const {
  return marked ? stop_exact_.count(exact) > 0 : stop_folded_.count(folded) > 0;
}

}  // namespace sotay
