// Validates FHIR R4 resources with Medplum's validateResource() (structure, cardinality, value
// formats and FHIRPath invariants such as mad-1).
// Reads one JSON resource, or a JSON array of resources, on stdin. Prints one line per resource,
// "ok <type>" or "invalid <type>: <messages>", and exits 0 only when every resource is valid
// (1 when any is invalid, 2 when the input is not JSON).
import { describeIssue, loadDefinitions, validationIssues } from './fhir-engine.mjs';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

let input;
try {
  input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
} catch (err) {
  process.stdout.write(`invalid input: not JSON (${err.message})\n`);
  process.exit(2);
}

loadDefinitions();
const resources = Array.isArray(input) ? input : [input];
let allValid = resources.length > 0;
for (const resource of resources) {
  const type = typeof resource?.resourceType === 'string' ? resource.resourceType : '<none>';
  const issues = validationIssues(resource);
  if (issues.length === 0) {
    process.stdout.write(`ok ${type}\n`);
  } else {
    allValid = false;
    process.stdout.write(`invalid ${type}: ${issues.map(describeIssue).join('; ').replace(/\s+/g, ' ')}\n`);
  }
}
process.exitCode = allValid ? 0 : 1;
