import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PayerDirectory } from '@bvs/payers';
import { formPage } from './form.page';
import { FORM_SCRIPT } from './form.script';
import { Asset, sendHtml } from './html';
import { QUEUE_SCRIPT, VERIFICATION_SCRIPT } from './staff.scripts';
import { CSS_ASSET } from './styles';

const ASSETS = new Map<string, Asset>(
  [CSS_ASSET, FORM_SCRIPT, QUEUE_SCRIPT, VERIFICATION_SCRIPT].map((a) => [a.path.slice('/assets/'.length), a]),
);

/** The public form and the static assets of every page. */
@Controller()
export class WebController {
  private readonly formHtml: string;

  constructor(directory: PayerDirectory) {
    // The 12 accepted insurers, the same directory GET /v1/payers serves; rendered once.
    this.formHtml = formPage(directory.list());
  }

  @Get()
  form(@Res() res: Response): void {
    sendHtml(res, this.formHtml);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Query('v') version: string | undefined, @Res() res: Response): void {
    const found = ASSETS.get(name);
    if (!found) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', found.type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Versioned URLs never change; anything else is revalidated.
    res.setHeader('Cache-Control', version && found.url.endsWith(`?v=${version}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.send(found.body);
  }
}
