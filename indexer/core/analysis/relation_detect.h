// Relations read from the text of an imported document (Lược đồ văn bản):
// the sentences a legal document uses to say what it does to others.
//
//   "Căn cứ Luật Tổ chức Chính phủ số 76/2015/QH13;"          can_cu 76/2015/QH13
//   "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 …"     can_cu, no number: the name
//   "Nghị định này thay thế Nghị định số 110/2004/NĐ-CP"       thay_the 110/2004/NĐ-CP
//   "Nghị định số 110/2004/NĐ-CP … hết hiệu lực kể từ ngày
//    Nghị định này có hiệu lực"                                thay_the 110/2004/NĐ-CP
//   "sửa đổi, bổ sung một số điều của Nghị định số 90/2020/…"  sua_doi_bo_sung
//   "Sửa đổi, bổ sung Điều 5 Nghị định số …"                   sua_doi_bo_sung, articles {"5"}
//   "Bãi bỏ Điều 5, Điều 7 của Thông tư số 01/2011/TT-BNV"     bai_bo, articles {"5", "7"}
//   "Đính chính Nghị định số …", "Thông tư này hướng dẫn …",
//   "quy định chi tiết …", "hợp nhất …"                        dinh_chinh, huong_dan, hop_nhat
//
// A passive sentence ("đã được sửa đổi, bổ sung bởi …", "bị thay thế bởi")
// says what another document did to this one: it is not a relation of this
// document and is not proposed. Detected relations are proposals for the
// editor (document_import.h), never front matter by themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct DetectedRelation {
  std::string kind;                   // front matter key: "thay_the", "can_cu", …
  std::string number;                 // "110/2004/NĐ-CP" as written, "" when none is given
  std::string name;                   // with no number: what the sentence names
  std::vector<std::string> articles;  // "5", "7"
  std::string sentence;               // the sentence, trimmed (at most ~300 bytes)
  int line = 0;                       // 1-based line of `text`
};

// The relations `text` (Markdown or plain text, NFC) declares, in order,
// each kind and number once; mentions of `own_number` are left out.
std::vector<DetectedRelation> detect_relations(std::string_view text,
                                               std::string_view own_number = {});

}  // namespace sotay
