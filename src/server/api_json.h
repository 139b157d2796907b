// The JSON documents of API v1 that the server computes (docs/api.md). Each
// function returns one whole document, written with render::JsonWriter
// (keys in a stable order, never throws, escapes < > & for HTML safety).
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/search_index.h"
#include "server/http_types.h"
#include "server/snapshot.h"
#include "tools/medicines_check.h"
#include "tools/symptom_check.h"

namespace evidoc::server {

std::string SearchResultsJson(const search::SearchResults& results);
std::string SuggestionsJson(std::string_view query, const std::vector<search::Suggestion>& s);
std::string ArticlesJson(const Snapshot& snap);
std::string ArticleJson(const Snapshot& snap, const content::Article& article);
// The treatments' documents are render::TreatmentsJson and render::TreatmentJson
// (render/treatment_json.h), the same bytes as the build's api/v1 files.
std::string GlossaryJson(const Snapshot& snap);
std::string MedicinesCheckJson(const tools::MedicinesCheckResult& result);
std::string SymptomCheckersJson(const content::Content& content);
std::string SymptomCheckJson(const content::SymptomChecker& checker,
                             const tools::SymptomCheckResult& result);

// /fhir/Evidence/{id} and /fhir/Evidence?condition=: FHIR R5 Evidence
// resources (application/fhir+json); OperationOutcome on errors.
Response FhirRoute(const Request& request, const Snapshot& snap);

}  // namespace evidoc::server
