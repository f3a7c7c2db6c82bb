#include "review_items.h"

#include <exception>
#include <map>

#include "content_loader.h"
#include "diff_html.h"
#include "front_matter.h"
#include "text.h"
#include "url.h"
#include "utc_time.h"

namespace sotay {

using json = nlohmann::json;

namespace {

// The diff, preview and size of change of a pending submission.
void add_content(const Publisher& publisher, const Submission& s, json& item) {
  std::string text;
  try {
    text = publisher.inbox().markdown(s.id);
  } catch (const std::exception& e) {
    item["problem"] = e.what();
    return;
  }
  std::vector<ContentError> ignored;
  const auto doc = load_document(s.path, text, ignored);
  item["preview"] = doc ? doc->html : "<p>" + html_escape("(không hiển thị được)") + "</p>";
  // NFC both: a file typed with decomposed accents differs in bytes only.
  const std::string published = publisher.published_text(s);
  // Now, not when submitted: an approval since may have published the document.
  item["replaces"] = !published.empty();
  const auto diff = line_diff(to_nfc(published), to_nfc(text));
  const DiffCounts counts = diff_counts(diff);
  item["added"] = counts.added;
  item["removed"] = counts.removed;
  item["unchanged"] = counts.added == 0 && counts.removed == 0;
  item["diff"] = diff_html(diff);
}

}  // namespace

std::optional<Submission> newer_pending(const std::vector<Submission>& list, const Submission& s) {
  std::optional<Submission> newest;
  for (const Submission& other : list) {
    if (other.status != STATUS_PENDING || other.doc_id != s.doc_id || other.id <= s.id) continue;
    if (!newest || other.id > newest->id) newest = other;
  }
  return newest;
}

std::optional<std::pair<std::string, std::string>> department_change(const Publisher& publisher,
                                                                     const Submission& s) {
  const std::string published = publisher.published_text(s);
  if (published.empty()) return std::nullopt;
  std::vector<ContentError> errors;
  const ParsedFile parsed = parse_content_file(s.path, published, errors);
  const std::string& from = parsed.meta.department;
  if (from.empty() || to_nfc(from) == to_nfc(s.department)) return std::nullopt;
  return std::make_pair(from, s.department);
}

json review_version(const Publisher& publisher, const Submission& s) {
  json item = submission_json(s);
  item["time_local"] = hanoi_time(s.time);
  item["replaces"] = s.replaces;  // add_content(): whether it does now
  item["status_label"] = submission_status_label(s);
  item["decided_by"] = s.decided_by;  // for editors only
  item["decided_local"] = hanoi_time(s.decided_at);
  if (s.status != STATUS_PENDING) return item;
  add_content(publisher, s, item);
  if (const auto change = department_change(publisher, s)) {
    item["department_change"] = {{"from", change->first}, {"to", change->second}};
  }
  const auto warnings = item.find("warnings");
  item["has_warnings"] = warnings != item.end() && warnings->is_array() && !warnings->empty();
  return item;
}

json review_pending(const Publisher& publisher, const std::vector<Submission>& list) {
  json groups = json::array();
  std::map<std::string, std::size_t> group_of;  // doc id -> index in groups
  std::size_t pending = 0;
  for (const Submission& s : list) {  // newest first
    if (s.status != STATUS_PENDING) continue;
    ++pending;
    json version = review_version(publisher, s);
    const auto [at, fresh] = group_of.emplace(s.doc_id, groups.size());
    if (fresh) {
      groups.push_back({{"document", s.doc_id},
                        {"title", s.title},
                        {"department", s.department},
                        {"versions", json::array()}});
      version["newest"] = true;
    } else {
      const json& newest = groups[at->second]["versions"][0];
      version["older"] = true;
      version["newer_time_local"] = newest["time_local"];
      version["newer_time"] = newest["time"];
    }
    groups[at->second]["versions"].push_back(std::move(version));
  }
  for (json& g : groups) {
    g["id"] = g["versions"][0]["id"];  // the newest version's, for the anchor
    g["count"] = g["versions"].size();
    g["several"] = g["versions"].size() > 1;
  }
  return {{"groups", groups}, {"pending_count", pending}, {"document_count", groups.size()}};
}

json review_decided(const std::vector<Submission>& list, std::size_t limit) {
  std::vector<const Submission*> decided;
  for (const Submission& s : list) {
    if (s.status != STATUS_PENDING) decided.push_back(&s);
  }
  // Most recently decided first (ISO stamps sort as strings).
  std::stable_sort(decided.begin(), decided.end(), [](const Submission* a, const Submission* b) {
    return a->decided_at > b->decided_at;
  });
  json out = json::array();
  for (const Submission* s : decided) {
    if (out.size() >= limit) break;
    json item = submission_json(*s);
    item["status_label"] = submission_status_label(*s);
    item["decided_by"] = s->decided_by;
    item["decided_local"] = hanoi_time(s->decided_at);
    item["approved"] = s->status == STATUS_APPROVED;
    item["link"] = doc_url(s->doc_id);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace sotay
