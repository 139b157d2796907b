// Test helper: weighs evidence folders and writes every outcome's FHIR R5
// Evidence resource to OUT_DIR/<id>.json, for the schema validation test
// (tests/fhir/validate.cjs). Usage: fhir_evidence_dump OUT_DIR CONTENT_DIR...
#include <filesystem>
#include <fstream>
#include <iostream>

#include "content/evidence_loader.h"
#include "knowledge/knowledge.h"
#include "render/fhir_evidence.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fhir_evidence_dump OUT_DIR CONTENT_DIR...\n";
    return 2;
  }
  std::filesystem::path out = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  evidoc::RealFileSystem fs;
  int written = 0;
  for (int i = 2; i < argc; ++i) {
    auto content = std::make_shared<evidoc::content::Content>();
    content->root = argv[i];
    evidoc::Diagnostics diags;
    evidoc::content::LoadEvidence(fs, content->root, *content, diags);
    if (diags.has_errors()) {
      for (const auto& d : diags.items()) std::cerr << evidoc::FormatDiagnostic(d) << "\n";
      return 1;
    }
    auto k = evidoc::knowledge::Weigh(content);
    for (const auto& t : k->treatments) {
      for (const auto& r : t.outcomes) {
        std::ofstream f(out / (evidoc::render::FhirEvidenceId(t, r) + ".json"));
        f << evidoc::render::FhirEvidenceJson(t, r, "https://example.org");
        ++written;
      }
    }
  }
  std::cout << "wrote " << written << " Evidence resources to " << out.string() << "\n";
  return written > 0 ? 0 : 1;
}
