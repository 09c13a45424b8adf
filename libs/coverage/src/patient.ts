// Which person a 271 answers for, and every plan loop that answers for them. The patient is the
// first subscriber loop, or its dependent when the payer put the dependent's benefits (or
// rejections) in 2000D. A 271 may carry further subscriber or dependent loops for the same person
// (a medical plan and a separate behavioral-health plan, docs/coverage-summary.md): all of them are read.
import type { EligibilityBenefit, EligibilityResponse, MemberDetail, Rejection, SubscriberLoop } from '@bvs/x12';

/** One subscriber or dependent loop that answers for the patient. */
export interface PlanLoop {
  /** The patient's 2100C/D in this loop. */
  member: MemberDetail;
  /** The loop's subscriber (2100C): the patient, or the policy holder of a dependent. */
  subscriber: MemberDetail;
  isDependent: boolean;
  benefits: EligibilityBenefit[];
}

export interface PatientView {
  response: EligibilityResponse;
  member?: MemberDetail;
  /** The subscriber's detail, kept for the member id when the dependent has none. */
  subscriber?: MemberDetail;
  isDependent: boolean;
  /** Every loop's benefits, the first loop's first. */
  benefits: EligibilityBenefit[];
  /** Every AAA that concerns this answer, with its loop. Shared when there is none: never mutate. */
  rejections: readonly Rejection[];
  /** The loops for the patient, in document order (one in most 271s). */
  loops: PlanLoop[];
}

const norm = (s: string | undefined): string => (s ?? '').trim().toUpperCase();

/** Same person: same last and first name (when both loops state them) and no conflicting date of birth. */
export function samePerson(a: MemberDetail, b: MemberDetail): boolean {
  if (a.dateOfBirth && b.dateOfBirth && a.dateOfBirth !== b.dateOfBirth) return false;
  const [al, bl] = [norm(a.name?.lastNameOrOrganizationName), norm(b.name?.lastNameOrOrganizationName)];
  const [af, bf] = [norm(a.name?.firstName), norm(b.name?.firstName)];
  if (al && bl && al !== bl) return false;
  if (af && bf && af !== bf) return false;
  // Nothing to compare on either side: a real-time 271 answers for one person.
  return true;
}

/** The patient's loop under one subscriber: its dependent with an answer, else the subscriber. */
function patientLoop(sub: SubscriberLoop): PlanLoop {
  for (const d of sub.dependents) {
    if (d.benefits.length > 0 || d.member.rejections.length > 0) return { member: d.member, subscriber: sub.member, isDependent: true, benefits: d.benefits };
  }
  return { member: sub.member, subscriber: sub.member, isDependent: false, benefits: sub.benefits };
}

// Shared and empty, but not frozen: a frozen array beside the collected lists gives the reads of
// `rejections` two array shapes (issue 19). Typed readonly, so no caller can add to it.
const NO_REJECTIONS: readonly Rejection[] = [];

/** Appends `more` to `into`, allocating the list only when there is something to hold. */
function appendRejections(into: Rejection[] | undefined, more: readonly Rejection[]): Rejection[] | undefined {
  if (more.length === 0) return into;
  if (into === undefined) return more.slice();
  for (const r of more) into.push(r);
  return into;
}

export function selectPatient(response: EligibilityResponse): PatientView {
  // Most answers carry no AAA at all: the list is allocated only when one is met.
  let rejections = appendRejections(undefined, response.source.rejections);
  if (response.receiver) rejections = appendRejections(rejections, response.receiver.rejections);
  const first = response.subscribers[0];
  if (!first) return { response, isDependent: false, benefits: [], rejections: rejections ?? NO_REJECTIONS, loops: [] };
  const primary = patientLoop(first);
  const loops: PlanLoop[] = [primary];
  for (let i = 1; i < response.subscribers.length; i++) {
    const sub = response.subscribers[i];
    // The same person again: as a subscriber (their own second plan) or as a dependent.
    const candidates: PlanLoop[] = [
      { member: sub.member, subscriber: sub.member, isDependent: false, benefits: sub.benefits },
      ...sub.dependents.map((d) => ({ member: d.member, subscriber: sub.member, isDependent: true, benefits: d.benefits })),
    ];
    const match = candidates.find((c) => (c.benefits.length > 0 || c.member.rejections.length > 0) && samePerson(c.member, primary.member));
    if (match) loops.push(match);
  }
  for (const loop of loops) {
    rejections = appendRejections(rejections, loop.subscriber.rejections);
    if (loop.isDependent) rejections = appendRejections(rejections, loop.member.rejections);
    for (const b of loop.benefits) rejections = appendRejections(rejections, b.rejections);
  }
  const benefits = loops.length === 1 ? primary.benefits : loops.flatMap((l) => l.benefits);
  return {
    response,
    member: primary.member,
    subscriber: primary.subscriber,
    isDependent: primary.isDependent,
    benefits,
    rejections: rejections ?? NO_REJECTIONS,
    loops,
  };
}
