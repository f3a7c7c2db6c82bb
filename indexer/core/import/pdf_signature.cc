#include "pdf_signature.h"

#include <array>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string_view>

#include "subprocess.h"

namespace sotay {
namespace {

using Verdict = PdfSignature::Verdict;

// What pdfsig printed for one "Signature #n:" block.
struct SignatureBlock {
  PdfSignature signature;
  std::string validation;   // "Signature is Valid." …
  std::string certificate;  // "Certificate issuer is unknown." … ("" when not printed)
  bool unsigned_field = false;
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// pdfsig prints "(null)" for a name the certificate lacks.
std::string name_value(std::string_view value) {
  return value == "(null)" ? std::string() : std::string(value);
}

// The first O= attribute of an RFC 4514 distinguished name ("CN=…,OU=…,O=…"),
// unescaped ("\," is a comma inside a value).
std::string organisation_of(std::string_view dn) {
  std::vector<std::string> attributes(1);
  for (std::size_t i = 0; i < dn.size(); ++i) {
    if (dn[i] == '\\' && i + 1 < dn.size()) {
      attributes.back().push_back(dn[++i]);
    } else if (dn[i] == ',' || dn[i] == '+') {
      attributes.emplace_back();
    } else {
      attributes.back().push_back(dn[i]);
    }
  }
  for (const auto& attribute : attributes) {
    const std::string_view text = trim(attribute);
    if (starts_with(text, "O=")) return std::string(trim(text.substr(2)));
  }
  return {};
}

// "Apr 16 2020 14:37:07" → "16/04/2020"; anything else as is. Only the
// date: some signing software records local time as UTC, so the hour can be
// 7 hours off the stamp on the page, the date rarely.
std::string vietnamese_date(const std::string& time) {
  static constexpr std::array<std::string_view, 12> MONTHS = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char month[4] = {};
  int day = 0, year = 0;
  if (std::sscanf(time.c_str(), "%3s %d %d", month, &day, &year) != 3) return time;
  for (std::size_t m = 0; m < MONTHS.size(); ++m) {
    if (MONTHS[m] != month) continue;
    char date[32];
    std::snprintf(date, sizeof date, "%02d/%02zu/%d", day, m + 1, year);
    return date;
  }
  return time;
}

// Why a signature that is not valid is so, or the certificate caveat of a
// valid one. The cases follow pdfsig 22.12's getReadableSigState and
// getReadableCertState strings.
void judge(SignatureBlock& block, bool byte_range_error) {
  PdfSignature& sig = block.signature;
  const std::string& v = block.validation;
  if (v == "Signature is Valid.") {
    if (!sig.whole_document) {
      sig.verdict = Verdict::UNVERIFIABLE;
      sig.detail =
          "chữ ký chỉ bảo đảm bản tài liệu lúc ký; sau đó tệp đã được bổ sung (thường là thêm "
          "chữ ký khác) và phần bổ sung không được chữ ký này bảo đảm";
    } else if (block.certificate == "Certificate has been Revoked.") {
      sig.verdict = Verdict::INVALID;
      sig.detail = "chứng thư số của người ký đã bị thu hồi";
    } else {
      sig.verdict = Verdict::VALID;
      sig.certificate_verified = block.certificate == "Certificate is Trusted.";
      if (block.certificate == "Certificate has Expired")
        sig.detail =
            "Tài liệu không bị sửa sau khi ký, nhưng chứng thư số của người ký đã hết "
            "hạn nên máy chủ không xác nhận được tên người ký.";
      else if (!sig.certificate_verified)
        sig.detail =
            "Tài liệu không bị sửa sau khi ký, nhưng máy chủ chưa đối chiếu được chứng "
            "thư số với tổ chức cấp chứng thư, nên tên người ký chưa được xác nhận.";
    }
  } else if (v == "Digest Mismatch.") {
    sig.verdict = Verdict::INVALID;
    sig.detail = "tài liệu đã bị sửa sau khi ký (nội dung không còn khớp với chữ ký)";
  } else if (v == "Signature is Invalid.") {
    sig.verdict = Verdict::INVALID;
    sig.detail = "chữ ký không khớp với chứng thư số của người ký";
  } else if (v == "Signature has not yet been verified." &&
             (byte_range_error || !sig.whole_document)) {
    sig.verdict = Verdict::UNVERIFIABLE;
    sig.detail =
        "tệp là bản trích ra từ một tài liệu lớn hơn (như bản cắt từ Công báo), phần được ký "
        "không còn khớp với tệp nên chữ ký không còn kiểm tra được";
  } else if (v == "Document isn't signed or corrupted data.") {
    sig.verdict = Verdict::UNVERIFIABLE;
    sig.detail = "dữ liệu chữ ký bị hỏng, máy chủ không đọc được";
  } else {
    sig.verdict = Verdict::UNVERIFIABLE;
    sig.detail = "máy chủ không kiểm tra được chữ ký này";
  }
}

// Applies one "  - Key: value" or "  - Total document signed" line.
void read_line(SignatureBlock& block, std::string_view line) {
  PdfSignature& sig = block.signature;
  if (line == "The signature form field is not signed.") {
    block.unsigned_field = true;
    return;
  }
  if (!starts_with(line, "- ")) return;
  line.remove_prefix(2);
  if (line == "Total document signed") sig.whole_document = true;
  const std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos) return;
  const std::string_view key = line.substr(0, colon);
  const std::string_view value = trim(line.substr(colon + 2));
  if (key == "Signer Certificate Common Name")
    sig.signer = name_value(value);
  else if (key == "Signer full Distinguished Name")
    sig.organisation = organisation_of(name_value(value));
  else if (key == "Signing Time")
    sig.signing_time = std::string(value);
  else if (key == "Signature Validation")
    block.validation = std::string(value);
  else if (key == "Certificate Validation")
    block.certificate = std::string(value);
}

std::string describe_signer(const PdfSignature& sig) {
  std::string who = sig.signer.empty() ? std::string("không rõ người ký") : sig.signer;
  if (!sig.organisation.empty() && sig.organisation != sig.signer)
    who += " (" + sig.organisation + ")";
  if (!sig.signing_time.empty()) who += ", ký ngày " + vietnamese_date(sig.signing_time);
  return who;
}

}  // namespace

std::string PdfSignature::sentence() const {
  switch (verdict) {
    case Verdict::VALID:
      return "Chữ ký số hợp lệ: " + describe_signer(*this) + "." +
             (detail.empty() ? "" : " " + detail);
    case Verdict::INVALID:
      return "Chữ ký số không hợp lệ: " + describe_signer(*this) + "; " + detail + ".";
    case Verdict::UNVERIFIABLE:
      break;
  }
  if (signer.empty() && signing_time.empty())
    return "Chữ ký số không kiểm tra được: " + detail + ".";
  return "Chữ ký số không kiểm tra được: " + describe_signer(*this) + "; " + detail + ".";
}

std::vector<PdfSignature> parse_pdfsig_output(const std::string& out) {
  const bool byte_range_error = out.find("ByteRange") != std::string::npos;
  std::vector<SignatureBlock> blocks;
  std::istringstream lines(out);
  std::string raw;
  while (std::getline(lines, raw)) {
    const std::string_view line = trim(raw);
    if (starts_with(line, "Signature #") && !line.empty() && line.back() == ':')
      blocks.emplace_back();
    else if (!blocks.empty() && starts_with(raw, "  "))
      read_line(blocks.back(), line);
  }
  std::vector<PdfSignature> signatures;
  for (auto& block : blocks) {
    if (block.unsigned_field) continue;
    judge(block, byte_range_error);
    signatures.push_back(std::move(block.signature));
  }
  return signatures;
}

std::vector<PdfSignature> verify_pdf_signatures(const std::filesystem::path& pdf) {
  SubprocessLimits limits;
  limits.seconds = 30;
  limits.memory_bytes = 256ull << 20;
  limits.file_bytes = 1 << 20;  // it writes nothing but NSS's scratch files
  PdfSignature failed;
  try {
    const JobDirectory dir;
    // Signing times in Vietnam time (UTC+7, no daylight saving; a POSIX TZ
    // string needs no tzdata). -no-ocsp: no network look-ups from the server.
    const auto result =
        run_subprocess({"pdfsig", "-no-ocsp", std::filesystem::absolute(pdf).string()}, limits,
                       dir.path(), {"TZ=ICT-7"});
    // An unsigned file is pdfsig's exit status 2 with this line.
    if (result.exit_code == 2 &&
        result.out.find("does not contain any signatures") != std::string::npos)
      return {};
    if (result.ok()) return parse_pdfsig_output(result.out + "\n" + result.err);
    failed.detail =
        result.not_found
            ? "máy chủ chưa cài pdfsig (gói poppler-utils) nên không kiểm tra được chữ ký số"
            : "máy chủ không kiểm tra được chữ ký số của tệp (" + result.describe(limits) + ")";
  } catch (const std::exception& error) {
    failed.detail =
        std::string("máy chủ không chạy được pdfsig để kiểm tra chữ ký số (") + error.what() + ")";
  }
  return {failed};
}

}  // namespace sotay
