// Reading a document's own header (Nghị định 30/2020/NĐ-CP, Phụ lục I) into
// front matter fields: tables of headers as the readers give them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "header_fields.h"
#include "source_text.h"

using namespace sotay;

namespace {

std::vector<SourceLine> lines(std::initializer_list<const char*> texts, double confidence = 100) {
  std::vector<SourceLine> out;
  for (const char* t : texts) {
    SourceLine l;
    l.text = t;
    l.confidence = confidence;
    out.push_back(l);
  }
  return out;
}

SourceBlock para(const char* text, bool centered = false, bool bold = false) {
  SourceBlock b;
  b.text = text;
  b.centered = centered;
  b.bold = bold;
  return b;
}

// A Nghị định as a PDF reader lays it out.
SourceText decree() {
  SourceText t;
  t.header_left = lines({"CHÍNH PHỦ", "_______", "Số: 158/2025/NĐ-CP"});
  t.header_right = lines({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                          "________________________", "Hà Nội, ngày 25 tháng 6 năm 2025"});
  t.blocks = {para("NGHỊ ĐỊNH", true, true),
              para("Quy định chi tiết và hướng dẫn thi hành một số điều", true, true),
              para("của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc", true, true),
              para("________", true),
              para("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;"),
              para("Chính phủ ban hành Nghị định quy định chi tiết."),
              para("Chương I", true, true),
              para("QUY ĐỊNH CHUNG", true, true),
              para("Điều 1. Phạm vi điều chỉnh", false, true),
              para("Nghị định này quy định chi tiết khoản 7 Điều 4."),
              para("Điều 2. Hiệu lực thi hành", false, true),
              para("Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2025."),
              para("Nơi nhận:"),
              para("- Ban Bí thư Trung ương Đảng;"),
              para("- Thủ tướng, các Phó Thủ tướng Chính phủ;"),
              para("- Lưu: VT, KGVX."),
              para("TM. CHÍNH PHỦ"),
              para("KT. THỦ TƯỚNG"),
              para("PHÓ THỦ TƯỚNG"),
              para("Lê Thành Long")};
  return t;
}

}  // namespace

TEST_CASE("header_fields: a Nghị định's header, title, signature and recipients") {
  SourceText t = decree();
  const DocumentHeader h = read_header(t);
  CHECK(h.issuer == "Chính phủ");
  CHECK(h.number == "158/2025/NĐ-CP");
  CHECK(h.type == "Nghị định");
  CHECK(h.place == "Hà Nội");
  CHECK(h.issued == "2025-06-25");
  CHECK(h.year == 2025);
  CHECK(h.title ==
        "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về bảo hiểm "
        "xã hội bắt buộc");
  CHECK(h.signer == "Lê Thành Long");
  CHECK(h.signer_position == "Phó Thủ tướng");
  CHECK(h.signer_authority == "TM. Chính phủ, KT. Thủ tướng");
  REQUIRE(h.recipients.size() == 3);
  CHECK(h.recipients[0] == "Ban Bí thư Trung ương Đảng");
  CHECK(h.recipients[2] == "Lưu: VT, KGVX");
  CHECK(h.to_confirm.empty());
  CHECK(h.missing.empty());
  // What is left is the body: Căn cứ, the chapter and its articles.
  REQUIRE(t.blocks.size() == 8);
  CHECK(t.blocks.front().text.rfind("Căn cứ", 0) == 0);
  CHECK(t.blocks.back().text == "Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2025.");
}

