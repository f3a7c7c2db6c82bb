#include "relation_detect.h"

#include <array>

#include "doc_number.h"
#include "text.h"

namespace sotay {

namespace {

struct Verb {
  std::string_view kind;
  std::array<std::string_view, 3> forms;  // lower case, capitalised, upper case
};

// Longer phrases first: at one position the first listed wins.
constexpr std::array<Verb, 10> VERBS = {{
    {"sua_doi_bo_sung", {"sửa đổi, bổ sung", "Sửa đổi, bổ sung", "SỬA ĐỔI, BỔ SUNG"}},
    {"sua_doi_bo_sung", {"sửa đổi bổ sung", "Sửa đổi bổ sung", "SỬA ĐỔI BỔ SUNG"}},
    {"sua_doi_bo_sung", {"sửa đổi", "Sửa đổi", "SỬA ĐỔI"}},
    {"thay_the", {"thay thế", "Thay thế", "THAY THẾ"}},
    {"bai_bo", {"bãi bỏ", "Bãi bỏ", "BÃI BỎ"}},
    {"dinh_chinh", {"đính chính", "Đính chính", "ĐÍNH CHÍNH"}},
    {"hop_nhat", {"hợp nhất", "Hợp nhất", "HỢP NHẤT"}},
    {"huong_dan", {"hướng dẫn thi hành", "Hướng dẫn thi hành", "HƯỚNG DẪN THI HÀNH"}},
    {"huong_dan", {"hướng dẫn", "Hướng dẫn", "HƯỚNG DẪN"}},
    {"huong_dan", {"quy định chi tiết", "Quy định chi tiết", "QUY ĐỊNH CHI TIẾT"}},
}};

struct Match {
  std::size_t pos = std::string_view::npos;
  std::size_t end = 0;
  std::string_view kind;
};

Match first_verb(std::string_view s) {
  Match best;
  for (const Verb& v : VERBS) {
    for (const std::string_view form : v.forms) {
      const std::size_t at = s.find(form);
      if (at != std::string_view::npos && at < best.pos) best = {at, at + form.size(), v.kind};
    }
  }
  return best;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// "Điều 5, Điều 7 của", "Điều 5 và 7" -> {"5", "7"}: the digits after the
// first "Điều" in `s`.
std::vector<std::string> articles_in(std::string_view s) {
  std::vector<std::string> out;
  std::size_t at = s.find("Điều ");
  if (at == std::string_view::npos) at = s.find("điều ");
  if (at == std::string_view::npos) return out;
  std::string digits;
  const auto flush = [&] {
    if (digits.empty()) return;
    const std::size_t nz = digits.find_first_not_of('0');
    out.push_back(nz == std::string::npos ? "0" : digits.substr(nz));
    digits.clear();
  };
  for (std::size_t i = at; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else {
      flush();
      // Between articles only "Điều", "điều", "và", ",", spaces.
      const std::string_view rest = s.substr(i);
      bool skip = false;
      for (const std::string_view w : {"Điều", "điều", "và", ",", " "}) {
        if (rest.substr(0, w.size()) == w) {
          i += w.size() - 1;
          skip = true;
          break;
        }
      }
      if (!skip) break;
    }
  }
  flush();
  return out;
}

struct Detector {
  std::string own_key;
  std::vector<DetectedRelation> out;

  void add(std::string_view kind, const DocNumber* n, std::string_view sentence,
           std::string_view name, std::vector<std::string> articles, int line) {
    DetectedRelation r;
    r.kind = std::string(kind);
    if (n) {
      if (n->key() == own_key) return;
      r.number = std::string(sentence.substr(n->begin, n->end - n->begin));
    } else {
      r.name = std::string(name);
    }
    for (const DetectedRelation& seen : out) {
      if (seen.kind == r.kind && seen.number == r.number && seen.name == r.name) return;
    }
    r.articles = std::move(articles);
    r.sentence = std::string(utf8_prefix(sentence, 300));
    r.line = line;
    out.push_back(std::move(r));
  }

  void basis(std::string_view s, int line) {
    const std::vector<DocNumber> numbers = find_doc_numbers(s);
    for (const DocNumber& n : numbers) add("can_cu", &n, s, {}, {}, line);
    if (!numbers.empty()) return;
    std::string_view name = trim(s.substr(std::string_view("Căn cứ").size()));
    if (!name.empty() && name.front() == ':') name = trim(name.substr(1));
    while (!name.empty() && (name.back() == ';' || name.back() == ',' || name.back() == '.')) {
      name = trim(name.substr(0, name.size() - 1));
    }
    if (!name.empty()) add("can_cu", nullptr, s, name, {}, line);
  }

  // "… hết hiệu lực kể từ ngày Nghị định này có hiệu lực": the numbers before.
  bool expiry(std::string_view s, int line) {
    const std::size_t at = s.find("hết hiệu lực");
    if (at == std::string_view::npos || s.find("này", at) == std::string_view::npos) return false;
    const std::vector<DocNumber> numbers = find_doc_numbers(s.substr(0, at));
    for (const DocNumber& n : numbers) add("thay_the", &n, s, {}, {}, line);
    return !numbers.empty();
  }

  void sentence(std::string_view s, int line) {
    if (s.starts_with("Căn cứ") || s.starts_with("CĂN CỨ")) {
      basis(s, line);
      return;
    }
    if (expiry(s, line)) return;
    const Match m = first_verb(s);
    if (m.pos == std::string_view::npos) return;
    const std::string_view before = trim(s.substr(0, m.pos));
    if (ends_with(before, "được") || ends_with(before, "bị") || ends_with(before, "đã")) return;
    // The document itself acts: the verb opens the sentence ("Bãi bỏ Điều
    // 5 …", a title, an article heading) or follows "… này".
    if (!before.empty() && !ends_with(before, "này") && !ends_with(before, "NÀY")) return;
    const std::string_view rest = s.substr(m.end);
    const std::vector<DocNumber> numbers = find_doc_numbers(rest);
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      DocNumber n = numbers[i];
      n.begin += m.end;
      n.end += m.end;
      std::vector<std::string> articles;
      if (i == 0) articles = articles_in(rest.substr(0, numbers[0].begin));
      add(m.kind, &n, s, {}, std::move(articles), line);
    }
  }
};

// A line without Markdown marks: leading '#', '>', '-', '*', "**".
std::string plain_line(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.substr(i, 2) == "**") {
      ++i;
      continue;
    }
    out += line[i];
  }
  std::string_view t = trim(out);
  while (!t.empty() && (t.front() == '#' || t.front() == '>' || t.front() == '-' ||
                        t.front() == '*' || t.front() == '_')) {
    t = trim(t.substr(1));
  }
  return std::string(t);
}

}  // namespace

std::vector<DetectedRelation> detect_relations(std::string_view text, std::string_view own_number) {
  Detector d{doc_number_key(own_number), {}};
  int line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_no;
    const std::string line = plain_line(text.substr(start, end - start));
    start = end + 1;
    // Sentences: split at ';' and at ". " (numbers hold neither).
    std::string_view rest = line;
    while (!rest.empty()) {
      std::size_t cut = rest.find_first_of(';');
      const std::size_t stop = rest.find(". ");
      if (stop != std::string_view::npos && (cut == std::string_view::npos || stop < cut)) {
        cut = stop;
      }
      const std::string_view s = trim(rest.substr(0, cut));
      if (!s.empty()) d.sentence(s, line_no);
      rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    }
  }
  return d.out;
}

}  // namespace sotay
