// @ts-check
// Re-checks: what is scheduled by date; admitted patients, their next re-check, discharge.
(function () {
  'use strict';
  /** @param {string} x @returns {any} the element (inputs, tables…) */
  function $(x) {
    return document.getElementById(x);
  }
  var scheduled = $('scheduled-rows');
  var admitted = $('admitted-rows');
  var notice = $('recheck-notice');
  var admitForm = $('admit');
  var admitId = $('admit-id');
  /** @type {Record<string, string>} */
  var KIND = { before_start: 'Before the start', monthly: 'Monthly (admitted)' };
  /** @type {Record<string, string>} */
  var OUTCOME = { unchanged: 'no change', changed: 'changed', inconclusive: 'inconclusive' };

  var api = window.BVS_API;
  /** @param {HTMLElement} tr @param {string} text */
  function cell(tr, text) {
    var td = document.createElement('td');
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  /** @param {HTMLElement} td @param {string} id @param {string} [text] */
  function link(td, id, text) {
    var a = document.createElement('a');
    a.href = '/staff/v/' + id;
    a.textContent = text || id.slice(0, 12) + '…';
    td.textContent = '';
    td.appendChild(a);
  }

  function load() {
    api('/v1/rechecks')
      .then(function (body) {
        scheduled.textContent = '';
        body.scheduled.forEach(function (/** @type {any} */ s) {
          var tr = document.createElement('tr');
          cell(tr, new Date(s.dueAt).toLocaleString());
          cell(tr, KIND[s.kind] || s.kind);
          cell(tr, s.patient);
          cell(tr, s.payer);
          link(cell(tr, ''), s.verificationId);
          scheduled.appendChild(tr);
        });
        admitted.textContent = '';
        body.admitted.forEach(function (/** @type {any} */ a) {
          var tr = document.createElement('tr');
          link(cell(tr, ''), a.verificationId, a.patient);
          cell(tr, a.payer);
          cell(tr, new Date(a.admittedAt).toLocaleDateString());
          cell(tr, new Date(a.nextRecheckAt).toLocaleDateString());
          cell(
            tr,
            a.lastRecheck
              ? (OUTCOME[a.lastRecheck.outcome] || a.lastRecheck.outcome) + ' (' + new Date(a.lastRecheck.at).toLocaleDateString() + ')'
              : '—',
          );
          var actions = cell(tr, '');
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'secondary';
          b.textContent = 'Discharge';
          b.addEventListener('click', function () {
            api('/v1/verifications/' + a.verificationId + '/discharge', { method: 'POST' })
              .then(function () {
                notice.textContent = a.patient + ' discharged: monthly re-checks stop.';
                load();
              })
              .catch(function (e) {
                notice.textContent = e.message;
              });
          });
          actions.appendChild(b);
          admitted.appendChild(tr);
        });
        $('scheduled-empty').hidden = body.scheduled.length > 0;
        $('admitted-empty').hidden = body.admitted.length > 0;
      })
      .catch(function (e) {
        notice.textContent = e.message;
      });
  }

  admitForm.addEventListener('submit', function (/** @type {Event} */ event) {
    event.preventDefault();
    var id = admitId.value.trim();
    api('/v1/verifications/' + encodeURIComponent(id) + '/admit', { method: 'POST' })
      .then(function () {
        notice.textContent = 'Admitted: re-verified on the first business day of each month.';
        admitId.value = '';
        load();
      })
      .catch(function (e) {
        notice.textContent = 'Not admitted: ' + e.message;
      });
  });
  load();
})();
