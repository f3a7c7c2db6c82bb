// The /nop form: its fields, how they become a content file, and the page
// that shows them again with every error beside its field.
#include "handlers_nop_form.h"

#include "catalog.h"
#include "files.h"
#include "handlers_submit.h"
#include "index_contract.h"
#include "pages.h"
#include "relations.h"
#include "text.h"
#include "validity.h"

namespace sotay {

using json = nlohmann::json;

namespace {

// The fields the form shows, in the order of the page.
constexpr const char* FIELDS[] = {
    "title",     "department", "field",   "type",   "number",           "issuer",
    "issued",    "effective",  "expires", "status", "expired_articles", "tags",
    "relations", "body",       "id"};

std::string last_part(const std::string& id) {
  const std::size_t slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

std::string upper_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// The fields a submission cannot go without.
void check_required(NopForm& form) {
  if (trim(form.title).empty()) {
    form.problem("title",
                 "chưa nhập. Hãy gõ tên (trích yếu) của văn bản, ví dụ \"Quy chế làm "
                 "việc của Ủy ban nhân dân phường\".");
  }
  if (trim(form.department).empty()) {
    form.problem("department", "chưa chọn. Hãy chọn đơn vị ban hành hoặc quản lý văn bản.");
  }
  std::vector<ContentError> errors;  // relations.h
  relations_from_text(form.relations, errors);
  for (const ContentError& e : errors) {
    form.problem("relations", "dòng " + std::to_string(e.line) + ": " + e.message);
  }
  if (trim(form.body).empty()) {
    form.problem("body",
                 "đang trống. Hãy dán hoặc gõ nội dung văn bản vào ô này, hoặc tải lên tệp.");
  }
}

// The choices of "Tình trạng": every status front matter can hold.
json status_options(const std::string& selected) {
  json out = json::array();
  for (const Validity v : {Validity::IN_FORCE, Validity::NOT_YET_IN_FORCE, Validity::EXPIRED,
                           Validity::PARTLY_EXPIRED, Validity::SUSPENDED}) {
    const std::string code(validity_code(v));
    out.push_back({{"value", code}, {"label", validity_label(v)}, {"selected", code == selected}});
  }
  return out;
}

// "YYYY-MM-DD" as the date input sends it (the file check refuses impossible days).
bool form_date(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
         text.find_first_not_of("0123456789-") == std::string::npos;
}

// The dates and the status agree, said in the form's words (a clerk never
// sees the front matter keys the file checks would name).
void check_validity_fields(NopForm& form) {
  const std::string effective(trim(form.effective));
  const std::string expires(trim(form.expires));
  if (!expires.empty() && !form_date(expires)) {
    form.problem("expires", "\"" + expires +
                                "\" không phải là một ngày. Hãy chọn ngày trong lịch, hoặc "
                                "để trống nếu văn bản chưa có ngày hết hiệu lực.");
  } else if (!expires.empty() && form_date(effective) && expires <= effective) {
    form.problem("expires", "ngày " + vietnamese_date(expires) + " không sau ngày có hiệu lực " +
                                vietnamese_date(effective) +
                                ". Văn bản chỉ hết hiệu lực sau ngày nó có hiệu lực: hãy sửa "
                                "một trong hai ngày.");
  }
  const bool partly = form.status == "partly-expired";
  if (partly && trim(form.expired_articles).empty()) {
    form.problem("expired_articles",
                 "chưa ghi điều nào. Văn bản hết hiệu lực một phần: hãy ghi số các điều đã "
                 "hết hiệu lực, cách nhau bằng dấu phẩy, ví dụ \"5, 7\".");
  } else if (partly) {
    bool ok = true;
    parse_articles(form.expired_articles, ok);
    if (!ok) {
      form.problem("expired_articles",
                   "không đọc được \"" + std::string(trim(form.expired_articles)) +
                       "\". Hãy chỉ ghi số các điều, cách nhau bằng dấu phẩy, ví dụ \"5, 7\" "
                       "hoặc \"Điều 5, Điều 7\".");
    }
  } else if (!trim(form.expired_articles).empty()) {
    form.problem("expired_articles",
                 "chỉ ghi khi văn bản hết hiệu lực một phần. Hãy chọn tình trạng \"Hết hiệu "
                 "lực một phần\", hoặc xóa các điều trong ô này.");
  }
}

// The names of an edition summary's list ("fields", "types", …).
json edition_names(const json& edition, const char* key) {
  json out = json::array();
  for (const json& item : edition.value(key, json::array())) {
    out.push_back(item.value("name", ""));
  }
  return out;
}

// Extra front matter kept in a draft over `meta` (fields the form does not show).
void apply_extra(const json& extra, FrontMatter& meta) {
  for (const auto& [key, field] : {std::pair<const char*, std::string*>{"place", &meta.place},
                                   {"signer", &meta.signer},
                                   {"signer_position", &meta.signer_position},
                                   {"signer_authority", &meta.signer_authority},
                                   {"superseded_by", &meta.superseded_by},
                                   {"original", &meta.original}}) {
    if (extra.contains(key) && extra[key].is_string()) *field = extra[key].get<std::string>();
  }
  if (extra.contains("recipients") && extra["recipients"].is_array()) {
    meta.recipients = extra["recipients"].get<std::vector<std::string>>();
  }
}

}  // namespace

const char* field_label(const std::string& field) {
  static const std::map<std::string, const char*> labels = {
      {"title", "Tên văn bản"},
      {"department", "Đơn vị"},
      {"field", "Lĩnh vực"},
      {"type", "Loại văn bản"},
      {"number", "Số hiệu"},
      {"issuer", "Cơ quan ban hành"},
      {"issued", "Ngày ban hành"},
      {"effective", "Ngày hiệu lực"},
      {"expires", "Ngày hết hiệu lực"},
      {"status", "Tình trạng"},
      {"expired_articles", "Các điều hết hiệu lực"},
      {"tags", "Từ khoá"},
      {"body", "Nội dung"},
      {"id", "Mã văn bản"},
      {"relations", "Quan hệ với văn bản khác"},
      {"original", "Tệp bản gốc"}};
  const auto it = labels.find(field);
  return it == labels.end() ? "" : it->second;
}

NopForm NopForm::read(const std::function<std::string(const char*)>& value) {
  NopForm f;
  for (const auto& [name, target] : {std::pair<const char*, std::string*>{"title", &f.title},
                                     {"department", &f.department},
                                     {"field", &f.field},
                                     {"type", &f.type},
                                     {"number", &f.number},
                                     {"issuer", &f.issuer},
                                     {"issued", &f.issued},
                                     {"effective", &f.effective},
                                     {"expires", &f.expires},
                                     {"expired_articles", &f.expired_articles},
                                     {"tags", &f.tags},
                                     {"relations", &f.relations},
                                     {"body", &f.body},
                                     {"edit", &f.edit},
                                     {"id", &f.id},
                                     {"draft", &f.draft}}) {
    *target = sanitize_utf8(value(name));
  }
  const std::optional<Validity> status = validity_from_code(value("status"));
  f.status = std::string(validity_code(status.value_or(Validity::IN_FORCE)));
  return f;
}

void NopForm::apply_to(FrontMatter& meta) const {
  meta.title = std::string(trim(title));
  meta.department = std::string(trim(department));
  meta.field = std::string(trim(field));
  meta.type = std::string(trim(type));
  meta.number = std::string(trim(number));
  meta.issuer = std::string(trim(issuer));
  meta.issued = std::string(trim(issued));
  meta.effective = std::string(trim(effective));
  meta.expires = std::string(trim(expires));
  meta.status = status;
  bool ok = true;  // checked by check_validity_fields
  meta.expired_articles = status == "partly-expired" ? parse_articles(expired_articles, ok)
                                                     : std::vector<std::string>{};
  meta.tags = split_tags(tags);
  std::vector<ContentError> ignored;  // reported by check_required
  meta.relations = relations_from_text(relations, ignored);
}

void NopForm::fill(const FrontMatter& meta, const std::string& markdown_body) {
  title = meta.title;
  if (!meta.department.empty()) department = meta.department;
  field = meta.field;
  type = meta.type;
  number = meta.number;
  issuer = meta.issuer;
  issued = meta.issued;
  effective = meta.effective;
  expires = meta.expires;
  const std::optional<Validity> written = parse_validity(meta.status);
  status = std::string(validity_code(written.value_or(Validity::IN_FORCE)));
  expired_articles = joined(meta.expired_articles, ", ");
  tags = joined(meta.tags, ", ");
  relations = relations_to_text(meta.relations);
  body = markdown_body;
  // A blank line or two after the front matter is not the clerk's text.
  while (!body.empty() && body.front() == '\n') body.erase(0, 1);
}

void NopForm::problem(const std::string& field_name, const std::string& message) {
  const char* label = field_label(field_name);
  messages.push_back(*label ? std::string(label) + ": " + message : message);
  if (*label) problems[field_name].push_back(message);
}

void NopForm::file_errors(const ComposedFile& file, const std::vector<ContentError>& errors) {
  for (const ContentError& e : errors) {
    if (const int line = body_box_line(file, e.line); line > 0) {
      problem("body", "dòng " + std::to_string(line) + " của ô nội dung: " + e.message);
      continue;
    }
    std::string at;
    for (const auto& [key, key_line] : file.key_lines) {
      if (key_line == e.line) at = key;
    }
    if (at == "original") at.clear();
    problem(*field_label(at) ? at : "", e.message);
  }
}

json NopForm::to_json() const {
  json v = {{"title", title},
            {"department", department},
            {"field", field},
            {"type", type},
            {"number", number},
            {"issuer", issuer},
            {"issued", issued},
            {"effective", effective},
            {"tags", tags},
            {"expires", expires},
            {"expired_articles", expired_articles},
            {"body", body},
            {"relations", relations},
            {"edit", edit},
            {"id", id}};
  json out = {{"v", v},
              {"in_force", status == "in-force"},
              {"expired", status == "expired"},
              {"statuses", status_options(status)},
              {"partly", status == "partly-expired"},
              {"errors", messages},
              {"has_errors", !messages.empty()},
              {"notes", notes},
              {"has_notes", !notes.empty()},
              {"notice", notice},
              {"preview", preview_html},
              {"editing", !edit.empty()},
              {"advanced_open", !id.empty() || problems.count("id") > 0},
              {"relations_open", !trim(relations).empty() || problems.count("relations") > 0}};
  for (const char* f : FIELDS) {
    if (const auto it = problems.find(f); it != problems.end()) {
      out[std::string("p_") + f] = joined(it->second, " ");
    }
    if (const auto it = uncertain.find(f); it != uncertain.end()) {
      out[std::string("u_") + f] = it->second;
    }
  }
  if (attached) {
    out["draft"] = {{"id", attached->id},
                    {"name", attached->source_name},
                    {"has_original", !attached->extension.empty()},
                    {"kind", upper_ascii(attached->extension)}};
  }
  if (!accepted.is_null()) out["accepted"] = accepted;
  return out;
}

std::optional<ParsedFile> published_document(Searcher& searcher,
                                             const std::filesystem::path& content_dir,
                                             const std::string& id) {
  const auto doc = searcher.document(id);
  if (!doc) return std::nullopt;
  const std::string path = doc->value("source_path", "");
  if (path.empty()) return std::nullopt;
  std::string bytes;
  try {
    bytes = read_file(content_dir / path);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::vector<ContentError> errors;
  ParsedFile parsed = parse_content_file(path, bytes, errors);
  if (!errors.empty()) return std::nullopt;
  return parsed;
}

void SubmissionHandlers::nop_form_page(httplib::Response& res, int status, const Session* session,
                                       NopForm& form) {
  json data = form.to_json();
  data["page_title"] = "Nộp văn bản";
  data["form"] = true;
  try {
    const std::shared_ptr<Searcher> searcher = watcher_.searcher();
    const json& edition = searcher->edition();
    data["fields"] = edition_names(edition, "fields");
    data["types"] = edition_names(edition, "types");
    data["departments"] = edition_names(edition, "departments");
    if (session && !session->editor.editor()) {
      json documents = json::array();
      for (const DocumentEntry& e : list_documents(searcher->database(), BrowseFacet::DEPARTMENT,
                                                   filter_slug(session->editor.name))) {
        documents.push_back({{"id", e.id}, {"title", e.title}, {"selected", e.id == form.edit}});
      }
      data["documents"] = documents;
      data["has_documents"] = !documents.empty();
    }
  } catch (const std::exception&) {
    // No edition yet: free text for every field.
  }
  if (session) {
    data["who"] = session->editor.name;
    data["is_editor"] = session->editor.editor();
    data["csrf"] = session->csrf;
  } else {
    data["relogin"] = true;
    data["csrf"] = issue_form_csrf(res, "sotay_nop_csrf", "/nop");
  }
  page(res, status, "submit", data);
}

int SubmissionHandlers::nop_submit(const Principal& who, NopForm& form) {
  if (!who.editor()) form.department = who.name;
  check_required(form);
  check_validity_fields(form);
  FrontMatter meta;
  if (!form.edit.empty()) {
    const auto published =
        published_document(*watcher_.searcher(), publisher_.options().content_dir, form.edit);
    if (!published) {
      form.problem("", "Không tìm thấy văn bản đang đăng \"" + form.edit +
                           "\" để sửa; hãy chọn lại văn bản, hoặc chọn \"Văn bản mới\".");
    } else if (!who.editor() && to_nfc(published->meta.department) != to_nfc(who.name)) {
      form.problem("", "Văn bản \"" + published->meta.title + "\" thuộc đơn vị \"" +
                           published->meta.department +
                           "\": mỗi đơn vị chỉ sửa được văn bản của mình. Hãy báo biên tập viên.");
      return 403;
    } else {
      meta = published->meta;
    }
  }
  if (!form.messages.empty()) return 422;
  if (form.attached) apply_extra(form.attached->extra, meta);
  form.apply_to(meta);
  meta.id = !form.edit.empty()       ? form.edit
            : !trim(form.id).empty() ? std::string(trim(form.id))
                                     : publisher_.propose_id(meta.department, meta.title);
  CarriedOriginal carried;
  const bool carries = form.attached && !form.attached->extension.empty();
  if (carries) {
    const std::string ext = "." + form.attached->extension;
    const bool same_kind =
        meta.original.size() > ext.size() &&
        meta.original.compare(meta.original.size() - ext.size(), ext.size(), ext) == 0;
    if (form.edit.empty() || !same_kind) meta.original = last_part(meta.id) + ext;
    carried = {form.attached->source_name, drafts_.original(*form.attached)};
  }
  if (!submissions_per_token_.allow(who.token_id)) {
    form.problem("",
                 "Nộp quá nhiều lần trong một phút. Hãy đợi một phút rồi bấm \"Nộp văn bản\" "
                 "lần nữa: mọi thứ đã nhập vẫn còn.");
    return 429;
  }
  const ComposedFile file = compose_content_file(meta, form.body);
  if (file.text.size() > limits_.max_bytes) {
    form.problem("body", "quá dài (tối đa " + std::to_string(limits_.max_bytes >> 20) +
                             " MB). Hãy chia văn bản thành nhiều phần.");
    return 413;
  }
  const SubmitResult r = publisher_.submit(who, file.text, carries ? &carried : nullptr);
  if (r.forbidden) {
    form.problem("department", r.message);
    return 403;
  }
  if (!r.submission) {
    form.file_errors(file, r.errors);
    return 422;
  }
  if (form.attached) drafts_.remove(form.attached->id);
  form.accepted = submission_json(*r.submission);
  return 201;
}

}  // namespace sotay
