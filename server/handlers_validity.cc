// The document page's status on today (validity.h): the banner
// (templates/validity_banner.mustache) and the "Tình trạng" line, computed
// at request time so a document comes into force, or expires, at midnight
// without a rebuild.
#include <nlohmann/json.hpp>

#include "catalog.h"
#include "citation_links.h"
#include "handlers.h"
#include "json_util.h"
#include "list_status.h"
#include "pages.h"
#include "url.h"
#include "validity.h"

namespace sotay {

using nlohmann::json;

std::string Handlers::replacement_date(const std::string& number) {
  if (number.empty()) return {};
  const auto searcher = watcher_.searcher();
  const NumberTarget target = resolve_number(searcher->database(), number, {});
  if (target.kind != NumberTarget::Kind::FOUND) return {};
  const auto doc = searcher->document(target.id);
  return doc ? json_string(*doc, "effective") : std::string();
}

void Handlers::add_validity_view(json& data) {
  const ValidityDates dates{json_string(data, "effective"), json_string(data, "expires")};
  const std::string day = today();
  const Validity now = document_validity(data, day);  // list_status.h
  const std::string superseded = json_string(data, "superseded_by");
  data["status_label"] = std::string(validity_label(now));
  data["status_code"] = std::string(validity_code(now));
  data["expired"] = now == Validity::EXPIRED;
  json view = {{"status_label", std::string(validity_label(now))},
               {"status_class", std::string(validity_code(now))},
               {"today", vietnamese_date(day)}};
  if (!superseded.empty()) {
    view["superseded_by"] = superseded;
    view["superseded_url"] = number_url(superseded);
  }
  if (const std::string by = json_string(data, "superseded_id"); !by.empty()) {
    view["superseded_url"] = doc_url(by);  // derived from the replacing document
  }
  switch (now) {
    case Validity::NOT_YET_IN_FORCE:
      view["not_yet"] = true;
      view["from"] = vietnamese_date(dates.effective);
      break;
    case Validity::EXPIRED: {
      view["expired"] = true;
      std::string since = dates.expires;
      // Else the day the replacement took effect, when that day has come.
      if (const std::string r = replacement_date(superseded); since.empty() && r <= day) since = r;
      view["since"] = vietnamese_date(since);
      break;
    }
    case Validity::PARTLY_EXPIRED: {
      view["partly"] = true;
      json articles = json::array();
      const std::string own = json_string(data, "number");
      for (const json& a : data.value("expired_articles", json::array())) {
        const std::string article = a.is_string() ? a.get<std::string>() : a.dump();
        articles.push_back(
            {{"article", article}, {"url", own.empty() ? "" : number_url(own, article)}});
      }
      view["articles"] = articles;
      break;
    }
    case Validity::SUSPENDED:
      view["suspended"] = true;
      break;
    case Validity::IN_FORCE:
      if (!dates.expires.empty()) view["until"] = vietnamese_date(dates.expires);
      break;
  }
  const bool shown = now != Validity::IN_FORCE || !dates.expires.empty();
  data["validity_banner"] = shown ? render_template("validity_banner", view) : std::string();
}

}  // namespace sotay
