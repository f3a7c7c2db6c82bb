#include "synonyms.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "dictionary_lines.h"
#include "text.h"

namespace sotay {

namespace lines = dictionary_lines;

namespace {

std::string joined(const std::vector<Token>& tokens, bool folded) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += folded ? t.folded : t.exact;
  }
  return out;
}

std::string exact_key(std::string_view phrase) { return joined(tokenize(phrase), false); }

// Reads "A = B | C" after the weight was taken off into `group`, or an
// error message.
bool read_group(std::string_view content, SynonymGroup& group, std::string& error) {
  const std::size_t eq = content.find('=');
  if (eq == std::string_view::npos) {
    error = "thiếu dấu \"=\": cần dạng \"xe máy = xe mô tô | xe gắn máy\"";
    return false;
  }
  const std::string left = to_nfc(trim(content.substr(0, eq)));
  if (tokenize(left).empty()) {
    error = "thiếu từ bên trái dấu \"=\": cần dạng \"xe máy = xe mô tô\"";
    return false;
  }
  group.phrases.push_back(left);
  std::string_view rest = content.substr(eq + 1);
  for (bool more = !trim(rest).empty(); more;) {
    const std::size_t bar = rest.find('|');
    const std::string phrase = to_nfc(trim(rest.substr(0, bar)));
    more = bar != std::string_view::npos;
    if (more) rest = rest.substr(bar + 1);
    if (tokenize(phrase).empty()) {
      error = "từ đồng nghĩa trống cho \"" + left + "\": xóa dấu \"|\" thừa hoặc điền từ";
      return false;
    }
    group.phrases.push_back(phrase);
  }
  if (group.phrases.size() < 2) {
    error = "thiếu từ đồng nghĩa cho \"" + left + "\": cần dạng \"" + left + " = từ khác\"";
    return false;
  }
  std::set<std::string> seen;
  for (const std::string& p : group.phrases) {
    if (!seen.insert(exact_key(p)).second) {
      error = "\"" + p + "\" lặp lại trên cùng một dòng";
      return false;
    }
  }
  return true;
}

}  // namespace

void Synonyms::parse(std::string_view path, std::string_view text,
                     std::vector<ContentError>& errors) {
  if (!lines::check_utf8(path, text, errors)) return;
  const auto fail = [&](int line, std::string message) {
    errors.push_back({std::string(path), line, std::move(message)});
  };
  std::map<std::string, int> declared_here;  // exact phrase -> line of this file
  lines::for_each_line(text, [&](int line, std::string_view content) {
    if (const std::string_view removed = lines::removal(content); !removed.empty()) {
      const std::size_t g = group_of(exact_key(removed));
      if (g == std::string::npos) {
        return fail(line,
                    "không có nhóm từ đồng nghĩa nào chứa \"" + std::string(removed) + "\" để bỏ");
      }
      groups_[g].phrases.clear();  // dropped by reindex()
      return;
    }
    std::string_view rest = content;
    std::string error;
    const std::optional<double> weight = lines::take_weight(rest, DEFAULT_WEIGHT, error);
    SynonymGroup group;
    if (!weight || !read_group(rest, group, error)) return fail(line, error);
    group.weight = *weight;
    for (const std::string& p : group.phrases) {
      if (const auto it = declared_here.find(exact_key(p)); it != declared_here.end()) {
        return fail(line, "\"" + p + "\" đã có ở dòng " + std::to_string(it->second) +
                              ": mỗi từ chỉ thuộc một nhóm, hãy gộp hai dòng");
      }
    }
    // Groups of an earlier file (the default) sharing a phrase: this line wins.
    for (const std::string& p : group.phrases) {
      declared_here[exact_key(p)] = line;
      if (const std::size_t g = group_of(exact_key(p)); g != std::string::npos) {
        groups_[g].phrases.clear();
      }
    }
    groups_.push_back(std::move(group));
  });
  reindex();
}

void Synonyms::reindex() {
  std::erase_if(groups_, [](const SynonymGroup& g) { return g.phrases.empty(); });
  by_folded_.clear();
  by_exact_.clear();
  longest_ = 0;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    for (std::size_t p = 0; p < groups_[g].phrases.size(); ++p) {
      std::vector<Token> tokens = tokenize(groups_[g].phrases[p]);
      longest_ = std::max(longest_, tokens.size());
      by_exact_[joined(tokens, false)] = g;
      const std::string folded = joined(tokens, true);
      by_folded_[folded].push_back({g, p, std::move(tokens)});
    }
  }
}

std::size_t Synonyms::group_of(const std::string& key) const {
  // Groups of this file are indexed at its end; removed ones are empty.
  const auto it = by_exact_.find(key);
  if (it == by_exact_.end() || groups_[it->second].phrases.empty()) return std::string::npos;
  return it->second;
}

std::vector<Synonyms::Match> Synonyms::find(const std::vector<Token>& tokens) const {
  std::vector<Match> out;
  const auto it = by_folded_.find(joined(tokens, true));
  if (it == by_folded_.end()) return out;
  for (const Entry& e : it->second) {
    bool same = e.tokens.size() == tokens.size();
    for (std::size_t k = 0; same && k < tokens.size(); ++k) {
      same = !tokens[k].marked || tokens[k].exact == e.tokens[k].exact;
    }
    if (same) out.push_back({&groups_[e.group], e.phrase});
  }
  return out;
}

nlohmann::json Synonyms::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const SynonymGroup& g : groups_)
    out.push_back({{"phrases", g.phrases}, {"weight", g.weight}});
  return out;
}

Synonyms Synonyms::from_json(const nlohmann::json& j) {
  Synonyms s;
  if (!j.is_array()) return s;
  for (const auto& g : j) {
    if (!g.is_object()) continue;
    SynonymGroup group;
    group.phrases = g.value("phrases", std::vector<std::string>{});
    group.weight = g.value("weight", DEFAULT_WEIGHT);
    if (group.phrases.size() >= 2) s.groups_.push_back(std::move(group));
  }
  s.reindex();
  return s;
}

}  // namespace sotay
