// Files into the /nop form: a Markdown file fills the fields from its front
// matter (or becomes the body), a PDF, scan or Word file is converted by
// the sandboxed `sotay-indexer convert` (handlers_import.cc) and kept as a
// draft to be submitted with the text; a published document opened for
// revision. And the multipart POST /api/submissions that carries an original.
#include "handlers_nop_form.h"
#include "handlers_submit.h"
#include "http_util.h"
#include "markdown.h"
#include "text.h"

namespace sotay {

using json = nlohmann::json;

namespace {

// The client's file name without any folder, as valid UTF-8.
std::string base_name(const std::string& name) {
  const std::size_t slash = name.find_last_of("/\\");
  std::string base = sanitize_utf8(slash == std::string::npos ? name : name.substr(slash + 1));
  return base.empty() ? std::string("tệp") : base;
}

bool ends_with(const std::string& text, std::string_view tail) {
  if (text.size() < tail.size()) return false;
  for (std::size_t i = 0; i < tail.size(); ++i) {
    const char c = text[text.size() - tail.size() + i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != tail[i]) return false;
  }
  return true;
}

// True for valid UTF-8; else an error naming the line.
bool utf8_text(const std::string& content, const std::string& shown, NopForm& form) {
  const auto bad = find_invalid_utf8(content);
  if (!bad) return true;
  form.problem("", shown + ": tệp không phải văn bản UTF-8 (dòng " +
                       std::to_string(line_of(content, *bad)) +
                       "). Hãy mở tệp và lưu lại với mã UTF-8.");
  return false;
}

// The front matter fields a form does not show, to keep them in a draft.
json extra_fields(const FrontMatter& m) {
  json extra = json::object();
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"place", &m.place},
                                   {"signer", &m.signer},
                                   {"signer_position", &m.signer_position},
                                   {"signer_authority", &m.signer_authority},
                                   {"superseded_by", &m.superseded_by},
                                   {"original", &m.original}}) {
    if (!value->empty()) extra[key] = *value;
  }
  if (!m.recipients.empty()) extra["recipients"] = m.recipients;
  return extra;
}

// The fields a converted document asks to check: its to_confirm sentences
// start with the key ("number: …"), `missing` lists keys not found.
void mark_uncertain(const json& document, NopForm& form) {
  for (const json& c : document.value("to_confirm", json::array())) {
    const std::string sentence = c.get<std::string>();
    const std::size_t colon = sentence.find(':');
    const std::string key = colon == std::string::npos ? "" : sentence.substr(0, colon);
    const std::string what = colon == std::string::npos ? sentence : sentence.substr(colon + 2);
    if (*field_label(key) && key != "original") {
      form.uncertain[key] = "Kiểm tra lại: " + what;
    } else {
      form.notes.push_back("Kiểm tra lại: " + sentence);
    }
  }
  for (const json& m : document.value("missing", json::array())) {
    const std::string key = m.get<std::string>();
    if (*field_label(key) && !form.uncertain.count(key)) {
      form.uncertain[key] = "Kiểm tra lại: không tìm thấy trong tệp, hãy điền nếu văn bản có.";
    }
  }
  if (document["fields"].value("title", std::string()).empty()) {
    form.uncertain["title"] = "Kiểm tra lại: không đọc được trích yếu, tạm lấy tên tệp.";
  }
  for (const json& w : document.value("warnings", json::array())) {
    form.notes.push_back(w.get<std::string>());
  }
  // Relations read from the text (relation_proposal.h): proposals only.
  for (const json& r : document.value("relations_proposed", json::array())) {
    form.notes.push_back("Kiểm tra lại quan hệ: " + r.get<std::string>());
  }
}

}  // namespace

