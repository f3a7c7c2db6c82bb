#include "corpus.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sotay::bench {

std::size_t for_each_article(const std::string& corpus, const std::string& ids_file,
                             const std::function<bool(const PhapdienArticle&)>& f) {
  std::set<std::string> wanted;
  if (!ids_file.empty()) wanted = read_id_list(ids_file);
  std::size_t n = 0;
  read_gzip_lines(corpus, [&](std::size_t, std::string_view line) {
    PhapdienArticle a;
    if (!parse_phapdien_article(line, a).empty()) return true;
    if (!wanted.empty() && wanted.count(a.id) == 0) return true;
    ++n;
    return f(a);
  });
  return n;
}

std::vector<Query> load_queries(const std::string& path, std::size_t limit) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::vector<Query> queries;
  std::size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty()) continue;
    try {
      const nlohmann::json j = nlohmann::json::parse(line);
      queries.push_back({j.at("id").get<std::string>(), j.at("text").get<std::string>(),
                         j.at("relevant").get<std::vector<std::string>>()});
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
  std::sort(queries.begin(), queries.end(),
            [](const Query& a, const Query& b) { return a.id < b.id; });
  if (limit > 0 && queries.size() > limit) queries.resize(limit);
  return queries;
}

}  // namespace sotay::bench
