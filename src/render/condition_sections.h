// Sections the condition (article) page shows, rendered from Knowledge:
// "What treatments work?" and "Can my medicines cause this?". The article
// page itself (warning signs first, never collapsed; the body) belongs to
// render's article renderer, which calls these. Pure; thread-safe.
#pragma once

#include "content/model.h"
#include "knowledge/knowledge.h"
#include "render/html.h"

namespace evidoc::render {

// <section id="what-treatments-work"> with an <h2>, the condition's
// treatments grouped under BMJ's category headings (in BMJ's order), each a
// link to its treatment page with its one-line verdict and certainty, and a
// link to the decision aid. Empty Html when the article has no weighed
// treatment.
Html RenderTreatmentsSection(const knowledge::Knowledge& knowledge,
                             const content::Article& article);

// <section id="can-my-medicines-cause-this"> with an <h2>, the medicine
// classes that may cause this condition (with their common members), the
// plain explanation and numbered citations, the advice not to stop a
// medicine without talking to a doctor or pharmacist, and a link to the
// medicines check. Empty Html when no medicine class names this condition.
Html RenderMedicinesSection(const knowledge::Knowledge& knowledge, const content::Article& article);

// A short "Check your symptoms" call-out linking the symptom checkers that
// belong to this condition. Empty Html when there is none.
Html RenderSymptomCheckLinks(const knowledge::Knowledge& knowledge,
                             const content::Article& article);

}  // namespace evidoc::render
