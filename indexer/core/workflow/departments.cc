#include "departments.h"

#include <algorithm>
#include <set>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "content_loader.h"
#include "files.h"
#include "front_matter.h"
#include "slug.h"
#include "text.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

// The `departments:` list of content/_site.yaml, when there is one.
void site_departments(const fs::path& content_dir, std::set<std::string>& out) {
  std::error_code ec;
  const fs::path file = content_dir / "_site.yaml";
  if (!fs::is_regular_file(file, ec)) return;
  try {
    const YAML::Node root = YAML::Load(read_file(file));
    if (!root.IsMap() || !root["departments"] || !root["departments"].IsSequence()) return;
    for (const YAML::Node& n : root["departments"]) {
      if (n.IsScalar() && !trim(n.Scalar()).empty()) out.insert(to_nfc(trim(n.Scalar())));
    }
  } catch (const std::exception&) {
    // A broken _site.yaml is `check`'s to report; its list is then unknown.
  }
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> known_departments(const fs::path& content_dir) {
  std::set<std::string> names;
  for_each_front_matter(content_dir, [&](const std::string&, const FrontMatter& meta) {
    const std::string dept = to_nfc(trim(meta.department));
    if (!dept.empty()) names.insert(dept);
    return true;
  });
  site_departments(content_dir, names);
  return {names.begin(), names.end()};
}

bool is_known_department(const std::string& name, const std::vector<std::string>& known) {
  const std::string n = to_nfc(trim(name));
  return std::find(known.begin(), known.end(), n) != known.end();
}

std::vector<std::string> nearest_departments(const std::string& name,
                                             const std::vector<std::string>& known, std::size_t n) {
  const std::string slug = slugify(name);
  // Near enough to be a misspelling: at most half the letters differ.
  const std::size_t limit = std::max<std::size_t>(2, slug.size() / 2);
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(slug, slugify(k));
    if (d <= limit) ranked.emplace_back(d, k);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < n; ++i) out.push_back(ranked[i].second);
  return out;
}

}  // namespace sotay
