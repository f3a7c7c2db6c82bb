// Procedure cards as stored in doc:<id> (index_contract.h): "procedures".
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "procedure_card.h"

namespace sotay {

// [{"anchor", "ten", "ma_thu_tuc", "co_quan_thuc_hien", "cap_thuc_hien",
//   "thoi_han_giai_quyet", "han_thuc_hien", "phi_le_phi": [{"ten", "muc", "mien_giam"}],
//   "ho_so": [{"ten", "ban", "so_luong", "ghi_chu"}], "bieu_mau": [{"ten", "tep", "sha256"?,
//   "size"?}], "can_cu": [number…], "trinh_tu": [step…], "ket_qua"}]
// A form with a file has "sha256" and "size" once attach_procedure_forms()
// saw it: the edition stores its bytes under original:<sha256>, as originals.
nlohmann::json procedures_json(const std::vector<ProcedureCard>& cards);

}  // namespace sotay
