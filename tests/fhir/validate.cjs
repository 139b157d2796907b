// Validates FHIR resources against the official FHIR R5 JSON schema
// (package/openapi/fhir.schema.json of the hl7.fhir.r5.core npm package) with Ajv.
// Usage: node validate.cjs FILE.json...   Exit 0 when every file is valid.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schema = JSON.parse(fs.readFileSync(require.resolve('hl7.fhir.r5.core/openapi/fhir.schema.json'), 'utf8'));
// Draft-06 spells the schema's identifier "$id"; the file uses the draft-04 "id".
if (schema.id && !schema.$id) {
  schema.$id = schema.id;
  delete schema.id;
}
// The schema declares draft-06; Ajv 8 reads it once the draft-06 meta-schema is added.
// unicodeRegExp: false because the R5 decimal pattern has a stray '}'
// ("[0-9]{1,9}}") that only non-unicode JavaScript regexps accept.
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
let passed = 0, failed = 0;
for (const f of files) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (e) {
    console.log(`FAIL ${f}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  if (validate(doc)) {
    console.log(`ok   ${path.basename(f)} (${doc.resourceType})`);
    passed++;
  } else {
    // The top-level oneOf reports a mismatch with every resource type; for a
    // readable report, validate again against the resource's own definition.
    let errors = validate.errors;
    if (schema.definitions[doc.resourceType]) {
      const own = ajv.compile({ $ref: `${schema.$id}#/definitions/${doc.resourceType}` });
      if (!own(doc)) errors = own.errors;
    }
    console.log(`FAIL ${f}:`);
    for (const e of errors.slice(0, 20)) {
      console.log(`  ${e.instancePath || '/'} ${e.message} ${e.params ? JSON.stringify(e.params) : ''}`);
    }
    failed++;
  }
}
if (files.length === 0) {
  console.log('no files given');
  failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