TEST_CASE("header_fields: numbers as they are typed and filled in by hand") {
  struct Case {
    const char* line;
    const char* number;
    bool blank;
  };
  const Case cases[] = {
      {"Số: 158/2025/NĐ-CP", "158/2025/NĐ-CP", false},
      {"Số: 11 /TB-UBND", "11/TB-UBND", false},
      {"Số:    /TB-UBND", "", true},
      {"Số: 1847/QĐ-TTg", "1847/QĐ-TTg", false},
      {"Luật số: 41/2024/QH15", "41/2024/QH15", false},
      {"Số: 14/VBHN-VPQH", "14/VBHN-VPQH", false},
      {"Số 25/2022/UBTVQH15", "25/2022/UBTVQH15", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    SourceText t;
    t.header_left = lines({"ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", c.line});
    t.header_right =
        lines({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Bắc Ninh, ngày   tháng 3 năm 2025"});
    t.blocks = {para("THÔNG BÁO", true, true), para("Kết luận của Chủ tịch", true, true),
                para("Nội dung thông báo.")};
    const DocumentHeader h = read_header(t);
    CHECK(h.number == c.number);
    CHECK(h.issuer == "Ủy ban nhân dân tỉnh Bắc Ninh");
    CHECK(h.type == "Thông báo");
    CHECK(h.issued.empty());  // blank day: to confirm, not guessed
    CHECK(h.year == 2025);
    bool number_to_confirm = false, date_to_confirm = false;
    for (const std::string& s : h.to_confirm) {
      number_to_confirm |= s.rfind("number:", 0) == 0;
      date_to_confirm |= s.rfind("issued:", 0) == 0;
    }
    CHECK(number_to_confirm == c.blank);
    CHECK(date_to_confirm);
  }
}

TEST_CASE("header_fields: a Công văn has no type line, its summary is the V/v") {
  SourceText t;
  t.header_left = lines({"UBND TỈNH BẮC NINH", "SỞ TƯ PHÁP", "Số: 512/STP-HCTP",
                         "V/v hướng dẫn chứng thực", "bản sao điện tử"});
  t.header_right = lines({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                          "Bắc Ninh, ngày 3 tháng 4 năm 2024"});
  t.blocks = {para("Kính gửi: Ủy ban nhân dân các xã, phường."),
              para("Sở Tư pháp hướng dẫn như sau."), para("GIÁM ĐỐC"), para("(Đã ký)"),
              para("Nguyễn Văn An")};
  const DocumentHeader h = read_header(t);
  CHECK(h.issuer == "Sở Tư pháp");
  CHECK(h.type == "Công văn");
  CHECK(h.title == "hướng dẫn chứng thực bản sao điện tử");
  CHECK(h.issued == "2024-04-03");
  CHECK(h.signer == "Nguyễn Văn An");
  CHECK(h.signer_position == "Giám đốc");
}

TEST_CASE("header_fields: OCR fields with low confidence are to be confirmed") {
  SourceText t;
  t.ocr = true;
  t.header_left = lines({"ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 08/CT-UBND"}, 55);
  t.header_right =
      lines({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Bắc Ninh, ngày 5 tháng 5 năm 2025"});
  SourceBlock type = para("CHỈ THỊ", true, true);
  type.confidence = 91;
  t.blocks = {type, para("Về tăng cường công tác phòng cháy", true, true), para("Nội dung.")};
  const DocumentHeader h = read_header(t);
  CHECK(h.number == "08/CT-UBND");
  CHECK(h.type == "Chỉ thị");
  bool number_flagged = false, type_flagged = false;
  for (const std::string& s : h.to_confirm) {
    number_flagged |= s.rfind("number:", 0) == 0 && s.find("55 %") != std::string::npos;
    type_flagged |= s.rfind("type:", 0) == 0;
  }
  CHECK(number_flagged);
  CHECK_FALSE(type_flagged);
}

TEST_CASE("header_fields: the type from the number's code when no type line is read") {
  const std::pair<const char*, const char*> cases[] = {{"30/2020/NĐ-CP", "Nghị định"},
                                                       {"1847/QĐ-TTg", "Quyết định"},
                                                       {"21/CT-TTg", "Chỉ thị"},
                                                       {"57/2020/QH14", "Luật"},
                                                       {"25/2022/UBTVQH15", "Nghị quyết"},
                                                       {"14/VBHN-VPQH", "Văn bản hợp nhất"},
                                                       {"11/TTr-UBND", "Tờ trình"},
                                                       {"18-NQ/TW", "Nghị quyết"},
                                                       {"512/STP-HCTP", ""}};
  for (const auto& [number, type] : cases) {
    CAPTURE(number);
    CHECK(type_of_number(number) == type);
  }
}

TEST_CASE("header_fields: header text in the handbook's case") {
  const std::pair<const char*, const char*> cases[] = {
      {"CHÍNH PHỦ", "Chính phủ"},
      {"QUỐC HỘI", "Quốc hội"},
      {"BỘ TÀI CHÍNH", "Bộ Tài chính"},
      {"ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "Ủy ban nhân dân tỉnh Bắc Ninh"},
      {"ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HƯNG", "Ủy ban nhân dân phường Việt Hưng"},
      {"THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"},
      {"BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - thương binh và xã hội"},
      {"Sở Tư pháp", "Sở Tư pháp"},
  };
  for (const auto& [in, out] : cases) {
    CAPTURE(in);
    CHECK(header_case(in) == out);
  }
}
