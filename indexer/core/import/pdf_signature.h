// Digital signatures in a PDF, verified with poppler's pdfsig, described in
// words a clerk understands. A signature that cannot be verified is never
// shown as valid, and a sentence never claims more than pdfsig checked.
//
// pdfsig (poppler-utils 22.12) checks, per signature: that the signed bytes
// still match (the document was not changed), whether the signature covers
// the whole file, and the signer's certificate against the machine's NSS
// trust store. It runs offline (-no-ocsp: no revocation look-up on the
// network), so on a plain server the certificate check usually ends with
// "Certificate issuer is unknown": the signature is intact, but nobody
// vouched for the certificate. Verdicts:
//
//   VALID         signature valid AND it covers the whole file;
//                 `certificate_verified` only when the certificate is trusted.
//   INVALID       "Signature is Invalid." or "Digest Mismatch." (the document
//                 was changed after signing), or the certificate was revoked.
//   UNVERIFIABLE  everything else: a valid signature over an earlier version
//                 (the file was added to after signing, usually by a later
//                 signature), a bad ByteRange (an extract cut out of a larger
//                 file, as in the Gazette), data pdfsig could not read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sotay {

struct PdfSignature {
  enum class Verdict { VALID, INVALID, UNVERIFIABLE };
  Verdict verdict = Verdict::UNVERIFIABLE;
  std::string signer;        // certificate common name ("" when pdfsig prints "(null)")
  std::string organisation;  // O= of the signer's distinguished name
  // As pdfsig prints it ("Feb 07 2025 14:59:55"); verify_pdf_signatures runs
  // it in Vietnam time (UTC+7). It is the signer's own claim (no timestamp
  // authority), and some Vietnamese signing software records local time as
  // UTC, which then reads 7 hours late against the stamp on the page.
  std::string signing_time;
  bool whole_document = false;        // the signature covers the whole file
  bool certificate_verified = false;  // the certificate is trusted on this machine
  std::string detail;                 // Vietnamese: why it is invalid or unverifiable, or the
                                      // certificate caveat of a VALID signature
  // "Chữ ký số hợp lệ: <signer> (<organisation>), ký ngày <dd/mm/yyyy>." plus the
  // certificate caveat when not verified, or
  // "Chữ ký số không kiểm tra được: <signer …>; <detail>." /
  // "Chữ ký số không hợp lệ: <signer …>; <detail>.". The date only: the
  // hour is unreliable (see signing_time).
  std::string sentence() const;
};

// The signatures of `pdf` (empty when it has none; unsigned signature
// fields are not signatures). Runs pdfsig -no-ocsp with limits (30 s,
// 256 MiB); throws nothing: a pdfsig failure becomes one UNVERIFIABLE entry.
std::vector<PdfSignature> verify_pdf_signatures(const std::filesystem::path& pdf);

// Parses pdfsig's output (pure, for tests). `out` is its stdout, optionally
// followed by its stderr (a "ByteRange" syntax error there explains an
// unverifiable signature).
std::vector<PdfSignature> parse_pdfsig_output(const std::string& out);

}  // namespace sotay
