// @ts-check
// Batches: upload a CSV census, watch its progress, download the results.
(function () {
  'use strict';
  /** @param {string} x @returns {any} the element (inputs, progress, links…) */
  function $(x) {
    return document.getElementById(x);
  }
  var form = $('upload');
  var file = $('csv');
  var notice = $('upload-notice');
  var errors = $('row-errors');
  var section = $('current');
  var bar = $('bar');
  var counts = $('counts');
  var download = $('download');
  var cancel = $('cancel');
  var recent = $('recent-rows');
  /** @type {string | null} */
  var current = null;
  // Verification statuses from the shared definition; the two a batch row can have on its own below.
  /** @type {Record<string, string>} */
  var LABELS = Object.assign({}, window.BVS_LABELS.status, { not_started: 'Not started', expired: 'Expired' });

  var api = window.BVS_API;

  /** @param {any} p a batch's progress */
  function describe(p) {
    /** @type {string[]} */
    var parts = [];
    Object.keys(p.byStatus).forEach(function (k) {
      if (p.byStatus[k]) parts.push(p.byStatus[k] + ' ' + (LABELS[k] || k).toLowerCase());
    });
    if (p.rejected) parts.push(p.rejected + ' refused');
    return p.settled + p.rejected + ' of ' + p.total + ' rows done (' + p.state + '): ' + parts.join(', ');
  }

  /** @param {any} p */
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
    api('/v1/batches/' + current)
      .then(function (p) {
        show(p);
        if (p.state === 'creating' || p.state === 'running') setTimeout(poll, 1500);
        else loadRecent();
      })
      .catch(function (e) {
        counts.textContent = e.message;
      });
  }

  /** @param {any[]} rows the refused rows */
  function listErrors(rows) {
    errors.textContent = '';
    rows.forEach(function (r) {
      var li = document.createElement('li');
      li.textContent =
        'Row ' +
        r.row +
        (r.rowKey ? ' (' + r.rowKey + ')' : '') +
        ': ' +
        r.errors
          .map(function (/** @type {any} */ e) {
            return e.field + ' ' + e.message;
          })
          .join('; ');
      errors.appendChild(li);
    });
    errors.hidden = rows.length === 0;
  }

  form.addEventListener('submit', function (/** @type {Event} */ event) {
    event.preventDefault();
    var chosen = file.files && file.files[0];
    if (!chosen) {
      notice.textContent = 'Choose a CSV file first.';
      return;
    }
    notice.textContent = 'Uploading ' + chosen.name + '…';
    chosen
      .text()
      .then(function (/** @type {string} */ text) {
        return api('/v1/batches', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: text });
      })
      .then(function (p) {
        notice.textContent = 'Batch accepted: ' + p.total + ' rows, ' + p.rejected + ' refused.';
        listErrors(p.rejectedRows || []);
        current = p.id;
        show(p);
        poll();
      })
      .catch(function (e) {
        notice.textContent = 'The batch was not accepted: ' + e.message;
      });
  });

  cancel.addEventListener('click', function () {
    if (!current) return;
    api('/v1/batches/' + current + '/cancel', { method: 'POST' })
      .then(show)
      .catch(function (e) {
        counts.textContent = e.message;
      });
  });

  function loadRecent() {
    api('/v1/batches')
      .then(function (body) {
        recent.textContent = '';
        body.items.forEach(function (/** @type {any} */ p) {
          var tr = document.createElement('tr');
          var when = document.createElement('td');
          when.textContent = new Date(p.createdAt).toLocaleString();
          var state = document.createElement('td');
          state.textContent = describe(p);
          var link = document.createElement('td');
          var a = document.createElement('a');
          a.href = '/v1/batches/' + p.id + '/results?format=csv';
          a.textContent = 'Results (CSV)';
          link.appendChild(a);
          var watch = document.createElement('button');
          watch.type = 'button';
          watch.className = 'secondary';
          watch.textContent = 'Show progress';
          watch.addEventListener('click', function () {
            current = p.id;
            poll();
          });
          link.appendChild(document.createTextNode(' '));
          link.appendChild(watch);
          tr.appendChild(when);
          tr.appendChild(state);
          tr.appendChild(link);
          recent.appendChild(tr);
        });
      })
      .catch(function () {
        /* the list is a convenience */
      });
  }
  loadRecent();
})();
