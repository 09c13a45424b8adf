import { createHash } from 'node:crypto';
import type { Response } from 'express';

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A static asset; its URL carries a hash of its content, so it is cacheable forever. */
export interface Asset {
  /** The plain name (form.js), served with revalidation. */
  name: string;
  /** The hashed name (form.3f2a9c1b0d4e.js), served as immutable. */
  hashedName: string;
  type: string;
  body: string;
  url: string;
}

export function asset(name: string, type: string, body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  const hashedName = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  return { name, hashedName, type, body, url: `/assets/${hashedName}` };
}

export interface PageOptions {
  title: string;
  body: string;
  css: Asset;
  /** Scripts in order (each deferred). */
  script?: Asset | Asset[];
  /** A stylesheet for print only (the benefits summary). */
  printCss?: Asset;
  /** Header links for signed-in staff. */
  staffNav?: boolean;
  /** The center's phone number, in the header of public pages. */
  centerPhone?: string | null;
  /** Reload the page after this many seconds (the no-JavaScript result while the payer is still answering). */
  refreshSeconds?: number;
}

export function page(o: PageOptions): string {
  const nav = o.staffNav
    ? `<nav class="site-nav" aria-label="Staff"><a href="/staff">Queue</a><a href="/staff/batches">Batches</a><a href="/staff/rechecks">Re-checks</a><a href="/staff/queues">Jobs</a>` +
      `<form method="post" action="/staff/sign-out" class="inline"><button type="submit" class="link-button">Sign out</button></form></nav>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<link rel="stylesheet" href="${o.css.url}">
${o.printCss ? `<link rel="stylesheet" href="${o.printCss.url}" media="print">` : ''}
${o.refreshSeconds ? `<meta http-equiv="refresh" content="${o.refreshSeconds}">` : ''}
${(Array.isArray(o.script) ? o.script : o.script ? [o.script] : []).map((s) => `<script src="${s.url}" defer></script>`).join('\n')}
</head>
<body${o.staffNav ? ' class="staff"' : ''}>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap"><span class="brand">Friendly Recovery Center${o.staffNav ? ' · Admissions' : ''}</span>${nav}${
    o.centerPhone
      ? `<span class="header-phone">Questions? Call <a href="tel:${esc(o.centerPhone.replace(/[^0-9+]/g, ''))}">${esc(o.centerPhone)}</a></span>`
      : ''
  }</div></header>
<main id="main" class="wrap" tabindex="-1">
${o.body}
</main>
</body>
</html>`;
}

/** Headers for every page: a strict CSP works because no page has inline script or style. */
export function sendHtml(res: Response, html: string, status = 200, privatePage = false): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', privatePage ? 'no-store' : 'no-cache');
  res.send(html);
}
