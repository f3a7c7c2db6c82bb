#include "inbox.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "files.h"
#include "hash.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;

nlohmann::json Submission::to_json() const {
  return {{"id", id},
          {"doc_id", doc_id},
          {"path", path},
          {"title", title},
          {"department", department},
          {"submitter", submitter},
          {"submitter_name", submitter_name},
          {"time", time},
          {"status", status},
          {"reason", reason},
          {"hash", hash},
          {"decided_by", decided_by},
          {"decided_at", decided_at},
          {"previous_department", previous_department},
          {"replaces", replaces},
          {"warnings", warnings},
          {"original", original},
          {"original_source", original_source},
          {"original_hash", original_hash},
          {"rolled_back_to", rolled_back_to},
          {"rolled_back_at", rolled_back_at}};
}

Submission Submission::from_json(const nlohmann::json& j) {
  Submission s;
  s.id = j.value("id", "");
  s.doc_id = j.value("doc_id", "");
  s.path = j.value("path", "");
  s.title = j.value("title", "");
  s.department = j.value("department", "");
  s.submitter = j.value("submitter", "");
  s.submitter_name = j.value("submitter_name", "");
  s.time = j.value("time", "");
  s.status = j.value("status", STATUS_PENDING);
  s.reason = j.value("reason", "");
  s.hash = j.value("hash", "");
  s.decided_by = j.value("decided_by", "");
  s.decided_at = j.value("decided_at", "");
  s.replaces = j.value("replaces", false);
  s.previous_department = j.value("previous_department", "");
  s.warnings = j.value("warnings", std::vector<std::string>{});
  s.original = j.value("original", "");
  s.original_source = j.value("original_source", "");
  s.original_hash = j.value("original_hash", "");
  s.rolled_back_to = j.value("rolled_back_to", "");
  s.rolled_back_at = j.value("rolled_back_at", "");
  return s;
}

nlohmann::json submission_json(const Submission& s) {
  nlohmann::json j = {{"id", s.id},
                      {"document", s.doc_id},
                      {"path", "content/" + s.path},
                      {"title", s.title},
                      {"department", s.department},
                      {"submitter", s.submitter_name},
                      {"time", s.time},
                      {"status", s.status},
                      {"reason", s.reason},
                      {"decided_at", s.decided_at},
                      {"previous_department", s.previous_department},
                      {"hash", s.hash},
                      {"warnings", s.warnings}};
  // A carried original file: its name beside the content file, and the
  // department's own file name.
  if (!s.original.empty()) {
    j["original"] = s.original;
    j["original_source"] = s.original_source;
  }
  if (!s.rolled_back_to.empty()) {
    j["rolled_back_to"] = s.rolled_back_to;
    j["rolled_back_at"] = s.rolled_back_at;
  }
  return j;
}

std::string submission_status_label(const Submission& s) {
  if (s.status == STATUS_APPROVED) {
    return s.rolled_back_to.empty() ? "đã duyệt" : "đã duyệt, đã gỡ khi quay về ấn bản trước";
  }
  if (s.status == STATUS_REJECTED) return "bị từ chối";
  return "chờ duyệt";
}

bool is_submission_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

Submission Inbox::add(Submission meta, std::string_view markdown, std::string_view original) const {
  // Ids sort by time (to the millisecond), then a random part.
  const auto now = std::chrono::system_clock::now();
  meta.id = utc_stamp(now, UtcFormat::ID_MILLIS) + "-" + random_hex(4);
  meta.time = utc_stamp(now, UtcFormat::ISO);
  meta.status = STATUS_PENDING;
  meta.hash = sha256_hex(markdown);
  if (!original.empty()) {
    meta.original_hash = sha256_hex(original);
    write_file_atomic(dir_ / (meta.id + ".original"), original, 0600);
  }
  write_file_atomic(dir_ / (meta.id + ".md"), markdown, 0600);
  write_file_atomic(dir_ / (meta.id + ".json"), meta.to_json().dump(2) + "\n", 0600);
  return meta;
}

std::vector<Submission> Inbox::list() const {
  std::vector<Submission> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".json" || !is_submission_id(p.stem().string())) continue;
    try {
      out.push_back(Submission::from_json(nlohmann::json::parse(read_file(p))));
    } catch (const std::exception&) {
      // A .json is only ever replaced by rename, so it is whole; skip others.
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Submission& a, const Submission& b) { return a.id > b.id; });
  return out;
}

std::optional<Submission> Inbox::get(std::string_view id) const {
  if (!is_submission_id(id)) return std::nullopt;
  const fs::path p = dir_ / (std::string(id) + ".json");
  std::error_code ec;
  if (!fs::exists(p, ec)) return std::nullopt;
  return Submission::from_json(nlohmann::json::parse(read_file(p)));
}

std::string Inbox::markdown(std::string_view id) const {
  if (!is_submission_id(id)) throw std::runtime_error("mã bài nộp không hợp lệ");
  return read_file(dir_ / (std::string(id) + ".md"));
}

std::string Inbox::original(std::string_view id) const {
  if (!is_submission_id(id)) throw std::runtime_error("mã bài nộp không hợp lệ");
  return read_file(dir_ / (std::string(id) + ".original"));
}

void Inbox::update(const Submission& s) const {
  if (!is_submission_id(s.id)) throw std::runtime_error("mã bài nộp không hợp lệ");
  write_file_atomic(dir_ / (s.id + ".json"), s.to_json().dump(2) + "\n", 0600);
}

}  // namespace sotay
