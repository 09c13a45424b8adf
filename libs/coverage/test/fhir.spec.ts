// The FHIR rendering against the R4 CoverageEligibilityResponse structure (required elements and
// the required value sets), checked by a small structural validator.
import { readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';
import { validateFhirR4, warmFhirR4 } from '../../../test/support/fhir-r4';
import { readEligibility } from '@bvs/x12';
import { type FhirCoverageEligibilityResponse, normalizeEligibility, toFhirCoverageEligibilityResponse } from '../src';

const REQUIRED = ['resourceType', 'status', 'purpose', 'patient', 'created', 'request', 'insurer', 'outcome'] as const;
const STATUS = ['active', 'cancelled', 'draft', 'entered-in-error'];
const OUTCOME = ['queued', 'complete', 'error', 'partial'];
const PURPOSE = ['auth-requirements', 'benefits', 'discovery', 'validation'];

function validateR4(resource: FhirCoverageEligibilityResponse): string[] {
  const r = resource as unknown as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of REQUIRED) if (r[k] === undefined || r[k] === null) errors.push(`missing ${k}`);
  if (r.resourceType !== 'CoverageEligibilityResponse') errors.push('resourceType');
  if (!STATUS.includes(resource.status)) errors.push(`status ${resource.status}`);
  if (!OUTCOME.includes(resource.outcome)) errors.push(`outcome ${resource.outcome}`);
  if (!Array.isArray(resource.purpose) || resource.purpose.length === 0 || resource.purpose.some((p) => !PURPOSE.includes(p))) errors.push('purpose');
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(resource.created)) errors.push('created is not a dateTime');
  for (const ref of [resource.patient, resource.request, resource.insurer]) if (!ref.reference && !ref.display && !ref.identifier) errors.push('empty Reference');
  for (const ins of resource.insurance ?? []) {
    if (!ins.coverage) errors.push('insurance.coverage required');
    for (const item of ins.item ?? []) {
      for (const b of item.benefit ?? []) {
        if (!b.type?.coding?.length) errors.push('benefit.type');
        const allowed = [b.allowedMoney, b.allowedString, b.allowedUnsignedInt].filter((x) => x !== undefined);
        const used = [b.usedMoney, b.usedString, b.usedUnsignedInt].filter((x) => x !== undefined);
        if (allowed.length > 1 || used.length > 1) errors.push('benefit allowed[x]/used[x] is a choice: one only');
        for (const m of [b.allowedMoney, b.usedMoney]) if (m && (typeof m.value !== 'number' || m.currency !== 'USD')) errors.push('Money');
        for (const n of [b.allowedUnsignedInt, b.usedUnsignedInt]) if (n !== undefined && (!Number.isInteger(n) || n < 0)) errors.push('unsignedInt');
      }
    }
  }
  for (const e of resource.error ?? []) if (!e.code?.coding?.length) errors.push('error.code');
  return errors;
}

const scenario = (name: string) => readEligibility(readFileSync(join(__dirname, 'scenarios', `${name}.x12`), 'utf8'));
const ctx = { id: 'vrf_test', created: '2025-06-02T09:31:12Z', request: 'CoverageEligibilityRequest/req-1', insurerDisplay: 'Example Health Plan' };

