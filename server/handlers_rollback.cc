// /bien-tap, section "Ấn bản": the published editions, the last rollback,
// and a form per other edition. POST /bien-tap/quay-ve/<edition> answers
// with a confirmation page that says what will be restored, moved or why
// it cannot be done (a plain form, no JavaScript); confirmed
// (confirm=1), it rolls back content/ and the edition (workflow/rollback.h).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "edition.h"
#include "edition_admin.h"
#include "handlers_submit.h"
#include "http_util.h"
#include "rollback.h"
#include "utc_time.h"

namespace sotay {

using json = nlohmann::json;

namespace {

json files_json(const std::vector<RollbackFile>& files) {
  json out = json::array();
  for (const RollbackFile& f : files) out.push_back({{"path", f.path}, {"from", f.from}});
  return out;
}

// The edition `id` as the pages show it, or nullopt when there is none.
std::optional<EditionInfo> find_edition(const std::vector<EditionInfo>& all,
                                        const std::string& id) {
  for (const EditionInfo& e : all) {
    if (e.id == id) return e;
  }
  return std::nullopt;
}

// "van-phong/a, van-phong/b": what an edition published ("" when unknown).
std::string changes_text(const std::map<std::string, std::vector<std::string>>& published,
                         const std::string& id) {
  const auto it = published.find(id);
  std::string out;
  if (it == published.end()) return out;
  for (const std::string& doc : it->second) out += (out.empty() ? "" : ", ") + doc;
  return out;
}

}  // namespace

json SubmissionHandlers::editions_json() const {
  const PublishOptions& o = publisher_.options();
  const std::vector<EditionInfo> all = describe_editions(o.index_root);
  std::string current;
  for (const EditionInfo& e : all) {
    if (e.current) current = e.id;
  }
  const auto published = edition_documents(o.audit_file);
  json list = json::array();
  // Newest first: the one an editor looks for is near the top.
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    list.push_back({{"id", it->id},
                    {"built", it->built.empty() ? "không rõ" : hanoi_time(it->built)},
                    {"documents", it->documents},
                    {"current", it->current},
                    {"older", !it->current && it->id < current},
                    {"newer", !it->current && it->id > current},
                    {"problem", it->problem},
                    {"changes", changes_text(published, it->id)}});
  }
  json out = {{"list", list}, {"current", current}, {"last_rollback", false}};
  if (const auto last = last_rollback(o.audit_file)) {
    out["last_rollback"] = {
        {"by", last->contains("by") ? (*last)["by"].value("name", "") : std::string()},
        {"when", hanoi_time(last->value("time", ""))},
        {"edition", last->value("edition", "")},
        {"previous", last->value("previous_edition", "")}};
  }
  return out;
}

void SubmissionHandlers::rollback(const httplib::Request& req, httplib::Response& res) {
  const auto s = editor_form_session(req, res);
  if (!s) return;
  if (!s->second.editor.editor()) {  // a department's session, should there be one
    page(res, 403, "error",
         {{"page_title", "Không được phép"},
          {"heading", "Không được phép"},
          {"message", "Chỉ biên tập viên được quay về ấn bản trước."}});
    return;
  }
  const std::string id = req.matches[1];
  const std::vector<EditionInfo> all = describe_editions(publisher_.options().index_root);
  const std::optional<EditionInfo> edition = find_edition(all, id);
  if (!edition) {
    page(res, 404, "error",
         {{"page_title", "Không tìm thấy"},
          {"heading", "Không có ấn bản này"},
          {"message", "Không có ấn bản " + id + ". Hãy tải lại trang biên tập và chọn lại."}});
    return;
  }
  json data = {{"page_title", "Quay về ấn bản"},
               {"csrf", s->second.csrf},
               {"edition", edition->id},
               {"built", edition->built.empty() ? "không rõ" : hanoi_time(edition->built)},
               {"documents", edition->documents}};
  try {
    if (form_value(req, "confirm") != "1") {
      const RollbackPlan plan = plan_rollback(publisher_.options(), id);
      data["previous"] = plan.previous;
      data["problems"] = plan.problems;
      data["refused"] = !plan.ok();
      data["restore"] = files_json(plan.restore);
      data["originals"] = files_json(plan.originals);
      data["move"] = files_json(plan.move);
      data["has_restore"] = !plan.restore.empty();
      data["has_originals"] = !plan.originals.empty();
      data["has_move"] = !plan.move.empty();
      data["nothing"] = plan.restore.empty() && plan.originals.empty() && plan.move.empty();
      page(res, plan.ok() ? 200 : 409, "rollback", data);
      return;
    }
    publisher_.rollback(id, s->second.editor);
    watcher_.poll();
    see_other(res, "/bien-tap#an-ban");
  } catch (const RollbackRefused& e) {
    data["problems"] = e.problems;
    data["refused"] = true;
    page(res, 409, "rollback", data);
  } catch (const IndexBusyError&) {
    // `sotay-indexer build` (or another approval) holds the index: the
    // rollback took nothing apart before the lock, so it can simply be retried.
    data["problems"] = {
        "Chỉ mục đang được xây dựng (lệnh sotay-indexer build hoặc một lần duyệt khác đang "
        "chạy). Hãy đợi vài phút rồi quay về lại."};
    data["refused"] = true;
    res.set_header("Retry-After", "60");
    page(res, 503, "rollback", data);
  }
}

}  // namespace sotay
