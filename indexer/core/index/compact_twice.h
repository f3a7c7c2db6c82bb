// Compacting one database into two places at once: the edition and the spare
// for quick publish (quick_publish.h), each with its own UUID, as
// xapian-replicate needs. Compaction runs on one core; the copy takes the
// other, so the spare costs no time after publishing.
#pragma once

#include <filesystem>
#include <functional>

#include <xapian.h>

namespace sotay {

// Compacts open() into `out` on this thread and, with `copy`, a second time
// into `*copy` on another thread (open() is called once per thread: Xapian's
// objects are not shared between threads). Returns whether the copy was made;
// a failed copy is removed and does not fail the call. An error compacting
// into `out` is rethrown once the copy has stopped (the copy is then removed).
bool compact_twice(const std::function<Xapian::Database()>& open, const std::filesystem::path& out,
                   const std::filesystem::path* copy);

}  // namespace sotay
