// Typed model of an ASC X12 005010X279A1 eligibility exchange (270 inquiry, 271 response).
// Codes stay strings exactly as X12 defines them; amounts and percentages stay decimal strings
// so money never passes through a float. The JSON eligibility format maps into the same model.

/** Where a value came from in the source document (0-based segment index within the file). */
export interface SourcePosition {
  segmentIndex: number;
}

export interface Delimiters {
  element: string;
  repetition: string;
  component: string;
  segment: string;
}

/** One segment as lexed: `elements[0]` is the segment id (e.g. "EB"), elements[1] is EB01. */
export interface Segment {
  id: string;
  elements: string[];
  index: number;
}

/** NM1: a person or organisation named in the exchange. */
export interface EntityName {
  entityIdentifierCode: string; // NM101 e.g. PR, 1P, IL, 03, X3
  entityTypeQualifier?: string; // NM102 1 person, 2 non-person
  lastNameOrOrganizationName?: string; // NM103
  firstName?: string; // NM104
  middleName?: string; // NM105
  suffix?: string; // NM107
  identificationCodeQualifier?: string; // NM108 e.g. PI, XX, MI
  identificationCode?: string; // NM109
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
}

/** PER: contact information; communication numbers as (qualifier, number) pairs. */
export interface Contact {
  functionCode: string; // PER01 e.g. IC
  name?: string; // PER02
  communications: { qualifier: string; number: string }[]; // TE, UR, FX, EM ...
}

export interface Reference {
  qualifier: string; // REF01 e.g. 6P, 18, 1L, G1
  value: string; // REF02
  description?: string; // REF03
}

/** DTP with the date already in ISO form: D8 -> start only, RD8 -> start and end. */
export interface DateReference {
  qualifier: string; // DTP01 e.g. 346, 291
  start: string; // YYYY-MM-DD
  end?: string; // YYYY-MM-DD for RD8
  raw: string; // DTP03 as received
}

/** AAA: a request validation / rejection. */
export interface Rejection {
  loop: '2000A' | '2100A' | '2100B' | '2100C' | '2100D' | '2110C' | '2110D';
  validRequest: string; // AAA01 Y/N
  reasonCode: string; // AAA03 e.g. 42, 72, 75
  followUpAction?: string; // AAA04 e.g. C, N, R
}

export interface ProviderInformation {
  providerCode?: string; // PRV01
  referenceQualifier?: string; // PRV02
  reference?: string; // PRV03
}

/** HSD: how often / how many a benefit may be delivered. */
export interface HealthCareServicesDelivery {
  quantityQualifier?: string; // HSD01 e.g. VS, DY
  quantity?: string; // HSD02
  unitOrBasis?: string; // HSD03 e.g. DA, WK
  sampleSelectionModulus?: string; // HSD04
  timePeriodQualifier?: string; // HSD05 e.g. 23 calendar year
  periodCount?: string; // HSD06
  deliveryFrequency?: string; // HSD07
  deliveryPatternTime?: string; // HSD08
}

/** EB13 composite medical procedure identifier. */
export interface ProcedureIdentifier {
  qualifier: string; // e.g. HC, CJ, ZZ
  code: string;
  modifiers: string[];
}

/** III (loop 2115): additional inquiry information. */
export interface AdditionalInformation {
  codeListQualifier?: string; // III01
  industryCode?: string; // III02
  categoryCode?: string; // III03
  freeText?: string; // III04
}

/** A 2120 benefit-related entity inside LS/LE, attached to the EB it qualifies. */
export interface BenefitRelatedEntity {
  name: EntityName;
  address?: Address;
  contacts: Contact[];
  provider?: ProviderInformation;
}

/** Loop 2110C/D: one EB segment and everything that qualifies it. */
export interface EligibilityBenefit {
  informationCode: string; // EB01 e.g. 1, 6, A, B, C, G, I, U
  coverageLevelCode?: string; // EB02 e.g. IND, FAM
  serviceTypeCodes: string[]; // EB03 repeated
  insuranceTypeCode?: string; // EB04 e.g. PR, HM
  planCoverageDescription?: string; // EB05
  timePeriodQualifier?: string; // EB06 e.g. 23, 29
  monetaryAmount?: string; // EB07 decimal string, e.g. "1500" or "250.00"
  percent?: string; // EB08 decimal string 0..1, e.g. ".2"
  quantityQualifier?: string; // EB09
  quantity?: string; // EB10
  authorizationRequired?: string; // EB11 Y/N/U
  inPlanNetwork?: string; // EB12 Y/N/U/W
  procedure?: ProcedureIdentifier; // EB13
  deliveries: HealthCareServicesDelivery[]; // HSD
  references: Reference[]; // 2110 REF
  dates: DateReference[]; // 2110 DTP
  rejections: Rejection[]; // 2110 AAA
  messages: string[]; // MSG01, in order
  additionalInformation: AdditionalInformation[]; // 2115 III
  relatedEntities: BenefitRelatedEntity[]; // 2120 inside LS/LE
  /** The EB segment as text, with `*` element, `^` repetition and `:` component separators. */
  source: string;
  position?: SourcePosition;
}

/** 2100C/2100D: the person the payer answered for. */
export interface MemberDetail {
  name?: EntityName;
  references: Reference[];
  address?: Address;
  dateOfBirth?: string; // YYYY-MM-DD from DMG D8
  gender?: string; // DMG03
  /** INS: INS01 Y = this person is the subscriber; INS02 relationship code (18 self, 01 spouse, 19 child). */
  insuredIndicator?: string;
  relationshipCode?: string;
  dates: DateReference[];
  provider?: ProviderInformation;
  rejections: Rejection[];
}

