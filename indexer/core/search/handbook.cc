#include "handbook.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "citation.h"
#include "doc_number.h"
#include "index_contract.h"
#include "json_util.h"
#include "slug.h"
#include "url.h"

namespace sotay {

namespace c = contract;
using nlohmann::json;

namespace {

constexpr const char* OTHER_FIELD = "Lĩnh vực khác";

struct BookDoc {
  json meta;
  std::string anchor;  // "vb-1-1-1"
};

// Own number keys -> the book's documents.
using Directory = std::map<std::string, std::vector<const BookDoc*>>;

// "#<target>" for a citation link to a document of the book, or "".
std::string book_target(std::string_view url, const Directory& dir) {
  std::string_view path = url.substr(4);  // after "/so/"
  std::string article;
  if (const auto q = path.find("?dieu="); q != std::string_view::npos) {
    article = std::string(path.substr(q + 6));
    path = path.substr(0, q);
  }
  const std::string number = percent_decode(path);
  const auto found = find_doc_numbers(number, NumberContext::QUERY);
  if (found.size() != 1) return {};
  const auto it = dir.find(found[0].query_key());
  if (it == dir.end() || it->second.size() != 1) return {};
  const BookDoc& target = *it->second[0];
  if (!article.empty()) {
    for (const json& s : target.meta.value("sections", json::array())) {
      if (heading_article(json_string(s, "title")) == article) {
        return "#" + target.anchor + "-" + json_string(s, "anchor");
      }
    }
  }
  return "#" + target.anchor;
}

// "<h2" -> "<h4", "</h3" -> "</h5" (h6 at most): the book's own headings
// are h1-h3. Appends the demoted tag start and returns true, or false when
// `rest` does not start a heading tag.
bool demote(std::string_view rest, std::string& out) {
  const std::size_t digit = rest[1] == '/' ? 3 : 2;
  if (rest.size() <= digit || rest[digit] < '1' || rest[digit] > '6') return false;
  if (rest.size() > digit + 1 && rest[digit + 1] != '>' && rest[digit + 1] != ' ') return false;
  out += rest.substr(0, digit);
  out += static_cast<char>(std::min(rest[digit] + 2, static_cast<int>('6')));
  return true;
}

// Demotes headings, prefixes ids (and aria-labelledby) and in-page links with the document's anchor
// and points citation links into the book. The HTML is cmark's output, where the only attributes
// are the ones markdown.cc and cmark write (text that looks like an attribute is escaped as
// &quot;).
std::string rewrite_html(const std::string& html, const std::string& prefix, const Directory& dir) {
  std::string out;
  out.reserve(html.size() + html.size() / 16);
  static constexpr std::string_view ID = " id=\"";
  static constexpr std::string_view LABELLED_BY = " aria-labelledby=\"";  // a procedure card
  static constexpr std::string_view LOCAL = "href=\"#";
  static constexpr std::string_view CITATION = "href=\"/so/";
  for (std::size_t i = 0; i < html.size();) {
    const std::string_view rest = std::string_view(html).substr(i);
    if ((rest.starts_with("<h") || rest.starts_with("</h")) && demote(rest, out)) {
      i += rest[1] == '/' ? 4 : 3;
    } else if (rest.starts_with(ID) || rest.starts_with(LABELLED_BY)) {
      const std::string_view attribute = rest.starts_with(ID) ? ID : LABELLED_BY;
      out += attribute;
      out += prefix + "-";
      i += attribute.size();
    } else if (rest.starts_with(LOCAL)) {
      out += LOCAL;
      out += prefix + "-";
      i += LOCAL.size();
    } else if (rest.starts_with(CITATION)) {
      const std::size_t start = i + 6;
      const std::size_t end = html.find('"', start);
      if (end == std::string::npos) {
        out += rest;
        break;
      }
      // cmark escapes '&' in URLs as "&amp;".
      std::string url = html.substr(start, end - start);
      for (std::size_t p; (p = url.find("&amp;")) != std::string::npos;) url.replace(p, 5, "&");
      const std::string target = book_target(url, dir);
      out += "href=\"";
      out += target.empty() ? html.substr(start, end - start) : target;
      out += '"';
      i = end + 1;
    } else {
      out += html[i++];
    }
  }
  return out;
}

// field -> department -> documents; keys are folded names so order is
// alphabetical without accents getting in the way.
struct Chapter {
  std::string title;
  std::map<std::string, std::pair<std::string, std::vector<json>>> departments;
};
using Chapters = std::map<std::string, Chapter>;

// The edition's documents by field and department.
Chapters group_documents(Xapian::Database& db) {
  Chapters fields;
  const json ids = json::parse(db.get_metadata(std::string(c::META_DOCUMENTS)), nullptr, false);
  if (!ids.is_array()) return fields;
  for (const json& id : ids) {
    if (!id.is_string()) continue;
    const std::string raw =
        db.get_metadata(std::string(c::META_DOC_PREFIX) + id.get<std::string>());
    json meta = json::parse(raw, nullptr, false);
    if (!meta.is_object()) continue;
    std::string field = json_string(meta, "field");
    // "~" sorts after every slug, so the documents without a field come last.
    const std::string field_key = field.empty() ? "~" : slugify(field);
    if (field.empty()) field = OTHER_FIELD;
    Chapter& g = fields[field_key];
    g.title = field;
    const std::string department = json_string(meta, "department");
    auto& dep = g.departments[slugify(department)];
    dep.first = department;
    dep.second.push_back(std::move(meta));
  }
  return fields;
}

// The book numbered: chapters with their departments (documents not yet
// placed), and the documents in book order with where each goes.
struct Book {
  struct Place {
    std::size_t chapter, department;
  };
  json chapters = json::array();
  std::vector<BookDoc> docs;
  std::vector<Place> places;
};

// Numbers one department's documents "<number>.1", … in reading order.
void number_documents(std::vector<json>& docs, const std::string& number, Book::Place place,
                      Book& book) {
  std::stable_sort(docs.begin(), docs.end(), [](const json& a, const json& b) {
    const std::string ka = slugify(json_string(a, "title")), kb = slugify(json_string(b, "title"));
    return ka != kb ? ka < kb : json_string(a, "id") < json_string(b, "id");
  });
  for (std::size_t k = 0; k < docs.size(); ++k) {
    const std::string doc_number = number + "." + std::to_string(k + 1);
    std::string anchor = "vb-" + doc_number;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    book.docs.push_back({std::move(docs[k]), anchor});
    book.docs.back().meta["number_in_book"] = doc_number;
    book.places.push_back(place);
  }
}

// Numbers everything first, so citations can point forwards.
Book number_book(Chapters& fields) {
  Book book;
  std::size_t chapter_no = 0;
  for (auto& [field_key, g] : fields) {
    ++chapter_no;
    json chapter = {{"number", std::to_string(chapter_no)},
                    {"title", g.title},
                    {"anchor", "chuong-" + std::to_string(chapter_no)},
                    {"departments", json::array()}};
    std::size_t department_no = 0;
    for (auto& [dep_key, dep] : g.departments) {
      ++department_no;
      const std::string number = std::to_string(chapter_no) + "." + std::to_string(department_no);
      chapter["departments"].push_back(
          {{"number", number},
           {"title", dep.first},
           {"anchor", "muc-" + std::to_string(chapter_no) + "-" + std::to_string(department_no)},
           {"documents", json::array()}});
      number_documents(dep.second, number, {chapter_no - 1, department_no - 1}, book);
    }
    book.chapters.push_back(std::move(chapter));
  }
  return book;
}

Directory directory_of(const std::vector<BookDoc>& docs) {
  Directory dir;
  for (const BookDoc& d : docs) {
    for (const DocNumber& n : find_doc_numbers(json_string(d.meta, "number"))) {
      for (const std::string& key : n.index_keys()) dir[key].push_back(&d);
    }
  }
  return dir;
}

}  // namespace

json compile_handbook(Xapian::Database& db, const BeforeBody& before_body) {
  Chapters fields = group_documents(db);
  Book book = number_book(fields);
  const Directory dir = directory_of(book.docs);
  for (std::size_t i = 0; i < book.docs.size(); ++i) {
    json doc = book.docs[i].meta;
    doc["anchor"] = book.docs[i].anchor;
    doc["section_number"] = json_string(doc, "number_in_book");
    const std::string before = before_body ? before_body(doc) : std::string();
    doc["html"] = rewrite_html(before + json_string(doc, "html"), book.docs[i].anchor, dir);
    const Book::Place& place = book.places[i];
    book.chapters[place.chapter]["departments"][place.department]["documents"].push_back(
        std::move(doc));
  }
  return {{"chapters", book.chapters}, {"documents", book.docs.size()}};
}

}  // namespace sotay
