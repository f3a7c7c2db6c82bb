#include "title_in_question.h"

#include <algorithm>
#include <cmath>

#include "index_contract.h"
#include "spelling_variants.h"

namespace sotay {

namespace c = contract;

namespace {

// Ranked OR queries (questions, relaxed keywords): added to a section whose
// document title the query holds, times the share of the title's syllables
// it holds to this power (title_share()). People ask by the title's words
// ("Nhiệm kỳ Lãnh sự danh dự là mấy năm?" for the article "Nhiệm kỳ Lãnh sự
// danh dự"), while other sections of the same law share more of the
// question's words. Chosen on the tune half of the Zalo questions
// (bench/README.md, "Title in the question"): weights 60/80/120 at power 4
// gave Recall@10 0.868/0.874/0.874, powers 2/4/8 at 80 gave
// 0.868/0.874/0.878, against 0.838 without.
constexpr double TITLE_IN_QUESTION_WEIGHT = 80.0;
constexpr double TITLE_IN_QUESTION_POWER = 4.0;

// One spelling of a folded syllable (kí/ký), to compare syllables.
std::string canonical(const std::string& folded) {
  std::string other = spelling_variant(folded);
  return other.empty() ? folded : std::min(folded, other);
}

bool has_digit(std::string_view s) {
  return s.find_first_of("0123456789") != std::string_view::npos;
}

std::vector<std::string> canonical_words(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const std::string& w : words) out.push_back(canonical(w));
  return out;
}

// title_share() with the question's syllables already canonical().
double share_of_title(std::string_view title_slug, const std::vector<std::string>& asked) {
  std::vector<std::string> title;
  for (std::size_t pos = 0; pos <= title_slug.size();) {
    std::size_t end = title_slug.find('-', pos);
    if (end == std::string_view::npos) end = title_slug.size();
    if (end > pos) title.push_back(canonical(std::string(title_slug.substr(pos, end - pos))));
    pos = end + 1;
  }
  // "dieu 9 1 lq 141 pham vi dai dien": the label is "dieu" and the numbers
  // after it, with the letter codes between them.
  std::size_t from = 0;
  if (!title.empty() && title[0] == "dieu") {
    from = 1;
    while (from < title.size() &&
           (has_digit(title[from]) || (from + 1 < title.size() && has_digit(title[from + 1])))) {
      ++from;
    }
  }
  const std::size_t n = title.size() - from;
  if (n < 2) return 0;
  std::size_t held = 0;
  for (std::size_t k = from; k < title.size(); ++k) {
    held += std::find(asked.begin(), asked.end(), title[k]) != asked.end() ? 1 : 0;
  }
  return static_cast<double>(held) / static_cast<double>(n);
}

// TITLE_IN_QUESTION_WEIGHT × title_share()^TITLE_IN_QUESTION_POWER, read
// from SLOT_TITLE_SORT of the sections the rest of the query matches (it is
// only ever an optional part: AND_MAYBE). Not serialisable (no remote
// databases).
class TitleInQuestion : public Xapian::ValuePostingSource {
 public:
  // `asked`: canonical_words() of the question's syllables.
  explicit TitleInQuestion(std::vector<std::string> asked)
      : Xapian::ValuePostingSource(c::SLOT_TITLE_SORT), asked_(std::move(asked)) {}
  void init(const Xapian::Database& database) override {
    Xapian::ValuePostingSource::init(database);
    set_maxweight(TITLE_IN_QUESTION_WEIGHT);
  }
  double get_weight() const override {
    const double share = share_of_title(get_value(), asked_);
    return share == 0 ? 0 : TITLE_IN_QUESTION_WEIGHT * std::pow(share, TITLE_IN_QUESTION_POWER);
  }
  TitleInQuestion* clone() const override { return new TitleInQuestion(asked_); }
  std::string name() const override { return {}; }
  std::string get_description() const override { return "TitleInQuestion"; }

 private:
  std::vector<std::string> asked_;
};

}  // namespace

double title_share(std::string_view title_slug, const std::vector<std::string>& words) {
  return share_of_title(title_slug, canonical_words(words));
}

Xapian::Query title_in_question(const std::vector<std::string>& words) {
  return Xapian::Query((new TitleInQuestion(canonical_words(words)))->release());
}

}  // namespace sotay
