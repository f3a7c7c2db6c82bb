#include "relations.h"

#include "doc_number.h"
#include "slug.h"
#include "text.h"

namespace sotay {

namespace {

struct Reader {
  std::string_view path;
  const std::string& key;
  int first_line;
  std::vector<Relation>& out;
  std::vector<ContentError>& errors;

  void error(int line, const std::string& message) {
    errors.push_back({std::string(path), line, "trường \"" + key + "\": " + message});
  }
  int line_of(const YAML::Node& node, int fallback) const {
    return node.Mark().is_null() ? fallback : node.Mark().line + first_line;
  }
  void add(std::string_view text, std::string_view articles_text, const YAML::Node* articles,
           int line);
  void add_item(const YAML::Node& item, int line);
  void add_scalar(std::string_view text, int line);
};

bool is_id_like(std::string_view s) {
  if (s.empty() || s.size() > 200 || s.front() == '/' || s.back() == '/') return false;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.' || c == '/';
    if (!ok) return false;
  }
  return s.find("..") == std::string_view::npos;
}

constexpr std::string_view FORM_HINT =
    "; ghi số hiệu văn bản (ví dụ 110/2004/NĐ-CP) hoặc mã một văn bản của sổ tay "
    "(ví dụ van-phong/nghi-dinh-110-2004), có điều thì ghi \"110/2004/NĐ-CP: Điều 5, 7\"";

void Reader::add(std::string_view text, std::string_view articles_text, const YAML::Node* articles,
                 int line) {
  text = trim(text);
  if (text.empty()) {
    error(line, "một mục để trống" + std::string(FORM_HINT));
    return;
  }
  Relation r;
  r.kind = key;
  r.line = line;
  const std::vector<DocNumber> numbers = find_doc_numbers(text);
  if (numbers.size() == 1) {
    r.target = std::string(text.substr(numbers[0].begin, numbers[0].end - numbers[0].begin));
  } else if (numbers.size() > 1) {
    error(line, "\"" + std::string(text) +
                    "\" có nhiều số hiệu; mỗi mục chỉ ghi một văn bản, nhiều văn bản thì ghi "
                    "thành danh sách, mỗi văn bản một dòng bắt đầu bằng \"- \"");
    return;
  } else if (is_id_like(text)) {
    r.target = std::string(text);
  } else {
    error(line,
          "\"" + std::string(text) + "\" không phải số hiệu văn bản" + std::string(FORM_HINT));
    return;
  }
  bool ok = true;
  if (articles && articles->IsSequence()) {
    for (const auto& a : *articles) {
      const auto part = a.IsScalar() ? parse_articles(a.Scalar(), ok) : std::vector<std::string>{};
      if (!a.IsScalar()) ok = false;
      r.articles.insert(r.articles.end(), part.begin(), part.end());
    }
  } else if (articles && articles->IsScalar()) {
    r.articles = parse_articles(articles->Scalar(), ok);
  } else if (articles && !articles->IsNull()) {
    ok = false;
  } else if (!trim(articles_text).empty()) {
    r.articles = parse_articles(articles_text, ok);
  }
  if (!ok) {
    error(line, "không đọc được các điều của \"" + r.target +
                    "\"; ghi số điều cách nhau bằng dấu phẩy, ví dụ \"" + r.target +
                    ": Điều 5, 7\"");
    return;
  }
  for (const Relation& seen : out) {
    if (seen.kind == r.kind && seen.target == r.target) return;  // written twice: once
  }
  out.push_back(std::move(r));
}

// "110/2004/NĐ-CP", "110/2004/NĐ-CP: Điều 5, 7" or "A, B" (several targets).
void Reader::add_scalar(std::string_view text, int line) {
  if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    add(text.substr(0, colon), text.substr(colon + 1), nullptr, line);
    return;
  }
  if (text.find_first_of(",;") == std::string_view::npos) {
    add(text, {}, nullptr, line);
    return;
  }
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find_first_of(",;", start);
    if (end == std::string_view::npos) end = text.size();
    if (!trim(text.substr(start, end - start)).empty()) {
      add(text.substr(start, end - start), {}, nullptr, line);
    }
    start = end + 1;
  }
}

void Reader::add_item(const YAML::Node& item, int fallback) {
  const int line = line_of(item, fallback);
  if (item.IsScalar()) {
    add_scalar(item.Scalar(), line);
    return;
  }
  if (item.IsMap() && item["so"]) {
    const YAML::Node number = item["so"];
    const YAML::Node articles = item["dieu"];
    for (const auto& kv : item) {
      const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (k != "so" && k != "dieu") {
        error(
            line_of(kv.first, line),
            "trong một mục chỉ có \"so\" (số hiệu) và \"dieu\" (các điều), không có \"" + k + "\"");
        return;
      }
    }
    if (!number.IsScalar()) {
      error(line, "\"so\" phải là một số hiệu" + std::string(FORM_HINT));
      return;
    }
    add(number.Scalar(), {}, articles ? &articles : nullptr, line);
    return;
  }
  if (item.IsMap() && item.size() == 1) {
    const auto kv = *item.begin();
    if (kv.first.IsScalar()) {
      const YAML::Node articles = kv.second;
      add(kv.first.Scalar(), {}, &articles, line);
      return;
    }
  }
  error(line, "mục không đọc được" + std::string(FORM_HINT));
}

}  // namespace

