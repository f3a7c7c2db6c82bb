// Tests of decode_telex, decode_vni and decode_input_method
// (docs/vietnamese-search.md, rule 8).
#include "input_method.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

struct DecodeRow {
  std::string input;
  std::string expected;
};

std::string shown(const std::optional<std::string>& s) { return s ? *s : "(nullopt)"; }

const std::vector<DecodeRow>& telex_rows() {
  static const std::vector<DecodeRow> rows = {
      // Examples of rule 8.
      {"thur", "thủ"},
      {"tucj", "tục"},
      {"dduowngf", "đường"},
      {"howjp", "hợp"},
      {"hopwj", "hợp"},
      {"tuwf", "từ"},
      {"nguowif", "người"},
      // The five tones, on each vowel.
      {"mas", "má"},
      {"maf", "mà"},
      {"mar", "mả"},
      {"max", "mã"},
      {"maj", "mạ"},
      {"ber", "bẻ"},
      {"chir", "chỉ"},
      {"hocj", "học"},
      {"mux", "mũ"},
      {"kys", "ký"},
      {"nawm", "năm"},
      {"nhaan", "nhân"},
      {"ddeemf", "đềm"},
      {"khoong", "không"},
      {"mowis", "mới"},
      {"chuwcs", "chức"},
      // Tone key in the middle, before the final consonant.
      {"hojp", "họp"},
      {"tieesng", "tiếng"},
      // qu / gi.
      {"quyeets", "quyết"},
      {"quys", "quý"},
      {"quoocs", "quốc"},
      {"quaanf", "quần"},
      {"quow", "quơ"},
      {"gias", "giá"},
      {"giuwax", "giữa"},
      {"gif", "gì"},
      {"gioongs", "giống"},
      // Clusters ươ uyê iê uô oa oă uâ uy.
      {"khuyeenr", "khuyển"},
      {"nghieepj", "nghiệp"},
      {"thuowngf", "thường"},
      {"tuwowngf", "tường"},
      {"dduwongf", "đường"},
      {"tuongwf", "tường"},
      {"nuwowcs", "nước"},
      {"ruwowuj", "rượu"},
      {"thuowr", "thuở"},
      {"muoonj", "muộn"},
      {"chuyeenj", "chuyện"},
      {"yeeus", "yếu"},
      {"hoaf", "hòa"},
      {"hoangf", "hoàng"},
      {"hoawcj", "hoặc"},
      {"khoer", "khỏe"},
      {"thuyr", "thủy"},
      {"khuaays", "khuấy"},
      {"khuyur", "khuỷu"},
      {"luaatj", "luật"},
      {"muwa", "mưa"},
      // dd.
      {"ddangr", "đảng"},
      {"ddaangr", "đẩng"},
      {"ddoongf", "đồng"},
      {"ddi", "đi"},
      {"ddaay", "đây"},
      // w with no vowel before it; z removes a tone.
      {"tw", "tư"},
      {"thuzs", "thú"},
      // Case.
      {"THUR", "thủ"},
      {"DDUOWNGF", "đường"},
      {"ThuR", "thủ"},
  };
  return rows;
}

const std::vector<DecodeRow>& vni_rows() {
  static const std::vector<DecodeRow> rows = {
      // Examples of rule 8.
      {"thu3", "thủ"},
      {"tu5c", "tục"},
      {"tuc5", "tục"},
      {"ho75p", "hợp"},
      {"ho7p5", "hợp"},
      // Tones 1-5.
      {"ma1", "má"},
      {"ma2", "mà"},
      {"ma3", "mả"},
      {"ma4", "mã"},
      {"ma5", "mạ"},
      // 6 7 8 after the vowel or later.
      {"vie6t5", "việt"},
      {"vie65t", "việt"},
      {"viet65", "việt"},
      {"ke6", "kê"},
      {"o7", "ơ"},
      {"u7", "ư"},
      {"mu7a", "mưa"},
      {"mua7", "mưa"},
      {"na8m", "năm"},
      {"nam8", "năm"},
      {"hoa8c5", "hoặc"},
      {"qua6n", "quân"},
      {"thuo73", "thuở"},
      // ươ, đ in both positions.
      {"d9u7o7ng2", "đường"},
      {"d9uo7ng2", "đường"},
      {"duo7ng92", "đường"},
      {"d9ang3", "đảng"},
      {"dang93", "đảng"},
      {"nguoi72", "người"},
      {"nguo7i2", "người"},
      {"giu7a4", "giữa"},
      {"quye6t1", "quyết"},
      {"khuye6n3", "khuyển"},
      {"nghie6p5", "nghiệp"},
      // Case.
      {"THU3", "thủ"},
      {"D9UO7NG2", "đường"},
  };
  return rows;
}

