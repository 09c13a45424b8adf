import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig, Role } from '@bvs/config';
import { ApiError } from '../http/api-error';
import { PUBLIC_PRINCIPAL, Principal } from './principal';
import { ROLES_KEY } from './roles.decorator';
import { OidcVerifier } from './oidc-verifier';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { SESSION_COOKIE, passesCsrfCheck, readCookie, verifySession } from '../web/staff-session';

export type AuthenticatedRequest = Request & { principal: Principal };

/**
 * Resolves the caller from `Authorization: Bearer <key or token>`: no header is the public role;
 * a key is compared as a SHA-256 hash in constant time against every configured key; when OIDC
 * is configured, a JWT is verified against the identity provider's JWKS and makes staff.
 * Without the header, a staff dashboard session cookie (web/staff-session.ts) makes the caller staff.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcVerifier,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Staff session cookie (web dashboard): only when no Authorization header is sent.
    const session = req.headers.authorization ? null : this.identifySession(req);
    req.principal = session?.principal ?? (await this.identify(req.headers.authorization, req.ip ?? 'unknown'));
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed || allowed.includes(req.principal.role)) return true;
    if (session?.csrfMissing) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'csrf_required', 'Requests signed in by cookie must send the X-Requested-With: bvs header.');
    }
    if (req.principal.role === 'public') {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'This endpoint needs an API key (Authorization: Bearer <key>).');
    }
    throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', `The ${req.principal.role} role may not do this.`);
  }

  // --- staff session cookie (web dashboard) ---
  /**
   * A valid session cookie is staff. A state-changing request without the CSRF header gets
   * nothing from the cookie (it acts as public), so a cross-site form can never act as staff.
   */
  private identifySession(req: Request): { principal: Principal | null; csrfMissing: boolean } | null {
    const label = verifySession(this.config, readCookie(req.headers, SESSION_COOKIE));
    if (!label) return null;
    if (!passesCsrfCheck(req.method, req.headers)) return { principal: null, csrfMissing: true };
    return { principal: { role: 'staff', label }, csrfMissing: false };
  }
  // --- end staff session cookie ---

  private async identify(header: string | undefined, address: string): Promise<Principal> {
    if (!header) return PUBLIC_PRINCIPAL;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Authorization must be "Bearer <key>".');
    const bearer = match[1];
    const token = this.oidc.enabled && OidcVerifier.looksLikeJwt(bearer);
    // Guessing keys or tokens is limited like the dashboard's sign-in (shared in Redis).
    const retryAfter = await this.failures.blockedFor(address, token ? null : bearer);
    if (retryAfter !== null) {
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'Too many invalid credentials; try again later.', [], retryAfter);
    }
    if (token) {
      const outcome = await this.oidc.verify(bearer);
      if (outcome.kind === 'staff') return outcome.principal;
      if (outcome.kind === 'not_staff') throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'The token does not carry the staff role.');
      await this.failures.fail(address, null);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'The token is not valid.');
    }
    const presented = createHash('sha256').update(bearer).digest();
    let found: Principal | null = null;
    // Compare against every key, without stopping early, so timing says nothing about which matched.
    for (const key of this.config.api.apiKeys) {
      if (timingSafeEqual(presented, key.sha256) && !found) found = { role: key.role, label: key.label };
    }
    if (!found) {
      await this.failures.fail(address, bearer);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'The API key is not valid.');
    }
    return found;
  }
}
