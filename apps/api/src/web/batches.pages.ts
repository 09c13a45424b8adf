import { BATCH_CSV_COLUMNS } from '../batches/batch-rows';
import { asset, page } from './html';
import { CSS_ASSET } from './assets';

// The staff dashboard's batch and re-check pages (issue 18), kept apart from the queue pages.
// Their scripts are served with the other assets under /assets/ (no inline script).

const BATCHES_JS = String.raw`// Batches: upload a CSV census, watch its progress, download the results.
(function () {
  'use strict';
  var form = document.getElementById('upload');
  var file = document.getElementById('csv');
  var notice = document.getElementById('upload-notice');
  var errors = document.getElementById('row-errors');
  var section = document.getElementById('current');
  var bar = document.getElementById('bar');
  var counts = document.getElementById('counts');
  var download = document.getElementById('download');
  var cancel = document.getElementById('cancel');
  var recent = document.getElementById('recent-rows');
  var current = null;
  var LABELS = { queued: 'queued', in_progress: 'in progress', completed: 'completed', needs_review: 'in review', cancelled: 'cancelled', not_started: 'not started', expired: 'expired' };

  function api(path, init) {
    init = init || {};
    init.credentials = 'same-origin';
    init.headers = Object.assign({ Accept: 'application/json', 'X-Requested-With': 'bvs' }, init.headers || {});
    return fetch(path, init).then(function (res) {
      if (res.status === 401) { location.href = '/staff/sign-in'; throw new Error('signed out'); }
      return res.json().then(function (body) { if (!res.ok) throw new Error((body.error && body.error.message) || ('HTTP ' + res.status)); return body; });
    });
  }

  function describe(p) {
    var parts = [];
    Object.keys(p.byStatus).forEach(function (k) { if (p.byStatus[k]) parts.push(p.byStatus[k] + ' ' + (LABELS[k] || k)); });
    if (p.rejected) parts.push(p.rejected + ' refused');
    return p.settled + p.rejected + ' of ' + p.total + ' rows done (' + p.state + '): ' + parts.join(', ');
  }

  function show(p) {
    section.hidden = false;
    bar.max = p.total;
    bar.value = p.settled + p.rejected;
    bar.textContent = p.percent + '%';
    counts.textContent = describe(p);
    download.href = '/v1/batches/' + p.id + '/results?format=csv';
    download.hidden = p.state === 'creating';
    cancel.hidden = p.state === 'done' || p.state === 'cancelled';
  }

  function poll() {
    if (!current) return;
    api('/v1/batches/' + current).then(function (p) {
      show(p);
      if (p.state === 'creating' || p.state === 'running') setTimeout(poll, 1500);
      else loadRecent();
    }).catch(function (e) { counts.textContent = e.message; });
  }

  function listErrors(rows) {
    errors.textContent = '';
    rows.forEach(function (r) {
      var li = document.createElement('li');
      li.textContent = 'Row ' + r.row + (r.rowKey ? ' (' + r.rowKey + ')' : '') + ': ' + r.errors.map(function (e) { return e.field + ' ' + e.message; }).join('; ');
      errors.appendChild(li);
    });
    errors.hidden = rows.length === 0;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var chosen = file.files && file.files[0];
    if (!chosen) { notice.textContent = 'Choose a CSV file first.'; return; }
    notice.textContent = 'Uploading ' + chosen.name + '…';
    chosen.text().then(function (text) {
      return api('/v1/batches', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: text });
    }).then(function (p) {
      notice.textContent = 'Batch accepted: ' + p.total + ' rows, ' + p.rejected + ' refused.';
      listErrors(p.rejectedRows || []);
      current = p.id;
      show(p);
      poll();
    }).catch(function (e) { notice.textContent = 'The batch was not accepted: ' + e.message; });
  });

  cancel.addEventListener('click', function () {
    if (!current) return;
    api('/v1/batches/' + current + '/cancel', { method: 'POST' }).then(show).catch(function (e) { counts.textContent = e.message; });
  });

  function loadRecent() {
    api('/v1/batches').then(function (body) {
      recent.textContent = '';
      body.items.forEach(function (p) {
        var tr = document.createElement('tr');
        var when = document.createElement('td'); when.textContent = new Date(p.createdAt).toLocaleString();
        var state = document.createElement('td'); state.textContent = describe(p);
        var link = document.createElement('td');
        var a = document.createElement('a'); a.href = '/v1/batches/' + p.id + '/results?format=csv'; a.textContent = 'Results (CSV)';
        link.appendChild(a);
        var watch = document.createElement('button'); watch.type = 'button'; watch.className = 'secondary'; watch.textContent = 'Show progress';
        watch.addEventListener('click', function () { current = p.id; poll(); });
        link.appendChild(document.createTextNode(' ')); link.appendChild(watch);
        tr.appendChild(when); tr.appendChild(state); tr.appendChild(link);
        recent.appendChild(tr);
      });
    }).catch(function () { /* the list is a convenience */ });
  }
  loadRecent();
})();
`;

