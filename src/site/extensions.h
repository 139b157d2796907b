// The extension points of the site build: what renderers owned by other
// subsystems add to the site. RenderSite calls these and nothing else of
// theirs, so wiring a new renderer in is an edit to extensions.cc only.
//
// Today: the patient pages (treatments, decision aids, medicines and symptom
// checks: render/patient_pages.h, render/condition_sections.h) and the
// treatments API (render/treatment_json.h), when they are built in.
// Pure; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "knowledge/knowledge.h"
#include "render/article_page.h"
#include "render/html.h"
#include "site/render_site.h"

namespace evidoc::site {

// Sections other renderers put on a condition page (treatments, medicines,
// symptom-check links) and the assets they need.
render::ArticleExtras ArticleExtrasFor(const knowledge::Knowledge& knowledge,
                                       const content::Article& article);

// A block of links to the tools, for the home page.
render::Html HomeTools(const knowledge::Knowledge& knowledge);

// Whole families of files rendered by other subsystems; each is one task of
// the parallel build. A file here replaces a core file with the same path
// (for example a richer 404.html).
using FileFamily = std::function<std::vector<SiteFile>(const knowledge::Knowledge&)>;
std::vector<FileFamily> ExtraFileFamilies();

}  // namespace evidoc::site
