import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { PayerDirectory } from '@bvs/payers';
import { patientView } from '@bvs/store';
import { PUBLIC_PRINCIPAL } from '../auth/principal';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { ApiError } from '../http/api-error';
import { requestIdOf } from '../http/request-id';
import { VerificationsService } from '../verifications/verifications.service';
import { ASSETS, CSS_ASSET } from './assets';
import { type FormState, formPage } from './form.page';
import { readFormSubmission } from './form-submission';
import { type Asset, esc, page, sendHtml } from './html';
import { type PatientResultView, resultHtml } from './patient-result';
import { readFormBody } from './request-utils';

const BY_NAME = new Map<string, { asset: Asset; immutable: boolean }>();
for (const a of ASSETS) {
  BY_NAME.set(a.hashedName, { asset: a, immutable: true });
  BY_NAME.set(a.name, { asset: a, immutable: false });
}

/** How long the no-JavaScript submit holds for the payer before it shows "still checking". */
const FORM_WAIT_SECONDS = 12;

/** The public form (with and without JavaScript) and the static assets of every page. */
@Controller()
export class WebController {
  private readonly formHtml: string;

  constructor(
    private readonly directory: PayerDirectory,
    private readonly verifications: VerificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // The 12 accepted insurers, the same directory GET /v1/payers serves; rendered once.
    this.formHtml = formPage(directory.list(), { centerPhone: config.center.phone });
  }

  @Get()
  form(@Res() res: Response): void {
    sendHtml(res, this.formHtml);
  }

  /** The form posted without JavaScript: validated like the API, answered with a server-rendered page. */
  @Post()
  @PublicRateLimited()
  async submit(@Req() req: Request, @Res() res: Response): Promise<void> {
    const params = await readFormBody(req, 8192);
    if (!params) {
      sendHtml(res, this.renderForm({ values: {}, errors: [[null, 'The form could not be read. Please fill it in again.']] }), 400, true);
      return;
    }
    const submission = await readFormSubmission(params);
    if ('errors' in submission) {
      sendHtml(res, this.renderForm({ values: submission.values, errors: submission.errors }), 400, true);
      return;
    }
    try {
      const created = await this.verifications.create(submission.body, PUBLIC_PRINCIPAL, requestIdOf(req) ?? undefined);
      const record = await this.verifications.waitUntilSettled(created, FORM_WAIT_SECONDS, PUBLIC_PRINCIPAL);
      const view = patientView(record, { centerPhone: this.config.center.phone }) as unknown as PatientResultView & { id: string };
      sendHtml(res, this.resultPage(view, submission.body.contact ?? {}), 200, true);
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 400) {
        sendHtml(res, this.renderForm({ values: submission.values, errors: submission.mapApiErrors(error.details) }), 400, true);
        return;
      }
      throw error;
    }
  }

  /** The result again, for the no-JavaScript page while the payer is still answering (the id is the secret). */
  @Get('result/:id')
  @PublicRateLimited()
  async result(@Param('id') id: string, @Res() res: Response): Promise<void> {
    try {
      const record = await this.verifications.find(id, PUBLIC_PRINCIPAL);
      const view = patientView(record, { centerPhone: this.config.center.phone }) as unknown as PatientResultView & { id: string };
      sendHtml(res, this.resultPage(view, {}), 200, true);
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 404) {
        sendHtml(
          res,
          page({ title: 'Not found', body: '<h1>We could not find that request</h1><p><a href="/">Start again</a></p>', css: CSS_ASSET }),
          404,
          true,
        );
        return;
      }
      throw error;
    }
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const found = BY_NAME.get(name);
    if (!found) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', found.asset.type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Hashed names never change; plain names are revalidated.
    res.setHeader('Cache-Control', found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.send(found.asset.body);
  }

  private renderForm(state: FormState): string {
    return formPage(this.directory.list(), { centerPhone: this.config.center.phone, state });
  }

  private resultPage(view: PatientResultView & { id: string }, contact: { phone?: string; email?: string }): string {
    const pending = view.status === 'queued' || view.status === 'in_progress';
    const again = pending
      ? `<p>This page checks again by itself. <a href="/result/${esc(view.id)}">Check again now</a></p>`
      : '<p><a href="/">Check another insurance</a></p>';
    const body = `<section id="result" aria-labelledby="result-title"><h1 id="result-title">Your results</h1><div id="result-body">${resultHtml(view, contact)}</div>${again}</section>`;
    return page({
      title: 'Your results – Friendly Recovery Center',
      body,
      css: CSS_ASSET,
      centerPhone: this.config.center.phone,
      ...(pending ? { refreshSeconds: 10 } : {}),
    });
  }
}
