import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import type { Principal } from './principal';

/** Asymmetric algorithms only: a token signed with a shared secret is never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/** A printable name or identifier (Auth0 subjects have `|`, e-mail style names `@`): no control characters. */
const PERSON = /^[^\p{C}]{1,128}$/u;

export type OidcOutcome = { kind: 'staff'; principal: Principal } | { kind: 'not_staff' } | { kind: 'invalid' };

/**
 * Verifies staff OIDC bearer tokens (JWT) against the identity provider's JWKS (fetched and
 * cached by jose, refreshed when an unknown key id appears): signature, issuer, audience,
 * expiry (required), and the role claim naming staff.
 */
@Injectable()
export class OidcVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.jwks = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 }) : null;
  }

  get enabled(): boolean {
    return this.jwks !== null;
  }

  /** Whether a bearer value looks like a JWT (three base64url parts) rather than an API key. */
  static looksLikeJwt(value: string): boolean {
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value);
  }

  async verify(token: string): Promise<OidcOutcome> {
    const oidc = this.config.oidc;
    if (!this.jwks || !oidc) return { kind: 'invalid' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: oidc.issuer,
        audience: oidc.audience,
        algorithms: ALGORITHMS,
        clockTolerance: 30,
        // A token without an expiry would be good forever.
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) return { kind: 'invalid' };
      throw error;
    }
    const claim = payload[oidc.roleClaim];
    const roles = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
    if (!roles.includes(oidc.staffRole)) return { kind: 'not_staff' };
    // The person, by the configured claim (OIDC_NAME_CLAIM, default the subject), names the staff
    // member in the audit trail and on claims, like a named API key; the label also scopes
    // idempotency keys, so a token without a usable name is refused rather than shared.
    const name = payload[oidc.nameClaim];
    if (typeof name !== 'string' || !PERSON.test(name.trim())) return { kind: 'invalid' };
    return { kind: 'staff', principal: { role: 'staff', label: `oidc/${name.trim()}` } };
  }
}
