// POST /api/import: a department's real document (PDF, scan, Word file,
// legacy-encoded text) converted into a proposed content file. The
// conversion runs in `sotay-indexer convert`, a sandboxed subprocess with
// time, memory and output limits in a private job directory: a hostile
// file can crash or hang it, never the server.
#include <unistd.h>

#include <string>

#include <nlohmann/json.hpp>

#include "files.h"
#include "handlers_submit.h"
#include "http_util.h"
#include "subprocess.h"
#include "text.h"

namespace sotay {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The client's file name reduced to a safe base name for the job
// directory and messages: its extension is kept, the rest may be anything.
std::string safe_file_name(std::string name) {
  if (const std::size_t slash = name.find_last_of("/\\"); slash != std::string::npos) {
    name = name.substr(slash + 1);
  }
  std::string out;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  while (!out.empty() && out[0] == '.') out.erase(0, 1);
  if (out.size() > 120) out = out.substr(out.size() - 120);
  return out.empty() ? "tep" : out;
}

fs::path default_indexer() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("sotay-indexer") : self.parent_path() / "sotay-indexer";
}

void send_import_error(httplib::Response& res, int status, const std::string& file,
                       const std::string& message) {
  send_json(res, status, {{"errors", json::array({{{"file", file}, {"message", message}}})}});
}

}  // namespace

ConvertOutcome SubmissionHandlers::convert_upload(const std::string& bytes,
                                                  const std::string& shown,
                                                  const std::string& department,
                                                  const std::string& field) {
  if (!imports_running_.try_acquire_for(std::chrono::seconds(5))) {
    return {503, "máy chủ đang chuyển đổi các tệp khác; hãy thử lại sau ít phút", {}};
  }
  struct Release {
    std::counting_semaphore<64>& s;
    ~Release() { s.release(); }
  } release{imports_running_};

  JobDirectory job;
  const fs::path file = job.path() / safe_file_name(shown);
  write_file_atomic(file, bytes, 0600);
  const fs::path indexer = limits_.indexer.empty() ? default_indexer() : limits_.indexer;
  SubprocessLimits limits;
  limits.seconds = limits_.import_seconds;
  limits.memory_bytes = 0;  // the converters it runs set their own (pandoc's GHC needs it so)
  limits.output_bytes = 16u << 20;
  std::vector<std::string> argv = {indexer.string(), "convert", file.string(), "--department",
                                   department};
  if (!field.empty()) argv.insert(argv.end(), {"--field", field});
  const SubprocessResult run = run_subprocess(argv, limits, job.path());
  const json out = json::parse(run.out, nullptr, false);
  if (!out.is_object() || !out.contains("ok")) {
    return {422, "không chuyển đổi được: " + run.describe(limits), {}};
  }
  if (!out.value("ok", false)) return {422, out.value("error", "không chuyển đổi được"), {}};
  json document = out.at("document");
  document["source_name"] = shown;
  return {200, {}, document};
}

void SubmissionHandlers::api_import(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  const std::optional<Principal> who = api_principal(req, res);
  if (!who) return;
  const std::string shown = sanitize_utf8(
      req.has_param("filename") ? req.get_param_value("filename") : std::string("tệp"));
  if (req.body.size() > limits_.max_import_bytes) {
    send_api_error(
        res, 413,
        shown + ": tệp quá lớn (tối đa " + std::to_string(limits_.max_import_bytes >> 20) + " MB)");
    return;
  }
  if (req.body.empty()) {
    send_import_error(res, 400, shown, "thân yêu cầu trống: hãy gửi tệp văn bản");
    return;
  }
  const std::string department =
      who->editor() && req.has_param("department") ? req.get_param_value("department") : who->name;
  if (trim(department).empty()) {
    send_import_error(res, 400, shown, "thiếu đơn vị: mã biên tập cần ?department=<tên đơn vị>");
    return;
  }
  const ConvertOutcome c = convert_upload(
      req.body, shown, department, req.has_param("field") ? req.get_param_value("field") : "");
  if (c.status == 503) {
    res.set_header("Retry-After", "30");
    send_api_error(res, 503, c.error);
    return;
  }
  if (c.status != 200) {
    send_import_error(res, c.status, shown, c.error);
    return;
  }
  json document = c.document;
  // The id a submission of it would get, for the multipart POST
  // /api/submissions (docs/submissions.md).
  document["proposed_id"] =
      publisher_.propose_id(department, document["fields"].value("title", std::string()));
  send_json(res, 200, {{"document", document}});
}

}  // namespace sotay