void SubmissionHandlers::nop_upload(const Principal& who, NopForm& form,
                                    const httplib::MultipartFormData& file) {
  const std::string shown = base_name(file.filename);
  if (file.content.size() > limits_.max_import_bytes) {
    form.problem("", shown + ": tệp quá lớn (tối đa " +
                         std::to_string(limits_.max_import_bytes >> 20) +
                         " MB). Hãy gửi bản nhỏ hơn, ví dụ bản PDF quét ở độ phân giải thấp hơn.");
    return;
  }
  std::string department = who.editor() ? std::string(trim(form.department)) : who.name;
  std::string text;
  std::string original;
  json document;
  if (ends_with(shown, ".md") || ends_with(shown, ".markdown")) {
    if (!utf8_text(file.content, shown, form)) return;
    text = file.content;
  } else {
    if (department.empty()) {
      form.problem("department", "hãy chọn đơn vị trước khi tải tệp lên.");
      return;
    }
    const ConvertOutcome c = convert_upload(file.content, shown, department, form.field);
    if (c.status != 200) {
      form.problem("", shown + ": " + c.error);
      return;
    }
    document = c.document;
    text = document.value("content", "");
    original = file.content;
  }
  if (document.is_null() && text.rfind("---", 0) != 0) {
    // Plain Markdown without front matter: the body only, the fields stay.
    form.body = text;
    form.preview_html = render_markdown(form.body).html;
    form.notice = "Đã chép nội dung tệp \"" + shown + "\" vào ô nội dung.";
    return;
  }
  FrontMatter meta;
  std::string body = text;
  if (text.rfind("---", 0) == 0) {
    std::vector<ContentError> errors;
    const ParsedFile parsed = parse_content_file("", text, errors);
    for (const ContentError& e : errors) {
      form.problem("", shown + ", dòng " + std::to_string(e.line) + ": " + e.message);
    }
    if (!errors.empty()) return;
    meta = parsed.meta;
    body = parsed.body;
  }
  const std::string kept_department = form.department;
  form.fill(meta, body);
  if (!who.editor()) form.department = who.name;
  if (form.department.empty()) form.department = kept_department;
  if (original.empty() && !meta.id.empty()) {
    (published_document(*watcher_.searcher(), publisher_.options().content_dir, meta.id)
         ? form.edit
         : form.id) = meta.id;
  }
  if (form.attached) drafts_.remove(form.attached->id);
  form.attached.reset();
  form.draft.clear();
  const json extra = extra_fields(meta);
  if (!original.empty() || !extra.empty()) {
    Draft d;
    d.owner = who.token_id;
    d.source_name = shown;
    d.extension = original.empty() ? "" : document.value("original_extension", "");
    d.extra = extra;
    form.attached = drafts_.create(d, original);
    form.draft = form.attached->id;
  }
  if (!document.is_null()) mark_uncertain(document, form);
  form.preview_html = render_markdown(form.body).html;
  form.notice = "Đã đọc tệp \"" + shown +
                "\". Hãy kiểm tra các ô (nhất là ô được đánh dấu \"kiểm tra lại\") và phần xem "
                "trước, sửa nếu cần, rồi bấm \"Nộp văn bản\".";
}

void SubmissionHandlers::nop_open_published(const Principal&, NopForm& form,
                                            const std::string& id) {
  const auto published =
      published_document(*watcher_.searcher(), publisher_.options().content_dir, id);
  if (!published) {
    form.problem("", "Không tìm thấy văn bản \"" + id + "\" trong sổ tay.");
    return;
  }
  const std::string kept_department = form.department;
  form.fill(published->meta, published->body);
  form.edit = id;
  form.notice = "Đang sửa văn bản đang đăng \"" + published->meta.title +
                "\". Sửa các ô cần sửa rồi bấm \"Nộp văn bản\"; biên tập viên sẽ duyệt bản sửa.";
  if (form.department.empty()) form.department = kept_department;
}

void SubmissionHandlers::api_submit_multipart(const Principal& who, const httplib::Request& req,
                                              httplib::Response& res) {
  const auto error = [&](int status, const std::string& message) {
    send_json(res, status, {{"errors", json::array({{{"line", 1}, {"message", message}}})}});
  };
  const std::string text = req.has_file("file") ? req.get_file_value("file").content : "";
  if (text.empty()) {
    error(400, "thiếu phần \"file\" (tệp Markdown) trong multipart/form-data");
    return;
  }
  if (text.size() > limits_.max_bytes) {
    send_api_error(res, 413,
                   "tệp quá lớn (tối đa " + std::to_string(limits_.max_bytes >> 20) + " MB)");
    return;
  }
  std::optional<CarriedOriginal> original;
  if (req.has_file("original")) {
    const httplib::MultipartFormData& part = req.get_file_value("original");
    if (part.content.size() > limits_.max_import_bytes) {
      send_api_error(
          res, 413,
          "tệp bản gốc quá lớn (tối đa " + std::to_string(limits_.max_import_bytes >> 20) + " MB)");
      return;
    }
    original = CarriedOriginal{base_name(part.filename), part.content};
  }
  const SubmitResult r = publisher_.submit(who, text, original ? &*original : nullptr);
  if (r.forbidden) {
    send_api_error(res, 403, r.message);
    return;
  }
  if (!r.submission) {
    json errors = json::array();
    for (const ContentError& e : r.errors) {
      errors.push_back({{"line", e.line}, {"message", e.message}});
    }
    send_json(res, find_invalid_utf8(text) ? 400 : 422, {{"errors", errors}});
    return;
  }
  res.set_header("Location", "/api/submissions");
  send_json(res, 201, submission_json(*r.submission));
}

}  // namespace sotay