const std::vector<RelationKind>& relation_kinds() {
  static const std::vector<RelationKind> kinds = {
      {"thay_the", "thay-the", "Thay thế", "Bị thay thế bởi"},
      {"sua_doi_bo_sung", "sua-doi-bo-sung", "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"},
      {"bai_bo", "bai-bo", "Bãi bỏ", "Bị bãi bỏ bởi"},
      {"dinh_chinh", "dinh-chinh", "Đính chính", "Được đính chính bởi"},
      {"hop_nhat", "hop-nhat", "Hợp nhất", "Được hợp nhất bởi"},
      {"huong_dan", "huong-dan", "Hướng dẫn", "Được hướng dẫn bởi"},
      {"can_cu", "can-cu", "Căn cứ", "Là căn cứ của"},
  };
  return kinds;
}

const RelationKind* find_relation_kind(std::string_view name) {
  for (const RelationKind& k : relation_kinds()) {
    if (k.key == name || k.slug == name) return &k;
  }
  return nullptr;
}

void read_relations(std::string_view path, const std::string& key, const YAML::Node& value,
                    int line, int first_line, std::vector<Relation>& out,
                    std::vector<ContentError>& errors) {
  Reader reader{path, key, first_line, out, errors};
  if (value.IsNull()) return;
  if (value.IsScalar()) {
    reader.add_scalar(value.Scalar(), line);
  } else if (value.IsSequence()) {
    for (const auto& item : value) reader.add_item(item, line);
  } else if (value.IsMap() && !value["so"]) {
    for (const auto& kv : value) {  // "thay_the:\n  110/2004/NĐ-CP: Điều 5"
      if (!kv.first.IsScalar()) {
        reader.error(reader.line_of(kv.first, line), "mục không đọc được" + std::string(FORM_HINT));
        continue;
      }
      const YAML::Node articles = kv.second;
      reader.add(kv.first.Scalar(), {}, &articles, reader.line_of(kv.first, line));
    }
  } else {
    reader.add_item(value, line);
  }
}

std::vector<std::string> parse_articles(std::string_view text, bool& ok) {
  ok = true;
  std::vector<std::string> out;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    const std::string folded = slugify(word);
    if (folded.find_first_not_of("0123456789") == std::string::npos) {
      const std::size_t nz = folded.find_first_not_of('0');
      out.push_back(nz == std::string::npos ? "0" : folded.substr(nz));
    } else if (folded != "dieu" && folded != "va" && folded != "d") {
      ok = false;
    }
    word.clear();
  };
  for (const char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '.' || c == '\t') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  if (out.empty() && !trim(text).empty()) ok = false;
  return out;
}

std::string relations_to_text(const std::vector<Relation>& relations) {
  std::string out;
  for (const RelationKind& kind : relation_kinds()) {
    std::string line;
    for (const Relation& r : relations) {
      if (r.kind != kind.key) continue;
      line += (line.empty() ? std::string(kind.key) + ": " : "; ") + r.target;
      for (std::size_t i = 0; i < r.articles.size(); ++i) {
        line += (i == 0 ? " (Điều " : ", ") + r.articles[i];
      }
      if (!r.articles.empty()) line += ")";
    }
    if (!line.empty()) out += line + "\n";
  }
  return out;
}

std::vector<Relation> relations_from_text(std::string_view text,
                                          std::vector<ContentError>& errors) {
  std::vector<Relation> out;
  int line_no = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    ++line_no;
    start = end + 1;
    if (line.empty()) {
      if (end == text.size()) break;
      continue;
    }
    const std::size_t colon = line.find(':');
    const RelationKind* kind =
        colon == std::string_view::npos ? nullptr : find_relation_kind(trim(line.substr(0, colon)));
    if (!kind) {
      errors.push_back({"", line_no,
                        "đầu dòng phải là loại quan hệ và dấu hai chấm: thay_the, "
                        "sua_doi_bo_sung, bai_bo, dinh_chinh, hop_nhat, huong_dan hoặc can_cu, "
                        "ví dụ \"thay_the: 110/2004/NĐ-CP\""});
    } else {
      const std::string key(kind->key);
      std::string_view rest = line.substr(colon + 1);
      while (!rest.empty()) {
        const std::size_t semi = rest.find(';');
        std::string entry(trim(rest.substr(0, semi)));
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        if (entry.empty()) continue;
        if (const std::size_t open = entry.find('('); open != std::string::npos) {
          const std::size_t close = entry.find(')', open);
          entry = entry.substr(0, open) + ":" +
                  entry.substr(open + 1,
                               close == std::string::npos ? std::string::npos : close - open - 1);
        }
        read_relations("", key, YAML::Node(entry), line_no, 0, out, errors);
      }
    }
    if (end == text.size()) break;
  }
  return out;
}

std::string relation_target_key(std::string_view target) { return doc_number_key(target); }

void check_own_relations(std::string_view path, const FrontMatter& meta,
                         std::vector<ContentError>& errors) {
  const std::string own_key = doc_number_key(meta.number);
  for (const Relation& r : meta.relations) {
    const std::string key = relation_target_key(r.target);
    const bool self = r.target == meta.id || (!key.empty() && key == own_key);
    if (!self) continue;
    errors.push_back({std::string(path), r.line,
                      "trường \"" + r.kind + "\": \"" + r.target +
                          "\" là chính văn bản này; một văn bản không có quan hệ với chính "
                          "nó, hãy ghi số hiệu của văn bản kia hoặc xóa dòng này"});
  }
}

}  // namespace sotay
