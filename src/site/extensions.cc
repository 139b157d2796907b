#include "site/extensions.h"

#include "render/condition_sections.h"
#include "render/patient_pages.h"
#include "render/treatment_json.h"

namespace evidoc::site {

// The patient renderer's sections on a condition page (issue #6).
render::ArticleExtras ArticleExtrasFor(const knowledge::Knowledge& knowledge,
                                       const content::Article& article) {
  render::ArticleExtras extras;
  extras.after_warning_signs = render::RenderTreatmentsSection(knowledge, article);
  render::HtmlWriter w;
  w.Append(render::RenderSymptomCheckLinks(knowledge, article));
  w.Append(render::RenderMedicinesSection(knowledge, article));
  extras.before_questions = w.Take();
  if (!extras.after_warning_signs.empty() || !extras.before_questions.empty()) {
    extras.stylesheets.emplace_back(render::kToolsCss);
  }
  return extras;
}

// Links to the symptom check, medicines check and decision aids.
render::Html HomeTools(const knowledge::Knowledge& knowledge) {
  return render::RenderHomeTools(knowledge);
}

// The patient pages (treatments, decision aids, checks, medicines A-Z, 404).
// The treatments API (issue #4): api/v1/treatments.json and one file per
// treatment, api/v1/treatments/{id}.json.
std::vector<SiteFile> RenderTreatmentsApi(const knowledge::Knowledge& k) {
  std::vector<SiteFile> files;
  files.push_back({"api/v1/treatments.json", "application/json", render::TreatmentsJson(k)});
  for (const knowledge::TreatmentResult& t : k.treatments) {
    // Ids come from evidence file names; one that could climb out of the
    // folder ("..", "a/b") is never used as a path.
    if (t.treatment == nullptr || t.treatment->id.empty() || t.treatment->id[0] == '.' ||
        t.treatment->id.find('/') != std::string::npos) {
      continue;
    }
    files.push_back({"api/v1/treatments/" + t.treatment->id + ".json", "application/json",
                     render::TreatmentJson(t)});
  }
  return files;
}

std::vector<FileFamily> ExtraFileFamilies() {
  return {[](const knowledge::Knowledge& k) { return render::RenderPatientPages(k); },
          RenderTreatmentsApi};
}

}  // namespace evidoc::site
