#include "site/extensions.h"

#include "render/condition_sections.h"
#include "render/patient_pages.h"

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
std::vector<FileFamily> ExtraFileFamilies() {
  return {[](const knowledge::Knowledge& k) { return render::RenderPatientPages(k); }};
}

}  // namespace evidoc::site
