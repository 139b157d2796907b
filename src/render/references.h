// Numbered reference lists, as on the article page: each entry in Vancouver
// style (the style PubMed and most medical journals use) with links to the
// DOI resolver and to PubMed. Shared by every page that cites studies.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "render/html.h"
#include "render/json_writer.h"
#include "render/site_index.h"

namespace evidoc::render {

// "https://doi.org/10.1093/ageing/23.5.418" (each DOI path segment
// percent-encoded); empty if `doi` is empty.
std::string DoiUrl(std::string_view doi);
// "https://pubmed.ncbi.nlm.nih.gov/7825490/"; empty unless `pmid` is digits.
std::string PubMedUrl(std::string_view pmid);

// "Naylor JR, Young JB. A general population survey of rest cramps. Age
// Ageing. 1994;23(5):418-20." — up to six authors, then "et al." as
// Vancouver does. Plain text (escape it for its destination).
std::string VancouverCitation(const content::Reference& ref);

// <section aria-labelledby="references"><h2 id="references">References</h2>
// <ol class="references"><li id="ref-1">...</li>...</ol></section>, one entry
// per key in order (numbered from 1); unknown keys are skipped. Writes
// nothing when `keys` is empty.
void WriteReferenceList(HtmlWriter& w, const SiteIndex& index, const std::vector<std::string>& keys,
                        std::string_view heading = "References");

// The reference as a JSON object: number, key, citation, title, authors,
// container_title, year, volume, issue, page, doi, doi_url, pmid,
// pubmed_url, url.
void WriteReferenceJson(JsonWriter& w, const content::Reference& ref, int number);

}  // namespace evidoc::render
