// Which person a 271 answers for: the first subscriber loop, or its dependent when the
// payer put the dependent's benefits (or rejections) in 2000D.
import type { EligibilityBenefit, EligibilityResponse, MemberDetail, Rejection } from '@bvs/x12';

export interface PatientView {
  response: EligibilityResponse;
  member?: MemberDetail;
  /** The subscriber's detail, kept for the member id when the dependent has none. */
  subscriber?: MemberDetail;
  isDependent: boolean;
  benefits: EligibilityBenefit[];
  /** Every AAA that concerns this answer, with its loop. */
  rejections: Rejection[];
}

export function selectPatient(response: EligibilityResponse): PatientView {
  const rejections: Rejection[] = [...response.source.rejections, ...(response.receiver?.rejections ?? [])];
  const sub = response.subscribers[0];
  if (!sub) return { response, isDependent: false, benefits: [], rejections };
  const dependent = sub.dependents.find((d) => d.benefits.length > 0 || d.member.rejections.length > 0);
  const chosen = dependent ?? sub;
  const benefits = chosen.benefits;
  rejections.push(...sub.member.rejections);
  if (dependent) rejections.push(...dependent.member.rejections);
  for (const b of benefits) rejections.push(...b.rejections);
  return { response, member: chosen.member, subscriber: sub.member, isDependent: dependent !== undefined, benefits, rejections };
}