describe('toFhirCoverageEligibilityResponse', () => {
  // Compiling HL7's R4 JSON schema takes seconds on a shared machine.
  beforeAll(() => warmFhirR4(), 120_000);

  const { summary } = normalizeEligibility(scenario('illustrative-ppo-section8'));
  const fhir = toFhirCoverageEligibilityResponse(summary, ctx);

  it('is a structurally valid R4 resource', () => {
    expect(validateR4(fhir)).toEqual([]);
    expect(validateFhirR4(fhir)).toEqual([]);
    // vrf_test: `_` is not a FHIR id character.
    expect(fhir).toMatchObject({ resourceType: 'CoverageEligibilityResponse', id: 'vrf-test', status: 'active', purpose: ['benefits'], outcome: 'complete', created: ctx.created, request: { reference: 'CoverageEligibilityRequest/req-1' }, insurer: { display: 'Example Health Plan' } });
    expect(fhir.insurance?.[0]).toMatchObject({ inforce: true, coverage: { display: 'ACME GOLD PPO', identifier: { value: 'XEH123456789' } }, benefitPeriod: { start: '2025-01-01', end: '2025-12-31' } });
  });

  it('has an item per level of care and network with X12 categories and the figures', () => {
    const items = fhir.insurance?.[0]?.item ?? [];
    const find = (stc: string, net: string) => items.find((i) => i.category?.coding?.[0]?.code === stc && i.network?.coding?.[0]?.code === net);
    const iopIn = find('CH', 'in');
    expect(iopIn?.category?.coding?.[0]?.system).toBe('https://x12.org/codes/service-type-codes');
    expect(iopIn?.network?.coding?.[0]?.system).toBe('http://terminology.hl7.org/CodeSystem/benefit-network');
    expect(iopIn).toMatchObject({ authorizationRequired: true, unit: { coding: [{ code: 'individual' }] }, term: { coding: [{ code: 'annual' }] } });
    expect(iopIn?.benefit).toContainEqual(expect.objectContaining({ type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'copay-percent', system: 'http://terminology.hl7.org/CodeSystem/benefit-type' })] }), allowedUnsignedInt: 20 }));
    expect(find('CH', 'out')?.benefit).toContainEqual(expect.objectContaining({ allowedUnsignedInt: 40 }));
    const opIn = find('CF', 'in');
    expect(opIn?.authorizationRequired).toBe(false);
    expect(opIn?.benefit).toContainEqual(expect.objectContaining({ type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'copay' })] }), allowedMoney: { value: 30, currency: 'USD' } }));
    expect(opIn?.benefit).toContainEqual(expect.objectContaining({ allowedUnsignedInt: 52, usedUnsignedInt: 11 }));
    expect(find('BB', 'in')?.benefit).toContainEqual(expect.objectContaining({ allowedUnsignedInt: 30 }));
    const plan = items.find((i) => i.category?.coding?.[0]?.code === '30' && i.network?.coding?.[0]?.code === 'in' && i.unit?.coding?.[0]?.code === 'individual');
    expect(plan?.benefit).toContainEqual({ type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'deductible' })] }), allowedMoney: { value: 1500, currency: 'USD' }, usedMoney: { value: 880, currency: 'USD' } });
  });

  it('marks a not-covered level as excluded', () => {
    const r = toFhirCoverageEligibilityResponse(normalizeEligibility(scenario('non-covered-php')).summary, ctx);
    expect(validateR4(r)).toEqual([]);
    const php = r.insurance?.[0]?.item?.filter((i) => i.category?.coding?.[0]?.code === 'BB') ?? [];
    expect(php.length).toBe(2);
    for (const i of php) expect(i.excluded).toBe(true);
  });

  it('renders rejections as errors with the X12 AAA code system', () => {
    const r = toFhirCoverageEligibilityResponse(normalizeEligibility(scenario('aaa-2100c-75-not-found')).summary, { id: 'x', created: '2025-06-02' });
    expect(validateR4(r)).toEqual([]);
    expect(r.outcome).toBe('error');
    expect(r.insurance).toBeUndefined();
    expect(r.request.reference).toBe('CoverageEligibilityRequest/x');
    expect(r.error).toEqual([{ code: { coding: [{ system: 'https://x12.org/codes/aaa-reject-reason', code: '75', display: 'Subscriber/Insured Not Found' }], text: 'Please Correct and Resubmit' } }]);
  });

  it('says not in force for inactive coverage', () => {
    const r = toFhirCoverageEligibilityResponse(normalizeEligibility(scenario('inactive-coverage')).summary, ctx);
    expect(validateR4(r)).toEqual([]);
    expect(r.insurance?.[0]?.inforce).toBe(false);
  });

  it('gives FHIR ids and request references for record ids (vrf_<hex>)', () => {
    const r = toFhirCoverageEligibilityResponse(summary, { id: `vrf_${'a1'.repeat(16)}`, created: '2025-06-02', request: `CoverageEligibilityRequest/vrf_${'a1'.repeat(16)}` });
    expect(r.id).toBe(`vrf-${'a1'.repeat(16)}`);
    expect(r.request.reference).toBe(`CoverageEligibilityRequest/vrf-${'a1'.repeat(16)}`);
    expect(validateFhirR4(r)).toEqual([]);
  });

  it('the schema check has teeth: an underscore id, an empty array and a double choice are errors', () => {
    const bad = { ...fhir, id: 'vrf_x', purpose: [] as string[] };
    const errors = validateFhirR4(bad);
    expect(errors.some((e) => e.startsWith('/id '))).toBe(true);
    expect(errors.some((e) => e.includes('empty array'))).toBe(true);
    const item = fhir.insurance?.[0]?.item?.[0];
    const doubled = { ...fhir, insurance: [{ ...fhir.insurance?.[0], item: [{ ...item, benefit: [{ type: { text: 'x' }, allowedMoney: { value: 1, currency: 'USD' }, allowedString: 'one' }] }] }] };
    expect(validateFhirR4(doubled).some((e) => e.includes('allowed[x] is a choice'))).toBe(true);
  });

  const realWorld = resolve(__dirname, '../../../test/fixtures/real-world');
  const every = [
    ...readdirSync(join(__dirname, 'scenarios')).filter((f) => f.endsWith('.x12')).map((f) => join(__dirname, 'scenarios', f)),
    ...readdirSync(realWorld).filter((f) => f.endsWith('.x12')).map((f) => join(realWorld, f)),
  ];
  it.each(every.map((f) => [f.slice(f.lastIndexOf('/test/') + 6)]))('%s renders a FHIR document valid under the R4 JSON schema', (rel) => {
    const file = every.find((f) => f.endsWith(rel)) ?? '';
    const r = toFhirCoverageEligibilityResponse(normalizeEligibility(readEligibility(readFileSync(file, 'utf8'))).summary, { id: 'vrf_0123456789abcdef', created: '2025-06-02T09:31:12Z' });
    expect(validateFhirR4(r)).toEqual([]);
  });
});
