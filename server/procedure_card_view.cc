#include "procedure_card_view.h"

#include "attached_file_type.h"
#include "citation_links.h"
#include "doc_number.h"
#include "json_util.h"
#include "pages.h"
#include "procedure_card.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

namespace {

// A legal basis linked to its document in the handbook, else to the
// number's search; "present" false says it is not in the handbook.
json legal_basis_view(const std::string& text, const json& doc) {
  const std::vector<DocNumber> numbers = find_doc_numbers(text);
  json view = {{"text", text}, {"url", ""}, {"present", false}};
  if (numbers.empty()) return view;
  const DocNumber& n = numbers.front();
  const std::string written = text.substr(n.begin, n.end - n.begin);
  view["url"] = number_url(written);
  const auto own = find_doc_numbers(json_string(doc, "number"));
  if (!own.empty() && own.front().key() == n.key()) {
    view["present"] = true;
    view["self"] = true;
    return view;
  }
  for (const json& c : doc.value("cites", json::array())) {
    if (json_string(c, "number").empty() || doc_number_key(json_string(c, "number")) != n.key()) {
      continue;
    }
    view["present"] = c.value("present", false);
  }
  return view;
}

// The forms of a card, each with a download link when its file is in the
// edition (/doc/<id>/bieu-mau/<file>, handlers_original.cc).
json forms_view(const json& card, const json& doc) {
  json forms = json::array();
  for (const json& f : card.value("bieu_mau", json::array())) {
    json form = f;
    const std::string file = json_string(f, "tep");
    if (!file.empty() && f.contains("sha256")) {
      form["url"] = doc_url(json_string(doc, "id")) + "/bieu-mau/" + file;
      form["loai"] = attached_file_type(file).name;
      form["co"] = size_display(f.value("size", std::uint64_t{0}));
    }
    forms.push_back(std::move(form));
  }
  return forms;
}

json card_view(const json& card, const json& doc) {
  json view = card;
  const std::string level = json_string(card, "cap_thuc_hien");
  view["co_quan"] =
      json_string(card, "co_quan_thuc_hien") + (level.empty() ? "" : " (" + level + ")");
  json dossier = json::array();
  int n = 0;
  for (const json& d : card.value("ho_so", json::array())) {
    json item = d;
    item["stt"] = ++n;
    item["ban_display"] = copy_display(json_string(d, "ban"));
    const int count = d.value("so_luong", 0);
    item["so_luong_display"] = count > 0 ? ", " + std::to_string(count) + " bản" : "";
    dossier.push_back(item);
  }
  view["ho_so"] = dossier;
  json bases = json::array();
  for (const json& b : card.value("can_cu", json::array())) {
    bases.push_back(legal_basis_view(b.get<std::string>(), doc));
  }
  view["can_cu"] = bases;
  json steps = json::array();
  n = 0;
  for (const json& s : card.value("trinh_tu", json::array())) {
    steps.push_back({{"stt", ++n}, {"text", s}});
  }
  view["trinh_tu"] = steps;
  view["bieu_mau"] = forms_view(card, doc);
  view["has_bieu_mau"] = !view["bieu_mau"].empty();
  view["has_can_cu"] = !bases.empty();
  view["has_trinh_tu"] = !steps.empty();
  return view;
}

}  // namespace

std::string procedure_cards_html(const json& doc) {
  const json cards = doc.value("procedures", json::array());
  if (!cards.is_array() || cards.empty()) return {};
  json views = json::array();
  for (const json& card : cards) views.push_back(card_view(card, doc));
  return render_template("procedure_card", {{"cards", views}, {"many", views.size() > 1}});
}

}  // namespace sotay
