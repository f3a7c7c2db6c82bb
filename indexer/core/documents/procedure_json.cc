#include "procedure_json.h"

namespace sotay {

using nlohmann::json;

nlohmann::json procedures_json(const std::vector<ProcedureCard>& cards) {
  json out = json::array();
  for (const ProcedureCard& c : cards) {
    json fees = json::array(), dossier = json::array(), forms = json::array();
    for (const ProcedureFee& f : c.fees) {
      fees.push_back({{"ten", f.name}, {"muc", f.amount}, {"mien_giam", f.exemption}});
    }
    for (const ProcedureDossierItem& d : c.dossier) {
      dossier.push_back(
          {{"ten", d.name}, {"ban", d.copy}, {"so_luong", d.count}, {"ghi_chu", d.note}});
    }
    for (const ProcedureForm& f : c.forms) {
      json form = {{"ten", f.name}, {"tep", f.file}};
      if (!f.sha256.empty()) {  // the bytes are in the edition (original:<sha256>)
        form["sha256"] = f.sha256;
        form["size"] = f.size;
      }
      forms.push_back(std::move(form));
    }
    out.push_back({{"anchor", c.anchor},
                   {"ten", c.name},
                   {"ma_thu_tuc", c.code},
                   {"co_quan_thuc_hien", c.agency},
                   {"cap_thuc_hien", c.level},
                   {"thoi_han_giai_quyet", c.time_limit},
                   {"han_thuc_hien", c.deadline},
                   {"phi_le_phi", fees},
                   {"ho_so", dossier},
                   {"bieu_mau", forms},
                   {"can_cu", c.legal_basis},
                   {"trinh_tu", c.steps},
                   {"ket_qua", c.result}});
  }
  return out;
}

}  // namespace sotay
