// HL7 Context-Aware Knowledge Retrieval (Infobutton), URL-based, answering
// as MedlinePlus Connect does so that EHRs and patient portals configured for
// MedlinePlus work unchanged (../shared/reference/standards.md section 4).
//
// Request parameters read: mainSearchCriteria.v.c (code), .v.cs (code-system
// OID), .v.dn (display name: a search fallback), .v.ot (original text: a
// second fallback), informationRecipient (echoed, default PAT),
// informationRecipient.languageCode.c (en, the default, or anything else →
// an empty feed: the content is in English only), knowledgeResponseType
// (text/xml — Atom, the default —, application/json in MedlinePlus's JSON
// shape, or application/javascript: JSONP with `callback`).
//
// Codes resolve through the content: ICD-10-CM and SNOMED CT through the
// articles' codes (ICD-10-CM also by family: I82.401 finds an article coded
// I82.40, and I82 finds it too), RxNorm through the medicines list (a
// medicine → the conditions it may cause). Up to 3 entries, as MedlinePlus.
// An unknown code, an unsupported code system or a bad request is answered
// with a valid, empty feed — never an error — because infobutton clients show
// whatever the feed holds.
//
// Pure apart from `now`; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "server/http_types.h"
#include "server/query_string.h"
#include "server/snapshot.h"

namespace evidoc::server {

inline constexpr size_t kMaxInfobuttonEntries = 3;

struct InfobuttonCodeSystem {
  std::string_view oid;
  std::string_view symbol;  // echoed in the category, "ICD10CM"
  std::string_view name;    // in the subtitle, "ICD-10-CM"
};

// The code system for an OID, or nullptr.
const InfobuttonCodeSystem* FindCodeSystem(std::string_view oid);

// Answers one /infobutton request. `now` is the feed's <updated> time,
// "2026-11-29T10:00:00Z".
Response Infobutton(const Snapshot& snapshot, const QueryParams& params, std::string_view now);

}  // namespace evidoc::server
