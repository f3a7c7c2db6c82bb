#include "procedure_card.h"

#include <array>
#include <map>

#include <yaml-cpp/yaml.h>

#include "amount.h"
#include "attached_file.h"
#include "doc_number.h"
#include "front_matter_messages.h"
#include "text.h"
#include "vietnamese.h"

namespace sotay {

namespace {

constexpr std::array<std::string_view, 12> CARD_KEYS = {"ten",
                                                        "ma_thu_tuc",
                                                        "co_quan_thuc_hien",
                                                        "cap_thuc_hien",
                                                        "thoi_han_giai_quyet",
                                                        "han_thuc_hien",
                                                        "phi_le_phi",
                                                        "ho_so",
                                                        "bieu_mau",
                                                        "can_cu",
                                                        "ket_qua",
                                                        "trinh_tu"};
constexpr std::array<std::string_view, 3> FEE_KEYS = {"ten", "muc", "mien_giam"};
constexpr std::array<std::string_view, 4> DOSSIER_KEYS = {"ten", "ban", "so_luong", "ghi_chu"};
constexpr std::array<std::string_view, 2> FORM_KEYS = {"ten", "tep"};

// What each required field is, for "thiếu trường" messages.
const std::map<std::string_view, std::string_view>& field_names() {
  static const std::map<std::string_view, std::string_view> names = {
      {"ten", "tên"},
      {"co_quan_thuc_hien", "cơ quan thực hiện"},
      {"thoi_han_giai_quyet", "thời hạn giải quyết"},
      {"phi_le_phi", "phí, lệ phí; ghi \"Miễn phí\" nếu không thu"},
      {"ho_so", "thành phần hồ sơ"},
      {"ket_qua", "kết quả giải quyết"},
      {"muc", "mức thu"},
      {"ban", "bản chính hay bản sao"}};
  return names;
}

// Reads one card's fields, reporting at file lines with the field's path
// ("thu_tuc › phi_le_phi › muc") so the clerk finds it.
class CardReader {
 public:
  CardReader(int first_line, std::string_view path, std::vector<ContentError>& errors)
      : first_line_(first_line), path_(path), errors_(errors) {}

  int line_of(const YAML::Node& node) const { return node.Mark().line + first_line_; }

  void add(int line, const std::string& field, const std::string& message) {
    errors_.push_back({std::string(path_), line, "trường \"" + field + "\": " + message});
  }

  // The fields of map `node` as key -> value, reporting unknown or repeated
  // keys; false (with a message) when `node` is not a map.
  template <std::size_t N>
  bool fields(const YAML::Node& node, const std::string& where,
              const std::array<std::string_view, N>& known,
              std::map<std::string, YAML::Node>& out) {
    if (!node.IsMap()) {
      add(line_of(node), where,
          "mỗi mục phải là các cặp \"khóa: giá trị\" (bắt đầu bằng \"- ten: …\")");
      return false;
    }
    for (const auto& item : node) {
      const std::string key = item.first.IsScalar() ? item.first.Scalar() : "";
      const int line = line_of(item.first);
      bool ok = false;
      for (const auto k : known) ok = ok || k == key;
      if (!ok) {
        errors_.push_back(
            {std::string(path_), line,
             "trong \"" + where + "\": " + unknown_key_message(key, {known.begin(), known.end()})});
      } else if (!out.emplace(key, item.second).second) {
        add(line, where + " › " + key, "bị ghi hai lần trong cùng một mục");
      }
    }
    return true;
  }

  // A required or optional text field of `f`.
  std::string text(const std::map<std::string, YAML::Node>& f, const std::string& key,
                   const std::string& where, int item_line, bool required) {
    const auto it = f.find(key);
    if (it == f.end() || it->second.IsNull() ||
        (it->second.IsScalar() && trim(it->second.Scalar()).empty())) {
      if (required) {
        add(item_line, where + " › " + key,
            "thiếu trường bắt buộc (" + std::string(field_names().at(key)) + ")");
      }
      return {};
    }
    if (!it->second.IsScalar()) {
      add(line_of(it->second), where + " › " + key, "phải là một chuỗi chữ, không phải danh sách");
      return {};
    }
    return to_nfc(trim(it->second.Scalar()));
  }

