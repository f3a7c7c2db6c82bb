// Procedure cards (thẻ thủ tục hành chính): the `thu_tuc:` block of a
// content file's front matter, one card or a list of cards, each with fixed
// fields (docs/content-format.md). A card is shown at the top of the
// document page and indexed as its own section, one field per line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content_error.h"

namespace YAML {
class Node;
class Emitter;
}  // namespace YAML

namespace sotay {

struct ProcedureFee {     // phi_le_phi: one row
  std::string name;       // ten: "Chứng thực bản sao từ bản chính"
  std::string amount;     // muc, as written, an amount (amount.h)
  std::string exemption;  // mien_giam, verbatim, or ""
};

struct ProcedureDossierItem {  // ho_so: one paper
  std::string name;            // ten
  std::string copy;            // ban: "chính", "sao" or "chính hoặc sao"
  int count = 0;               // so_luong, 0 when not given
  std::string note;            // ghi_chu, or ""
};

struct ProcedureForm {  // bieu_mau
  std::string name;     // ten
  std::string file;     // tep: a file beside the content file, or ""
  int line = 0;         // line of the item in the content file
  // Set by attach_procedure_forms() (procedure_sections.h) when `file` is
  // given: the SHA-256 (hex) the edition stores the bytes under, and the size.
  std::string sha256;
  std::uint64_t size = 0;
};

struct ProcedureCard {
  std::string name;        // ten (required)
  std::string code;        // ma_thu_tuc, "" when unknown
  std::string agency;      // co_quan_thuc_hien (required)
  std::string level;       // cap_thuc_hien
  std::string time_limit;  // thoi_han_giai_quyet (required)
  std::string deadline;    // han_thuc_hien: by when people must do it ("Trong 60 ngày …")
  std::vector<ProcedureFee> fees;             // phi_le_phi (required, >= 1 row)
  std::vector<ProcedureDossierItem> dossier;  // ho_so (required, >= 1 item)
  std::vector<ProcedureForm> forms;           // bieu_mau
  std::vector<std::string> legal_basis;       // can_cu: document numbers
  std::string result;                         // ket_qua (required)
  std::vector<std::string> steps;             // trinh_tu
  int line = 0;                               // line of the card's first field in the content file
  std::string anchor;  // set by procedure_sections(): "thu-tuc-<slug of ten>"
};

// The cards of the `thu_tuc` value (`value`, a map or a list of maps;
// `key_line` the file line of "thu_tuc:"). `first_line` turns yaml-cpp's
// 0-based marks into file lines. Problems go to `errors` (file `path`, the
// line, the field path in the message).
std::vector<ProcedureCard> read_procedure_cards(const YAML::Node& value, int key_line,
                                                int first_line, std::string_view path,
                                                std::vector<ContentError>& errors);

// Writes `cards` as the value of `thu_tuc:` (a list of maps) so that
// read_procedure_cards() reads them back the same: a document edited through
// the /nop form keeps its cards (front_matter_writer.h).
void emit_procedure_cards(YAML::Emitter& out, const std::vector<ProcedureCard>& cards);

// "Chính" -> "bản chính", "Sao" -> "bản sao": how a dossier item is read aloud.
std::string copy_display(std::string_view copy);

// The lines of a card as indexed and shown in snippets, one field or row per
// line: "Phí, lệ phí – Chứng thực bản sao từ bản chính: 2.000 đồng/trang"
// (the card's name is its section's heading, "Thủ tục: …").
std::string procedure_card_text(const ProcedureCard& card);

}  // namespace sotay
