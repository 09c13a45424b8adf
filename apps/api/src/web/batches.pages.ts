import { BATCH_CSV_COLUMNS } from '../batches/batch-rows';
import { page } from './html';
import { BATCHES_SCRIPT, CSS_ASSET, LABELS_SCRIPT, RECHECKS_SCRIPT, STAFF_API_SCRIPT } from './assets';

// The staff dashboard's batch and re-check pages (issue 18), kept apart from the queue pages.
// Their scripts are files in ./assets, served with the others (no inline script).

export function batchesPage(): string {
  const body = `<h1>Batches</h1>
<p class="lead">Verify a census at once: tomorrow's admissions, a referral list, the patients in care. Batch rows run after every single verification, so they never delay a start-window answer.</p>
<form id="upload" class="panel" novalidate>
<div class="field"><label for="csv">CSV file</label>
<p class="hint" id="csv-hint">One verification per line after a header line naming the columns: ${BATCH_CSV_COLUMNS.join(', ')} (only payer, memberId, firstName, lastName and dateOfBirth are needed). Dates in ISO 8601 (1990-04-12); up to 5,000 rows.</p>
<input type="file" id="csv" accept=".csv,text/csv" aria-describedby="csv-hint"></div>
<button type="submit">Upload and verify</button>
<p id="upload-notice" role="status" aria-live="polite"></p>
<ul id="row-errors" class="field-error" hidden></ul>
</form>
<section id="current" hidden aria-labelledby="current-title"><h2 id="current-title">Progress</h2>
<progress id="bar" value="0" max="1" aria-describedby="counts">0%</progress>
<p id="counts" role="status" aria-live="polite"></p>
<div class="actions"><a id="download" hidden>Download the results (CSV)</a> <button type="button" id="cancel" class="secondary" hidden>Cancel the batch</button></div>
</section>
<section aria-labelledby="recent-title"><h2 id="recent-title">Recent batches</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Submitted</th><th scope="col">Progress</th><th scope="col">Results</th></tr></thead><tbody id="recent-rows"></tbody></table></div>
</section>`;
  return page({
    title: 'Batches – Admissions',
    body,
    css: CSS_ASSET,
    script: [LABELS_SCRIPT, STAFF_API_SCRIPT, BATCHES_SCRIPT],
    staffNav: true,
  });
}

export function rechecksPage(): string {
  const body = `<h1>Re-checks</h1>
<p class="lead">Coverage is verified again before the planned start, and every month for admitted patients until discharge. A change sends the verification to review.</p>
<p id="recheck-notice" role="status" aria-live="polite"></p>
<section aria-labelledby="scheduled-title"><h2 id="scheduled-title">Scheduled re-checks</h2>
<p id="scheduled-empty" hidden>Nothing is scheduled.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">When</th><th scope="col">Why</th><th scope="col">Patient</th><th scope="col">Payer</th><th scope="col">Verification</th></tr></thead><tbody id="scheduled-rows"></tbody></table></div>
</section>
<section aria-labelledby="admitted-title"><h2 id="admitted-title">Admitted patients</h2>
<p id="admitted-empty" hidden>No patient is marked admitted.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Patient</th><th scope="col">Payer</th><th scope="col">Admitted</th><th scope="col">Next re-check</th><th scope="col">Last re-check</th><th scope="col">Actions</th></tr></thead><tbody id="admitted-rows"></tbody></table></div>
<form id="admit" class="panel" novalidate><div class="field"><label for="admit-id">Admit a patient: verification id</label>
<input type="text" id="admit-id" class="medium" autocomplete="off" pattern="vrf_[0-9a-f]{32}"></div><button type="submit">Mark admitted</button></form>
</section>`;
  return page({
    title: 'Re-checks – Admissions',
    body,
    css: CSS_ASSET,
    script: [LABELS_SCRIPT, STAFF_API_SCRIPT, RECHECKS_SCRIPT],
    staffNav: true,
  });
}
