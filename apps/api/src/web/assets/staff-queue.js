// @ts-nocheck -- typed in the staff-dashboard commit
// Staff queue: reads the filters from the address bar and lists verifications by deadline.
(function () {
  'use strict';
  var LIMIT = 50;
  var STATUS = {
    needs_review: 'Needs review',
    queued: 'Queued',
    in_progress: 'In progress',
    completed: 'Completed',
    cancelled: 'Cancelled',
  };
  var CHANNEL = { web_form: 'Web form', staff: 'Staff', intake: 'Intake' };
  var statusLine = document.getElementById('queue-status');
  var table = document.getElementById('queue');
  var rows = document.getElementById('queue-rows');
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  var params = new URLSearchParams(location.search);
  var offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);

  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    return td;
  }

  /** "3 h 12 min left", "overdue by 20 min". */
  function timeLeft(deadline) {
    var s = Math.round((Date.parse(deadline) - Date.now()) / 1000);
    var abs = Math.abs(s),
      h = Math.floor(abs / 3600),
      m = Math.floor((abs % 3600) / 60);
    var text = (h ? h + ' h ' : '') + m + ' min';
    return { text: s < 0 ? 'overdue by ' + text : text + ' left', cls: s < 0 ? 'overdue' : s < 4 * 3600 ? 'soon' : '' };
  }

  function patient(item) {
    var m = item.summary && item.summary.eligibility && item.summary.eligibility.member;
    return m && (m.firstName || m.lastName) ? [m.firstName, m.lastName].filter(Boolean).join(' ') : '—';
  }

  function query() {
    var q = new URLSearchParams();
    var statuses = params
      .getAll('status')
      .concat((params.get('statuses') || '').split(','))
      .filter(Boolean);
    if (statuses.length) q.set('status', statuses.join(','));
    if (params.get('payer')) q.set('payer', params.get('payer'));
    if (params.get('channel')) q.set('channel', params.get('channel'));
    q.set('offset', String(offset));
    q.set('limit', String(LIMIT));
    return q.toString();
  }

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
      (page.items || []).forEach(function (item) {
        var tr = document.createElement('tr');
        var left = timeLeft(item.deadline);
        var settled = item.status === 'completed' || item.status === 'cancelled';
        tr.appendChild(cell(settled ? '—' : left.text, settled ? '' : left.cls));
        var st = document.createElement('td');
        var badge = document.createElement('span');
        badge.className = 'badge s-' + item.status;
        badge.textContent = STATUS[item.status] || item.status;
        st.appendChild(badge);
        tr.appendChild(st);
        tr.appendChild(cell(patient(item)));
        tr.appendChild(cell(((item.payer && item.payer.name) || '') + (item.network ? ' via ' + item.network.name : '')));
        tr.appendChild(cell(CHANNEL[item.channel] || item.channel));
        tr.appendChild(cell(new Date(item.createdAt).toLocaleString()));
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
      if (skipped) statusLine.textContent += ' ' + skipped + (skipped === 1 ? ' record' : ' records') + ' could not be read (encryption key missing); see the API logs.';
      prev.hidden = offset === 0;
      next.hidden = offset + LIMIT >= total;
    })
    .catch(function (e) {
      if (e.message !== 'signed out') statusLine.textContent = 'The queue could not be loaded. Reload the page to try again.';
    });
})();
