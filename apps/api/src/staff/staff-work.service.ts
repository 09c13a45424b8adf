import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, networkStatusFor } from '@bvs/config';
import { type CallScript, buildCallScript, centerNetworkFor } from '@bvs/coverage';
import { PayerDirectory } from '@bvs/payers';
import { AuditLog, type VerificationRecord, VerificationStore } from '@bvs/store';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';

/** A claim older than this is stale: anyone may take the record over. */
export const CLAIM_TTL_MS = 2 * 3_600_000;

/**
 * What coordinators do around a record besides the lifecycle: claim it (so two people do not call
 * the same payer), write notes, mark the patient called, and read the call script. Every change
 * is written to the audit trail with the coordinator's name.
 */
@Injectable()
export class StaffWorkService {
  constructor(
    private readonly store: VerificationStore,
    private readonly audit: AuditLog,
    private readonly directory: PayerDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private actor(principal: Principal): string {
    return principal.label ?? 'staff';
  }

  /** Claims the record for this coordinator; 409 naming who holds it when someone else has a fresh claim. */
  async claim(id: string, principal: Principal, force = false): Promise<VerificationRecord> {
    const by = this.actor(principal);
    // Set inside the compare-and-set callback (an object, so the type survives the closure).
    const found: { holder: string | null } = { holder: null };
    const updated = await this.store.update(id, (record) => {
      found.holder = null;
      const claim = record.claim;
      const fresh = claim && Date.now() - Date.parse(claim.at) < CLAIM_TTL_MS;
      if (claim && fresh && claim.by !== by && !force) {
        found.holder = claim.by;
        return null;
      }
      return { ...record, claim: { by, at: new Date().toISOString() } };
    });
    if (!updated) throw ApiError.notFound();
    if (found.holder) throw new ApiError(HttpStatus.CONFLICT, 'claimed', `${found.holder} is working on this verification.`);
    await this.record(by, force ? 'verification.claim_taken_over' : 'verification.claim', id);
    return updated;
  }

  async release(id: string, principal: Principal): Promise<VerificationRecord> {
    const by = this.actor(principal);
    const updated = await this.store.update(id, (record) => (record.claim ? { ...record, claim: null } : null));
    if (!updated) throw ApiError.notFound();
    await this.record(by, 'verification.release', id);
    return updated;
  }

  async addNote(id: string, text: string, principal: Principal): Promise<VerificationRecord> {
    const by = this.actor(principal);
    const updated = await this.store.update(id, (record) => ({
      ...record,
      notes: [...(record.notes ?? []), { at: new Date().toISOString(), by, text }].slice(-200),
    }));
    if (!updated) throw ApiError.notFound();
    await this.record(by, 'verification.note', id);
    return updated;
  }

  /** The patient of a web-form request was reached (or the coordinator takes the mark back). */
  async markContacted(id: string, contacted: boolean, principal: Principal): Promise<VerificationRecord> {
    const by = this.actor(principal);
    const updated = await this.store.update(id, (record) => ({
      ...record,
      contacted: contacted ? { by, at: new Date().toISOString() } : null,
    }));
    if (!updated) throw ApiError.notFound();
    await this.record(by, contacted ? 'verification.patient_contacted' : 'verification.patient_contact_cleared', id);
    return updated;
  }

  /** What to ask on the phone and whom to call, from what the electronic answer left open. */
  callScript(record: VerificationRecord): CallScript & { patient: { phone: string | null } } {
    const entry = this.directory.byKey(record.payer.key);
    const admin = entry?.behavioralHealthAdministrator;
    const network = record.summary ? centerNetworkFor(networkStatusFor(this.config.center, record.payer.key), record.summary) : 'inNetwork';
    const script = buildCallScript({
      ...(record.summary ? { summary: record.summary } : {}),
      levelsOfCare: record.request.levelsOfCare,
      payer: { name: record.payer.name, ...(entry?.phone ? { phone: entry.phone } : {}), payerId: record.payer.payerId },
      ...(admin ? { administrator: { name: admin.name, ...(admin.phone ? { phone: admin.phone } : {}) } } : {}),
      centerNetwork: network,
    });
    // A call-back request has no payer to call yet: the patient comes first.
    if (record.callback) script.call = [];
    return { ...script, patient: { phone: record.contact?.phone ?? null } };
  }

  private record(actor: string, action: string, verificationId: string): Promise<void> {
    return this.audit.append({ actor, action, verificationId, requestId: null });
  }
}
