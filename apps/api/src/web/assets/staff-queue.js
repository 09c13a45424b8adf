// @ts-check
// Staff queue: reads the filters from the address bar and lists verifications by deadline,
// with the time left coloured by urgency and the labels of the shared definition (labels.js).
(function () {
  'use strict';
  var LIMIT = 50;
  var LABELS = window.BVS_LABELS;
  /** @param {string} id @returns {HTMLElement} */
  function $(id) {
    var node = document.getElementById(id);
    if (!node) throw new Error('missing #' + id);
    return node;
  }
  var statusLine = $('queue-status');
  var table = $('queue');
  var rows = $('queue-rows');
  var prev = $('prev');
  var next = $('next');
  var params = new URLSearchParams(location.search);
  var offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);

  /** @param {string} text @param {string} [cls] */
  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    return td;
  }

  /** "3 h 12 min left", "overdue by 20 min", with an urgency class. @param {string} deadline */
  function timeLeft(deadline) {
    var s = Math.round((Date.parse(deadline) - Date.now()) / 1000);
    var abs = Math.abs(s),
      h = Math.floor(abs / 3600),
      m = Math.floor((abs % 3600) / 60);
    var text = (h ? h + ' h ' : '') + m + ' min';
    return {
      text: s < 0 ? 'overdue by ' + text : text + ' left',
      cls: s < 0 ? 'overdue' : s < 2 * 3600 ? 'urgent' : s < 8 * 3600 ? 'soon' : 'later',
    };
  }

  /** @param {any} item */
  function patient(item) {
    var m = item.patient || (item.summary && item.summary.eligibility && item.summary.eligibility.member);
    return m && (m.firstName || m.lastName) ? [m.firstName, m.lastName].filter(Boolean).join(' ') : '—';
  }

  function query() {
    var q = new URLSearchParams();
    var statuses = params
      .getAll('status')
      .concat((params.get('statuses') || '').split(','))
      .filter(Boolean);
    if (statuses.length) q.set('status', statuses.join(','));
    ['payer', 'channel', 'q'].forEach(function (k) {
      var value = params.get(k);
      if (value) q.set(k, value);
    });
    if (params.get('awaiting') === 'true') q.set('awaitingCall', 'true');
    var due = Number(params.get('due') || 0);
    if (due) q.set('deadlineBefore', new Date(Date.now() + due * 3600000).toISOString());
    q.set('offset', String(offset));
    q.set('limit', String(LIMIT));
    return q.toString();
  }

  /** @param {number} newOffset */
  function go(newOffset) {
    params.set('offset', String(newOffset));
    location.search = params.toString();
  }
  prev.addEventListener('click', function () {
    go(Math.max(0, offset - LIMIT));
  });
  next.addEventListener('click', function () {
    go(offset + LIMIT);
  });

  fetch('/v1/verifications?' + query(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (res) {
      if (res.status === 401 || res.status === 403) {
        location.href = '/staff/sign-in';
        throw new Error('signed out');
      }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    })
    .then(function (page) {
      rows.textContent = '';
      (page.items || []).forEach(function (/** @type {any} */ item) {
        var tr = document.createElement('tr');
        var left = timeLeft(item.deadline);
        var settled = item.status === 'completed' || item.status === 'cancelled';
        tr.appendChild(cell(settled ? '—' : left.text, settled ? '' : left.cls));
        var st = document.createElement('td');
        var badge = document.createElement('span');
        badge.className = 'badge s-' + item.status;
        badge.textContent = LABELS.status[item.status] || item.status;
        st.appendChild(badge);
        var when = document.createElement('div');
        when.className = 'hint';
        when.textContent =
          (item.statusLabel || LABELS.events[item.status]) + ' at ' + new Date(item.statusChangedAt || item.createdAt).toLocaleString();
        st.appendChild(when);
        tr.appendChild(st);
        tr.appendChild(cell(patient(item) + (item.reference ? ' · ' + item.reference : '')));
        tr.appendChild(cell(((item.payer && item.payer.name) || '') + (item.network ? ' via ' + item.network.name : '')));
        tr.appendChild(cell(LABELS.channel[item.channel] || item.channel));
        tr.appendChild(
          cell(
            item.awaitingCall
              ? 'Awaiting a call' + (item.contact && item.contact.preferredTime ? ' (' + item.contact.preferredTime + ')' : '')
              : item.contacted
                ? 'Called'
                : '—',
            item.awaitingCall ? 'soon' : '',
          ),
        );
        tr.appendChild(cell(item.claim ? item.claim.by : '—'));
        var open = document.createElement('td');
        var a = document.createElement('a');
        a.href = '/staff/v/' + encodeURIComponent(item.id);
        a.textContent = 'Open';
        a.setAttribute('aria-label', 'Open verification for ' + patient(item) + ', ' + ((item.payer && item.payer.name) || ''));
        open.appendChild(a);
        tr.appendChild(open);
        rows.appendChild(tr);
      });
      var total = page.total || 0;
      table.hidden = !total;
      statusLine.textContent = total
        ? 'Showing ' + (offset + 1) + '–' + (offset + (page.items || []).length) + ' of ' + total + ' verifications.'
        : 'No verifications match these filters.';
      // Records that cannot be decrypted (a removed key) are left out by the API; say how many.
      var skipped = (page.skipped || []).length;
      if (skipped)
        statusLine.textContent +=
          ' ' + skipped + (skipped === 1 ? ' record' : ' records') + ' could not be read (encryption key missing); see the API logs.';
      prev.hidden = offset === 0;
      next.hidden = offset + LIMIT >= total;
    })
    .catch(function (e) {
      if (e.message !== 'signed out') statusLine.textContent = 'The queue could not be loaded. Reload the page to try again.';
    });
})();
