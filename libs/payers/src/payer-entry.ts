export type PayerKind = 'payer' | 'tpa' | 'behavioral_health_administrator' | 'network';

export interface PayerEntry {
  key: string;
  name: string;
  kind: PayerKind;
  /** Default payer id (the sandbox clearinghouse's); networks have none. */
  defaultPayerId?: string;
  /** Lower-case names patients and staff type for this insurer. */
  aliases: string[];
  /** Expected member id shape; a mismatch is a warning, never a rejection. */
  memberIdPattern?: string;
  /** The number staff call to verify benefits by phone. */
  phone: string;
  behavioralHealthAdministrator?: { name: string; payerKey?: string; phone?: string };
  serviceTypeCodes: string[];
  /** Whether the payer reads several service types in one 270, or only the first. */
  inquiryMode: 'single-270' | 'one-per-270';
  /** Inquiries for this insurer go through another entry's payer id (GEHA through UMR). */
  routesThrough?: string;
  routing?: 'bluecard';
}

/** A directory entry with the payer id resolved from configuration. */
export interface ResolvedPayer extends PayerEntry {
  payerId?: string;
}
