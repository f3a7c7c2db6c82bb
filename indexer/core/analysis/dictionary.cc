#include "dictionary.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "files.h"
#include "text.h"
#include "tokenizer.h"

namespace sotay {

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

std::string_view strip_comment(std::string_view line) {
  const std::size_t hash = line.find('#');
  return trim(hash == std::string_view::npos ? line : line.substr(0, hash));
}

// Calls f(line_number, line) for every line of `text` that is not blank or a comment.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  int number = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++number;
    const std::string_view content = strip_comment(line);
    if (!content.empty()) f(number, content);
  }
}

bool check_utf8(std::string_view path, std::string_view text, std::vector<ContentError>& errors) {
  if (const auto bad = find_invalid_utf8(text)) {
    errors.push_back({std::string(path), line_of(text, *bad), "tệp không phải UTF-8 hợp lệ"});
    return false;
  }
  return true;
}

}  // namespace

void Dictionary::add(Abbreviation a) {
  const std::size_t index = list_.size();
  by_folded_[folded_phrase(a.abbreviation)] = index;
  for (const std::string& e : a.expansions) {
    const std::string key = folded_phrase(e);
    by_expansion_[key].push_back(index);
    longest_ = std::max(longest_, tokenize(e).size());
  }
  list_.push_back(std::move(a));
}

void Dictionary::parse_abbreviations(std::string_view path, std::string_view text,
                                     std::vector<ContentError>& errors) {
  if (!check_utf8(path, text, errors)) return;
  const auto fail = [&](int line, std::string message) {
    errors.push_back({std::string(path), line, std::move(message)});
  };
  for_each_line(text, [&](int line, std::string_view content) {
    const std::size_t eq = content.find('=');
    if (eq == std::string_view::npos) {
      fail(line, "thiếu dấu \"=\": cần dạng \"UBND = Ủy ban nhân dân\"");
      return;
    }
    Abbreviation a;
    a.abbreviation = to_nfc(trim(content.substr(0, eq)));
    std::string_view rest = content.substr(eq + 1);
    if (const std::size_t semi = rest.find(';'); semi != std::string_view::npos) {
      const std::string_view w = trim(rest.substr(semi + 1));
      double weight = 0;
      const auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), weight);
      if (ec != std::errc() || ptr != w.data() + w.size() || !(weight > 0 && weight <= 1)) {
        fail(line, "trọng số \"" + std::string(w) + "\" không hợp lệ: cần một số trong (0, 1]");
        return;
      }
      a.weight = weight;
      rest = rest.substr(0, semi);
    }
    const std::vector<Token> abbr_tokens = tokenize(a.abbreviation);
    if (abbr_tokens.size() != 1) {
      fail(line, "chữ viết tắt \"" + a.abbreviation + "\" phải là một từ, không có dấu cách");
      return;
    }
    // Every piece between '|' must hold words: "A = B |" is an error.
    for (bool more = !trim(rest).empty(); more;) {
      const std::size_t bar = rest.find('|');
      const std::string expansion = to_nfc(trim(rest.substr(0, bar)));
      more = bar != std::string_view::npos;
      if (more) rest = rest.substr(bar + 1);
      if (tokenize(expansion).empty()) {
        fail(line, "dạng đầy đủ trống cho \"" + a.abbreviation + "\"");
        return;
      }
      a.expansions.push_back(expansion);
    }
    if (a.expansions.empty()) {
      fail(line, "thiếu dạng đầy đủ cho \"" + a.abbreviation + "\"");
      return;
    }
    if (abbreviation(abbr_tokens[0].folded)) {
      fail(line, "chữ viết tắt \"" + a.abbreviation + "\" đã được khai báo");
      return;
    }
    add(std::move(a));
  });
}

void Dictionary::parse_stopwords(std::string_view path, std::string_view text,
                                 std::vector<ContentError>& errors) {
  if (!check_utf8(path, text, errors)) return;
  for_each_line(text, [&](int line, std::string_view content) {
    const std::vector<Token> tokens = tokenize(content);
    if (tokens.size() != 1) {
      errors.push_back(
          {std::string(path), line,
           "mỗi dòng chỉ một từ (một âm tiết), không phải \"" + std::string(content) + "\""});
      return;
    }
    stop_exact_.insert(tokens[0].exact);
    stop_folded_.insert(tokens[0].folded);
  });
}

Dictionary Dictionary::load(const std::filesystem::path& content_dir,
                            std::vector<ContentError>& errors) {
  Dictionary d;
  const std::filesystem::path dir = content_dir / "_dictionary";
  const std::filesystem::path abbreviations = dir / "abbreviations.txt";
  const std::filesystem::path stopwords = dir / "stopwords.txt";
  if (std::filesystem::exists(abbreviations)) {
    d.parse_abbreviations("_dictionary/abbreviations.txt", read_file(abbreviations), errors);
  }
  if (std::filesystem::exists(stopwords)) {
    d.parse_stopwords("_dictionary/stopwords.txt", read_file(stopwords), errors);
  }
  return d;
}

std::string Dictionary::to_json() const {
  nlohmann::json abbreviations = nlohmann::json::array();
  for (const Abbreviation& a : list_) {
    abbreviations.push_back(
        {{"abbreviation", a.abbreviation}, {"expansions", a.expansions}, {"weight", a.weight}});
  }
  return nlohmann::json{{"abbreviations", abbreviations}, {"stopwords", stop_exact_}}.dump();
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
    if (!abbr.abbreviation.empty() && !abbr.expansions.empty()) d.add(std::move(abbr));
  }
  for (const auto& w : j.value("stopwords", std::vector<std::string>{})) {
    for (const Token& t : tokenize(w)) {
      d.stop_exact_.insert(t.exact);
      d.stop_folded_.insert(t.folded);
    }
  }
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