  // The items of list field `key` (a single map counts as a list of one).
  std::vector<YAML::Node> items(const std::map<std::string, YAML::Node>& f, const std::string& key,
                                const std::string& where) {
    const auto it = f.find(key);
    if (it == f.end() || it->second.IsNull()) return {};
    if (it->second.IsSequence()) return {it->second.begin(), it->second.end()};
    if (it->second.IsMap()) return {it->second};
    add(line_of(it->second), where + " › " + key,
        "phải là một danh sách, mỗi mục một dòng bắt đầu bằng \"- \"");
    return {};
  }

 private:
  int first_line_;
  std::string_view path_;
  std::vector<ContentError>& errors_;
};

void read_fees(CardReader& r, const std::map<std::string, YAML::Node>& f, ProcedureCard& card) {
  const std::string where = "thu_tuc › phi_le_phi";
  for (const YAML::Node& node : r.items(f, "phi_le_phi", "thu_tuc")) {
    std::map<std::string, YAML::Node> row;
    if (!r.fields(node, where, FEE_KEYS, row)) continue;
    const int line = r.line_of(node);
    ProcedureFee fee{r.text(row, "ten", where, line, true), r.text(row, "muc", where, line, true),
                     r.text(row, "mien_giam", where, line, false)};
    if (!fee.amount.empty() && !parse_amount(fee.amount)) {
      r.add(r.line_of(row.at("muc")), where + " › muc",
            "\"" + fee.amount + "\" không phải là số tiền: " + amount_advice(fee.amount));
      continue;
    }
    if (!fee.name.empty() && !fee.amount.empty()) card.fees.push_back(std::move(fee));
  }
}

// "chính", "sao", "chính hoặc sao" from what was written (any case, with
// or without marks or "bản"), or "" when it is none of them.
std::string copy_kind(std::string_view text) {
  std::string s = folded_form(trim(text));
  for (std::size_t at = s.find("ban "); at != std::string::npos; at = s.find("ban ")) {
    s.erase(at, 4);
  }
  if (s == "chinh") return "chính";
  if (s == "sao") return "sao";
  if (s == "chinh hoac sao" || s == "chinh hay sao") return "chính hoặc sao";
  return {};
}

void read_dossier(CardReader& r, const std::map<std::string, YAML::Node>& f, ProcedureCard& card) {
  const std::string where = "thu_tuc › ho_so";
  for (const YAML::Node& node : r.items(f, "ho_so", "thu_tuc")) {
    std::map<std::string, YAML::Node> row;
    if (!r.fields(node, where, DOSSIER_KEYS, row)) continue;
    const int line = r.line_of(node);
    ProcedureDossierItem item{r.text(row, "ten", where, line, true),
                              r.text(row, "ban", where, line, true), 0,
                              r.text(row, "ghi_chu", where, line, false)};
    if (!item.copy.empty()) {
      const std::string kind = copy_kind(item.copy);
      if (kind.empty()) {
        r.add(r.line_of(row.at("ban")), where + " › ban",
              "\"" + item.copy +
                  "\" không hợp lệ: ghi \"chính\" (bản chính), \"sao\" (bản sao) "
                  "hoặc \"chính hoặc sao\"");
        continue;
      }
      item.copy = kind;
    }
    const std::string count = r.text(row, "so_luong", where, line, false);
    if (!count.empty()) {
      const bool digits = count.size() <= 3 && count.find_first_not_of("0123456789") == count.npos;
      if (!digits || std::stoi(count) < 1) {
        r.add(r.line_of(row.at("so_luong")), where + " › so_luong",
              "\"" + count + "\" không phải là số lượng: ghi một số từ 1 trở lên, ví dụ 1 hoặc 2");
        continue;
      }
      item.count = std::stoi(count);
    }
    if (!item.name.empty() && !item.copy.empty()) card.dossier.push_back(std::move(item));
  }
}

void read_forms(CardReader& r, const std::map<std::string, YAML::Node>& f, ProcedureCard& card) {
  const std::string where = "thu_tuc › bieu_mau";
  for (const YAML::Node& node : r.items(f, "bieu_mau", "thu_tuc")) {
    if (node.IsScalar()) {  // just the form's name
      card.forms.push_back({to_nfc(trim(node.Scalar())), "", r.line_of(node), "", 0});
      continue;
    }
    std::map<std::string, YAML::Node> row;
    if (!r.fields(node, where, FORM_KEYS, row)) continue;
    const int line = r.line_of(node);
    ProcedureForm form{r.text(row, "ten", where, line, true),
                       r.text(row, "tep", where, line, false), line, "", 0};
    if (!form.file.empty() && !is_original_name(form.file)) {
      r.add(r.line_of(row.at("tep")), where + " › tep",
            "tên tệp không hợp lệ \"" + form.file +
                "\": chỉ ghi tên tệp nằm cùng thư mục với văn bản (chữ thường, không dấu, không "
                "có '/'), đuôi .pdf, .docx, .doc, .odt, .rtf, .txt, .png, .jpg hoặc .tif");
      continue;
    }
    if (row.count("tep")) form.line = r.line_of(row.at("tep"));  // errors point at the file
    if (!form.name.empty()) card.forms.push_back(std::move(form));
  }
}

// A list of short texts (can_cu, trinh_tu): a list, or one text.
std::vector<std::pair<std::string, int>> text_list(CardReader& r,
                                                   const std::map<std::string, YAML::Node>& f,
                                                   const std::string& key) {
  std::vector<std::pair<std::string, int>> out;
  const auto it = f.find(key);
  if (it == f.end() || it->second.IsNull()) return out;
  if (it->second.IsScalar()) {
    out.emplace_back(to_nfc(trim(it->second.Scalar())), r.line_of(it->second));
    return out;
  }
  if (!it->second.IsSequence()) {
    r.add(r.line_of(it->second), "thu_tuc › " + key, "phải là một danh sách");
    return out;
  }
  for (const YAML::Node& item : it->second) {
    if (!item.IsScalar()) {
      r.add(r.line_of(item), "thu_tuc › " + key, "mỗi mục phải là một dòng chữ");
    } else if (const auto t = trim(item.Scalar()); !t.empty()) {
      out.emplace_back(to_nfc(t), r.line_of(item));
    }
  }
  return out;
}

void read_legal_basis(CardReader& r, const std::map<std::string, YAML::Node>& f,
                      ProcedureCard& card) {
  for (const auto& [text, line] : text_list(r, f, "can_cu")) {
    const std::vector<DocNumber> numbers = find_doc_numbers(text);
    if (numbers.empty()) {
      r.add(line, "thu_tuc › can_cu",
            "\"" + text +
                "\" không có số hiệu văn bản: ghi số hiệu, ví dụ \"23/2015/NĐ-CP\" "
                "hoặc \"Luật Hộ tịch 60/2014/QH13\"");
      continue;
    }
    card.legal_basis.push_back(text);
  }
}

void check_list_present(CardReader& r, const std::map<std::string, YAML::Node>& f,
                        const std::string& key, bool empty, int line) {
  if (empty && f.find(key) == f.end()) {
    r.add(line, "thu_tuc › " + key,
          "thiếu trường bắt buộc (" + std::string(field_names().at(key)) + ")");
  }
}

ProcedureCard read_card(CardReader& r, const YAML::Node& node) {
  ProcedureCard card;
  card.line = r.line_of(node);
  std::map<std::string, YAML::Node> f;
  if (!r.fields(node, "thu_tuc", CARD_KEYS, f)) return card;
  const std::string w = "thu_tuc";
  card.name = r.text(f, "ten", w, card.line, true);
  card.code = r.text(f, "ma_thu_tuc", w, card.line, false);
  card.agency = r.text(f, "co_quan_thuc_hien", w, card.line, true);
  card.level = r.text(f, "cap_thuc_hien", w, card.line, false);
  card.time_limit = r.text(f, "thoi_han_giai_quyet", w, card.line, true);
  card.deadline = r.text(f, "han_thuc_hien", w, card.line, false);
  card.result = r.text(f, "ket_qua", w, card.line, true);
  read_fees(r, f, card);
  read_dossier(r, f, card);
  read_forms(r, f, card);
  read_legal_basis(r, f, card);
  for (auto& step : text_list(r, f, "trinh_tu")) card.steps.push_back(std::move(step.first));
  check_list_present(r, f, "phi_le_phi", card.fees.empty(), card.line);
  check_list_present(r, f, "ho_so", card.dossier.empty(), card.line);
  return card;
}

}  // namespace

std::vector<ProcedureCard> read_procedure_cards(const YAML::Node& value, int key_line,
                                                int first_line, std::string_view path,
                                                std::vector<ContentError>& errors) {
  CardReader reader(first_line, path, errors);
  std::vector<ProcedureCard> cards;
  if (value.IsMap()) {
    cards.push_back(read_card(reader, value));
  } else if (value.IsSequence() && value.size() > 0) {
    for (const YAML::Node& item : value) cards.push_back(read_card(reader, item));
  } else {
    reader.add(key_line, "thu_tuc",
               "phải là một thẻ thủ tục (các dòng \"ten:\", \"co_quan_thuc_hien:\", …) hoặc một "
               "danh sách thẻ, mỗi thẻ bắt đầu bằng \"- ten: …\"");
  }
  return cards;
}

namespace {

void emit_text(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

void emit_texts(YAML::Emitter& out, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
  for (const std::string& v : values) out << YAML::DoubleQuoted << v;
  out << YAML::EndSeq;
}

void emit_rows(YAML::Emitter& out, const ProcedureCard& c) {
  out << YAML::Key << "phi_le_phi" << YAML::Value << YAML::BeginSeq;
  for (const ProcedureFee& f : c.fees) {
    out << YAML::BeginMap;
    emit_text(out, "ten", f.name);
    emit_text(out, "muc", f.amount);
    emit_text(out, "mien_giam", f.exemption);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::Key << "ho_so" << YAML::Value << YAML::BeginSeq;
  for (const ProcedureDossierItem& d : c.dossier) {
    out << YAML::BeginMap;
    emit_text(out, "ten", d.name);
    emit_text(out, "ban", d.copy);
    if (d.count > 0) out << YAML::Key << "so_luong" << YAML::Value << d.count;
    emit_text(out, "ghi_chu", d.note);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  if (c.forms.empty()) return;
  out << YAML::Key << "bieu_mau" << YAML::Value << YAML::BeginSeq;
  for (const ProcedureForm& f : c.forms) {
    out << YAML::BeginMap;
    emit_text(out, "ten", f.name);
    emit_text(out, "tep", f.file);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

}  // namespace

void emit_procedure_cards(YAML::Emitter& out, const std::vector<ProcedureCard>& cards) {
  out << YAML::BeginSeq;
  for (const ProcedureCard& c : cards) {
    out << YAML::BeginMap;
    emit_text(out, "ten", c.name);
    emit_text(out, "ma_thu_tuc", c.code);
    emit_text(out, "co_quan_thuc_hien", c.agency);
    emit_text(out, "cap_thuc_hien", c.level);
    emit_text(out, "han_thuc_hien", c.deadline);
    emit_text(out, "thoi_han_giai_quyet", c.time_limit);
    emit_rows(out, c);
    emit_texts(out, "can_cu", c.legal_basis);
    emit_texts(out, "trinh_tu", c.steps);
    emit_text(out, "ket_qua", c.result);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

std::string copy_display(std::string_view copy) {
  if (copy == "chính") return "bản chính";
  if (copy == "sao") return "bản sao";
  if (copy == "chính hoặc sao") return "bản chính hoặc bản sao";
  return std::string(copy);
}

std::string procedure_card_text(const ProcedureCard& c) {
  std::string out;
  const auto row = [&out](std::string_view label, const std::string& value) {
    if (!value.empty()) out.append(label).append(": ").append(value).append("\n");
  };
  row("Mã thủ tục", c.code);
  row("Cơ quan thực hiện", c.agency + (c.level.empty() ? "" : " (" + c.level + ")"));
  row("Hạn phải làm thủ tục", c.deadline);
  row("Thời hạn giải quyết", c.time_limit);
  for (const ProcedureFee& f : c.fees) {
    row("Phí, lệ phí – " + f.name,
        f.amount + (f.exemption.empty() ? "" : ". Miễn, giảm: " + f.exemption));
  }
  for (std::size_t i = 0; i < c.dossier.size(); ++i) {
    const ProcedureDossierItem& d = c.dossier[i];
    row("Hồ sơ " + std::to_string(i + 1),
        d.name + " (" + copy_display(d.copy) +
            (d.count > 0 ? ", " + std::to_string(d.count) + " bản" : "") +
            (d.note.empty() ? "" : "; " + d.note) + ")");
  }
  for (const ProcedureForm& f : c.forms) row("Biểu mẫu", f.name);
  for (const std::string& b : c.legal_basis) row("Căn cứ pháp lý", b);
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    row("Bước " + std::to_string(i + 1), c.steps[i]);
  }
  row("Kết quả", c.result);
  return out;
}

}  // namespace sotay