const RECHECKS_JS = String.raw`// Re-checks: what is scheduled by date; admitted patients, their next re-check, discharge.
(function () {
  'use strict';
  var scheduled = document.getElementById('scheduled-rows');
  var admitted = document.getElementById('admitted-rows');
  var notice = document.getElementById('recheck-notice');
  var admitForm = document.getElementById('admit');
  var admitId = document.getElementById('admit-id');
  var KIND = { before_start: 'Before the start', monthly: 'Monthly (admitted)' };

  function api(path, init) {
    init = init || {};
    init.credentials = 'same-origin';
    init.headers = Object.assign({ Accept: 'application/json', 'X-Requested-With': 'bvs' }, init.headers || {});
    return fetch(path, init).then(function (res) {
      if (res.status === 401) { location.href = '/staff/sign-in'; throw new Error('signed out'); }
      return res.json().then(function (body) { if (!res.ok) throw new Error((body.error && body.error.message) || ('HTTP ' + res.status)); return body; });
    });
  }
  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); return td; }
  function link(td, id) { var a = document.createElement('a'); a.href = '/staff/v/' + id; a.textContent = id.slice(0, 12) + '…'; td.textContent = ''; td.appendChild(a); }

  function load() {
    api('/v1/rechecks').then(function (body) {
      scheduled.textContent = '';
      body.scheduled.forEach(function (s) {
        var tr = document.createElement('tr');
        cell(tr, new Date(s.dueAt).toLocaleString());
        cell(tr, KIND[s.kind] || s.kind);
        cell(tr, s.patient);
        cell(tr, s.payer);
        link(cell(tr, ''), s.verificationId);
        scheduled.appendChild(tr);
      });
      admitted.textContent = '';
      body.admitted.forEach(function (a) {
        var tr = document.createElement('tr');
        cell(tr, a.patient);
        cell(tr, a.payer);
        cell(tr, new Date(a.admittedAt).toLocaleDateString());
        cell(tr, new Date(a.nextRecheckAt).toLocaleDateString());
        cell(tr, a.lastRecheck ? a.lastRecheck.outcome + ' (' + new Date(a.lastRecheck.at).toLocaleDateString() + ')' : '—');
        var actions = cell(tr, '');
        var b = document.createElement('button'); b.type = 'button'; b.className = 'secondary'; b.textContent = 'Discharge';
        b.addEventListener('click', function () {
          api('/v1/verifications/' + a.verificationId + '/discharge', { method: 'POST' })
            .then(function () { notice.textContent = a.patient + ' discharged: monthly re-checks stop.'; load(); })
            .catch(function (e) { notice.textContent = e.message; });
        });
        actions.appendChild(b);
        admitted.appendChild(tr);
      });
      document.getElementById('scheduled-empty').hidden = body.scheduled.length > 0;
      document.getElementById('admitted-empty').hidden = body.admitted.length > 0;
    }).catch(function (e) { notice.textContent = e.message; });
  }

  admitForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var id = admitId.value.trim();
    api('/v1/verifications/' + encodeURIComponent(id) + '/admit', { method: 'POST' })
      .then(function () { notice.textContent = 'Admitted: re-verified on the first business day of each month.'; admitId.value = ''; load(); })
      .catch(function (e) { notice.textContent = 'Not admitted: ' + e.message; });
  });
  load();
})();
`;

/** Served at /assets/… with the site's other assets (WebController). */
export const BATCHES_SCRIPT = asset('batches.js', 'text/javascript; charset=utf-8', BATCHES_JS);
export const RECHECKS_SCRIPT = asset('rechecks.js', 'text/javascript; charset=utf-8', RECHECKS_JS);

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
  return page({ title: 'Batches – Admissions', body, css: CSS_ASSET, script: BATCHES_SCRIPT, staffNav: true });
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
  return page({ title: 'Re-checks – Admissions', body, css: CSS_ASSET, script: RECHECKS_SCRIPT, staffNav: true });
}
