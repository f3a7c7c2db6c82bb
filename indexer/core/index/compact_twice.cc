#include "compact_twice.h"

#include <exception>
#include <system_error>
#include <thread>

namespace sotay {

namespace fs = std::filesystem;

bool compact_twice(const std::function<Xapian::Database()>& open, const fs::path& out,
                   const fs::path* copy) {
  bool copied = false;
  std::thread copier;
  if (copy) {
    std::error_code ec;
    fs::remove_all(*copy, ec);
    copier = std::thread([&] {
      try {
        open().compact(copy->string());
        copied = true;
      } catch (...) {  // only the copy is lost
      }
    });
  }
  std::exception_ptr error;
  try {
    open().compact(out.string());
  } catch (...) {
    error = std::current_exception();
  }
  if (copier.joinable()) copier.join();
  if (copy && (!copied || error)) {
    std::error_code ec;
    fs::remove_all(*copy, ec);
    copied = false;
  }
  if (error) std::rethrow_exception(error);
  return copied;
}

}  // namespace sotay
