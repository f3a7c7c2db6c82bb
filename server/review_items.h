// What the review page (/bien-tap) shows of the inbox: pending submissions
// grouped by document, each version with its diff, preview, size of change,
// department change and warnings; times in Hà Nội time. Pure functions of
// the Publisher's inbox and content; the handlers render them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "inbox.h"
#include "publish.h"

namespace sotay {

// The newest pending submission of the same document that is newer than
// `s` (in `list`, the inbox's list), or nullopt.
std::optional<Submission> newer_pending(const std::vector<Submission>& list, const Submission& s);

// {from, to} when the published file of `s` names another department than
// `s` does; nullopt for a new document or the same department.
std::optional<std::pair<std::string, std::string>> department_change(const Publisher& publisher,
                                                                     const Submission& s);

// One submission as the page shows it: submission_json() plus "time_local",
// "replaces", and for a pending one "added", "removed", "diff", "preview"
// (or "problem"), "department_change" {"from", "to"}, "has_warnings".
nlohmann::json review_version(const Publisher& publisher, const Submission& s);

// The pending submissions, grouped: {"groups": [{"document", "title",
// "department", "count", "several", "versions": [newest first; older ones
// carry "older": true and "newer_time_local"]}] (newest group first),
// "pending_count", "document_count"}.
nlohmann::json review_pending(const Publisher& publisher, const std::vector<Submission>& list);

// The `limit` most recently decided submissions, for the page's history.
nlohmann::json review_decided(const std::vector<Submission>& list, std::size_t limit);

}  // namespace sotay
