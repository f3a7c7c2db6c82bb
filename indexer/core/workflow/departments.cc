#include "departments.h"

#include <algorithm>
#include <set>
#include <utility>

#include "content_loader.h"
#include "front_matter.h"
#include "site_settings.h"
#include "slug.h"
#include "text.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

// The `departments:` list of content/_site.yaml, when there is one. A
// broken _site.yaml is `check`'s to report; what could be read still counts.
void site_departments(const fs::path& content_dir, std::set<std::string>& out) {
  std::vector<ContentError> ignored;
  for (std::string& name : SiteSettings::load(content_dir, ignored).departments) {
    out.insert(std::move(name));
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
