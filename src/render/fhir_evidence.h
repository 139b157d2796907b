// FHIR R5 Evidence resources, one per outcome of a treatment: the pooled
// statistic (statisticType, quantity, sampleSize, attributeEstimate with the
// 95% CI and heterogeneity, modelCharacteristic for the pooling model), the
// absolute effect as a second statistic, the GRADE certainty with one
// subcomponent per domain, and assertion = the plain-language statement.
// Valid against the official R5 JSON schema (fhir.schema.json from the
// hl7.fhir.r5.core package; see fhir_evidence_test). Pure, thread-safe.
#pragma once

#include <string>

#include "knowledge/knowledge.h"

namespace evidoc::render {

// "<treatment id>-<outcome id>", the resource id and the URL segment of
// /fhir/Evidence/{id}. Only [A-Za-z0-9-.] (FHIR id rule): others become '-';
// truncated to 64 characters (the FHIR id limit).
std::string FhirEvidenceId(const knowledge::TreatmentResult& t, const knowledge::OutcomeResult& r);

// The Evidence resource as JSON (pretty-printed). `base_url` (no trailing
// slash) makes the canonical url "<base_url>/fhir/Evidence/<id>"; empty omits
// it. An outcome without studies gives a resource without statistic or
// certainty whose assertion says so.
std::string FhirEvidenceJson(const knowledge::TreatmentResult& t, const knowledge::OutcomeResult& r,
                             const std::string& base_url);

}  // namespace evidoc::render