export interface Trace {
  typeCode: string; // TRN01 1 = current, 2 = referenced (echo of the 270)
  referenceId: string; // TRN02
  originatingCompanyId?: string; // TRN03
  supplementalId?: string; // TRN04
}

export interface DependentLoop {
  traces: Trace[];
  member: MemberDetail;
  benefits: EligibilityBenefit[];
}

export interface SubscriberLoop {
  traces: Trace[];
  member: MemberDetail;
  benefits: EligibilityBenefit[];
  dependents: DependentLoop[];
}

export interface InformationSource {
  name?: EntityName;
  contacts: Contact[];
  rejections: Rejection[]; // 2000A and 2100A AAA
}

export interface InformationReceiver {
  name?: EntityName;
  references: Reference[];
  provider?: ProviderInformation;
  rejections: Rejection[]; // 2100B AAA
  /** 2100B N3/N4 (added: optional). */
  address?: Address;
}

/** A non-fatal problem the lenient reader tolerated (wrong counts, unknown segment, ...). */
export interface X12Warning {
  code: string;
  message: string;
  segmentIndex?: number;
  elementPosition?: number;
}

/** One 271 transaction set (ST..SE), or one JSON eligibility response mapped into the same shape. */
export interface EligibilityResponse {
  format: 'x12' | 'json';
  transactionSetControlNumber?: string; // ST02
  /** ISA13 (x12) or `controlNumber` (JSON). Added: optional. */
  interchangeControlNumber?: string;
  implementationReference?: string; // ST03 / GS08
  submitterTransactionId?: string; // BHT03
  createdAt?: string; // BHT04/05 as ISO date-time when present
  source: InformationSource;
  receiver?: InformationReceiver;
  subscribers: SubscriberLoop[];
  /** Segments the reader kept but does not model (payers send N2, GK, ...). */
  unknownSegments: Segment[];
  warnings: X12Warning[];
}

// ---------------------------------------------------------------------------------------------
// 270 inquiry (input of the builder)

export interface InquiryPerson {
  memberId?: string; // NM109 MI; required for the subscriber
  firstName: string;
  lastName: string;
  middleName?: string;
  suffix?: string;
  dateOfBirth: string; // YYYY-MM-DD
  gender?: 'M' | 'F';
}

export interface EligibilityInquiry {
  payer: { name: string; payerId: string };
  provider: { npi: string; organizationName?: string; lastName?: string; firstName?: string };
  subscriber: InquiryPerson & { memberId: string; groupNumber?: string };
  /** Present when the patient is a dependent without their own member id. */
  dependent?: InquiryPerson;
  serviceTypeCodes: string[]; // EQ01 (repeated)
  procedure?: ProcedureIdentifier; // EQ02
  dateOfService?: string; // YYYY-MM-DD (DTP*291)
  traceNumber: string; // TRN02
  /** Originating company id for TRN03 (10 chars, conventionally "1" + EIN). */
  traceOriginatorId: string;
  submitterId?: string; // ISA06 / GS02
  receiverId?: string; // ISA08 / GS03
  usageIndicator?: 'P' | 'T'; // ISA15
  /** Interchange date-time; defaults to now. Injected for deterministic tests. */
  createdAt?: Date;
  /** Control numbers; generated when absent. */
  interchangeControlNumber?: string; // ISA13, 9 digits
  groupControlNumber?: string; // GS06
  transactionSetControlNumber?: string; // ST02
}

// ---------------------------------------------------------------------------------------------
// 271 writer input (used by the sandbox clearinghouse to answer from scenario data)

export interface BenefitSpec {
  informationCode: string;
  coverageLevelCode?: string;
  serviceTypeCodes?: string[];
  insuranceTypeCode?: string;
  planCoverageDescription?: string;
  timePeriodQualifier?: string;
  monetaryAmount?: string;
  percent?: string;
  quantityQualifier?: string;
  quantity?: string;
  authorizationRequired?: string;
  inPlanNetwork?: string;
  procedure?: ProcedureIdentifier;
  deliveries?: HealthCareServicesDelivery[];
  references?: Reference[];
  dates?: { qualifier: string; start: string; end?: string }[];
  rejections?: Omit<Rejection, 'loop'>[];
  messages?: string[];
  relatedEntities?: { name: EntityName; contacts?: Contact[] }[];
}

export interface MemberSpec {
  name: EntityName; // NM1 IL (subscriber) or 03 (dependent)
  references?: Reference[];
  dateOfBirth?: string; // YYYY-MM-DD
  gender?: string;
  insuredIndicator?: string;
  relationshipCode?: string;
  dates?: { qualifier: string; start: string; end?: string }[];
  rejections?: Omit<Rejection, 'loop'>[];
  traces?: Trace[];
  benefits?: BenefitSpec[];
}

export interface Response271Spec {
  senderId: string; // ISA06 / GS02 (the payer or clearinghouse)
  receiverId: string; // ISA08 / GS03
  usageIndicator?: 'P' | 'T';
  createdAt?: Date;
  interchangeControlNumber?: string;
  groupControlNumber?: string;
  transactionSetControlNumber?: string;
  submitterTransactionId?: string; // BHT03, echoes the 270's
  source: { name: EntityName; contacts?: Contact[]; rejections?: Omit<Rejection, 'loop'>[] };
  receiver?: { name: EntityName; rejections?: Omit<Rejection, 'loop'>[] };
  subscriber?: MemberSpec & { dependents?: MemberSpec[] };
}