// Tokens that neither decoder accepts.
const std::vector<std::string>& rejected_rows() {
  static const std::vector<std::string> rows = {
      // No keystroke: nothing changes.
      "thu",
      "ubnd",
      "UBND",
      "khong",
      "thuz",
      // English and junk.
      "words",
      "after",
      "test",
      "cross",
      "abcdef",
      "email",
      "ss",
      "x",
      "1234",
      "covid19",
      // Invalid Vietnamese syllables.
      "hocf",     // hòc: stop final takes only sắc or nặng
      "khoetr",   // khoẻt
      "viet2",    // no ê and a grave on a stop final
      "duong92",  // đuòng: "uo" needs a mark
      "xuaant",   // final "nt"
      "caoo",     // "aô"
      "gef",      // ge is written ghe
      "cer",      // ce is written ke
      "nghe",     // nothing typed
      "a8",       // ă needs a final consonant
      "a6",       // â too
      // Keystrokes that cannot apply.
      "thuss",  // two tones
      "tu55c",  // two tones
      "aww",    // w on ă
      "ho70p",  // 0
      "9dang",  // digit before the letters
      "d9",     // no vowel
      "casch",  // inner s without another keystroke: English-looking
      // Not ASCII: already has marks, or not a token.
      "thủ",
      "đi",
      "thu tuc",
      "",
  };
  return rows;
}

}  // namespace

TEST_CASE("decode_telex reads Telex keystrokes") {
  for (const DecodeRow& row : telex_rows()) {
    SUBCASE(row.input.c_str()) {
      CAPTURE(row.input);
      const std::optional<std::string> got = sotay::decode_telex(row.input);
      CHECK(shown(got) == row.expected);
      CHECK(sotay::decode_vni(row.input) == std::nullopt);
      CHECK(sotay::decode_input_method(row.input) == std::vector<std::string>{row.expected});
    }
  }
}

TEST_CASE("decode_vni reads VNI keystrokes") {
  for (const DecodeRow& row : vni_rows()) {
    SUBCASE(row.input.c_str()) {
      CAPTURE(row.input);
      const std::optional<std::string> got = sotay::decode_vni(row.input);
      CHECK(shown(got) == row.expected);
      CHECK(sotay::decode_telex(row.input) == std::nullopt);
      CHECK(sotay::decode_input_method(row.input) == std::vector<std::string>{row.expected});
    }
  }
}

TEST_CASE("tokens that are not Telex or VNI for a Vietnamese syllable are not decoded") {
  for (const std::string& input : rejected_rows()) {
    SUBCASE(input.c_str()) {
      CAPTURE(input);
      CHECK(shown(sotay::decode_telex(input)) == "(nullopt)");
      CHECK(shown(sotay::decode_vni(input)) == "(nullopt)");
      CHECK(sotay::decode_input_method(input).empty());
    }
  }
}

TEST_CASE("decodings are in exact form") {
  // Old-style tone placement of exact_form(), whatever the key order.
  CHECK(sotay::decode_telex("hoaf") == sotay::decode_telex("hofa"));
  CHECK(sotay::decode_telex("thuyr") == std::optional<std::string>("thủy"));
  CHECK(sotay::decode_telex("thuryr") == std::nullopt);
  // The tone key may come anywhere after the first vowel.
  for (const char* input : {"nguowif", "nguowfi", "ngufowi"}) {
    CAPTURE(input);
    CHECK(shown(sotay::decode_telex(input)) == "người");
  }
}
