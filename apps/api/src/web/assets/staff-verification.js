// @ts-check
// Staff view of one verification: the full summary, raw X12 on request, retry, manual result.
(function () {
  'use strict';
  var root = document.getElementById('record');
  var id = (root && root.getAttribute('data-id')) || '';
  var api = '/v1/verifications/' + encodeURIComponent(id);
  var LEVELS = { IOP: 'IOP – intensive outpatient', PHP: 'PHP – partial hospitalization', OP: 'OP – outpatient' };
  var LABELS = window.BVS_LABELS;
  /** @type {Record<string, string>} */
  var STATUS = LABELS.status;
  /** @type {any} */
  var current = null;
  var BASIS = {
    explicit: 'stated for this level of care',
    mental_health_general: 'general mental-health benefits only',
    plan_general: 'plan-level benefits only',
    none: 'no benefit information',
  };
  var LOC_STATUS = { covered: 'Covered', not_covered: 'Not covered', unknown: 'Unknown' };

  /** @param {string} x @returns {any} the element (its type varies: inputs, selects, details) */
  function $(x) {
    return document.getElementById(x);
  }
  /** Builds an element; children are nodes or text, never HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function money(v) {
    return v === undefined || v === null
      ? null
      : '$' + Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function yesNo(v) {
    return v === true ? 'Yes' : v === false ? 'No' : 'Not stated';
  }
  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '—';
  }
  /** Term/value pairs; a third element `'staff'` keeps the pair off the patient's printed summary. */
  function terms(pairs) {
    var dl = el('dl', { class: 'terms' });
    pairs.forEach(function (p) {
      if (p[1] !== null && p[1] !== undefined && p[1] !== '') {
        var attrs = p[2] === 'staff' ? { class: 'no-print' } : {};
        dl.appendChild(el('dt', attrs, [p[0]]));
        dl.appendChild(el('dd', attrs, [String(p[1])]));
      }
    });
    return dl;
  }
  function section(name, on) {
    $(name + '-section').hidden = !on;
  }
  function headers(write) {
    var h = { Accept: 'application/json' };
    // The CSRF header the auth guard requires of cookie-signed requests that change state.
    if (write) {
      h['X-Requested-With'] = 'bvs';
      h['Content-Type'] = 'application/json';
    }
    return h;
  }
  function call(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: headers(method !== 'GET'),
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      if (res.status === 401) {
        location.href = '/staff/sign-in';
        throw new Error('signed out');
      }
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (json) {
          return { status: res.status, ok: res.ok, json: json };
        });
    });
  }
  function notice(text, kind) {
    var n = $('notice');
    n.textContent = '';
    if (text) n.appendChild(el('p', { class: 'notice ' + (kind || '') }, [text]));
  }

  function timeLeft(seconds) {
    var abs = Math.abs(seconds),
      h = Math.floor(abs / 3600),
      m = Math.floor((abs % 3600) / 60);
    var t = (h ? h + ' h ' : '') + m + ' min';
    return seconds < 0 ? 'overdue by ' + t : t + ' left';
  }

  function renderOverview(r) {
    // The patient as entered first: for a dependent the payer may answer under the policy holder.
    var s = r.patient || (r.summary && r.summary.eligibility && r.summary.eligibility.member);
    /** @param {{ firstName?: string, lastName?: string } | null | undefined} p */
    function fullName(p) {
      return p && (p.firstName || p.lastName) ? [p.firstName, p.lastName].filter(Boolean).join(' ') : null;
    }
    var name = fullName(s);
    $('title').textContent = (name ? name + ' – ' : '') + (r.payer ? r.payer.name : 'Verification');
    var settled = r.status === 'completed' || r.status === 'cancelled';
    var box = $('overview');
    box.textContent = '';
    box.appendChild(
      el('p', {}, [
        el('span', { class: 'badge s-' + r.status, id: 'status' }, [STATUS[r.status] || r.status]),
        ' ',
        el('span', { id: 'status-label' }, [(r.statusLabel || LABELS.events[r.status]) + ' at ' + when(r.statusChangedAt || r.updatedAt)]),
      ]),
    );
    box.appendChild(
      el('div', { class: 'facts' }, [
        terms([
          ['Patient', name ? name + (r.patient && r.patient.dateOfBirth ? ' (born ' + r.patient.dateOfBirth + ')' : '') : null],
          ['Policy holder', r.policyHolder ? fullName(r.policyHolder) + ' (born ' + r.policyHolder.dateOfBirth + ')' : null],
          ['Member ID', r.patient ? r.patient.memberId : null],
          ['Payer', r.payer ? r.payer.name + ' (' + r.payer.payerId + ')' : ''],
          ['Network', r.network ? r.network.name : null],
          ['Channel', r.channel, 'staff'],
          ['Levels asked', (r.levelsOfCareRequested || []).join(', '), 'staff'],
        ]),
        terms([
          ['Deadline', when(r.deadline), 'staff'],
          ['Time left', settled ? null : timeLeft(r.timeLeftSeconds), 'staff'],
          ['Within window', r.withinWindow === null || r.withinWindow === undefined ? null : yesNo(r.withinWindow), 'staff'],
          ['Planned start', r.plannedStart ? when(r.plannedStart) : null],
        ]),
        terms([
          ['Reference', r.reference],
          ['Created', when(r.createdAt), 'staff'],
          ['Completed', r.completedAt ? when(r.completedAt) : null],
          ['Attempts', r.attempts, 'staff'],
          ['Last error', r.lastError, 'staff'],
          ['Id', r.id, 'staff'],
        ]),
      ]),
    );
  }

  function renderEligibility(e) {
    var box = $('eligibility');
    box.textContent = '';
    var m = e.member || {},
      p = e.plan || {};
    box.appendChild(
      el('div', { class: 'facts' }, [
        terms([
          ['Status', e.status],
          ['Payer', [e.payer && e.payer.name, e.payer && e.payer.payerId].filter(Boolean).join(' · ')],
          ['Plan', p.name],
          ['Type', p.insuranceType],
          ['Group', [p.groupNumber, p.groupName].filter(Boolean).join(' · ')],
          ['Coverage', p.coverageStart ? p.coverageStart + ' to ' + (p.coverageEnd || 'open') : null],
        ]),
        terms([
          ['Member', [m.firstName, m.lastName].filter(Boolean).join(' ')],
          ['Member id', m.memberId],
          ['Date of birth', m.dateOfBirth],
          ['Relationship', m.relationship],
        ]),
      ]),
    );
    (e.rejections || []).forEach(function (x) {
      box.appendChild(
        el('p', { class: 'notice bad' }, [
          'Rejected ' +
            x.code +
            ': ' +
            x.description +
            (x.followUpDescription ? ' – ' + x.followUpDescription : '') +
            (x.retryable ? ' (retryable)' : ''),
        ]),
      );
    });
  }

  function pair(a) {
    if (!a) return '—';
    var t = money(a.total),
      rem = money(a.remaining);
    return (t || 'total not returned') + (rem ? ' (' + rem + ' remaining' + (a.remainingDerived ? ', computed' : '') + ')' : '');
  }

  function renderAccumulators(acc) {
    var nets = [
      ['inNetwork', 'In network'],
      ['outOfNetwork', 'Out of network'],
      ['unknownNetwork', 'Network not stated'],
    ].filter(function (n) {
      return acc[n[0]];
    });
    var box = $('accumulators');
    box.textContent = '';
    if (!nets.length) {
      box.appendChild(el('p', {}, ['The payer returned no deductible or out-of-pocket amounts.']));
      return;
    }
    var head = el(
      'tr',
      {},
      [el('td', {}, [''])].concat(
        nets.map(function (n) {
          return el('th', { scope: 'col' }, [n[1]]);
        }),
      ),
    );
    var rows = [
      ['deductible', 'individual', 'Deductible, individual'],
      ['deductible', 'family', 'Deductible, family'],
      ['outOfPocketMax', 'individual', 'Out-of-pocket max, individual'],
      ['outOfPocketMax', 'family', 'Out-of-pocket max, family'],
    ].map(function (r) {
      return el(
        'tr',
        {},
        [el('th', { scope: 'row' }, [r[2]])].concat(
          nets.map(function (n) {
            var a = acc[n[0]] && acc[n[0]][r[0]] && acc[n[0]][r[0]][r[1]];
            return el('td', {}, [pair(a)]);
          }),
        ),
      );
    });
    box.appendChild(el('table', {}, [el('thead', {}, [head]), el('tbody', {}, rows)]));
  }

  function limitText(l) {
    return (
      l.quantity +
      ' ' +
      l.unit +
      (l.period ? ' per ' + String(l.period).replace(/_/g, ' ') : '') +
      (l.remaining !== undefined && l.remaining !== null ? ' (' + l.remaining + ' remaining)' : '')
    );
  }

  function networkBlock(title, t) {
    if (!t) return el('div', {}, [el('h4', {}, [title]), el('p', {}, ['Not returned'])]);
    var acc = t.accumulators || {};
    return el('div', {}, [
      el('h4', {}, [title]),
      terms([
        ['Covered', t.notCovered ? 'No' : null],
        ['Copay', t.copay ? money(t.copay.amount) + (t.copay.per ? ' per ' + t.copay.per : '') : 'Not returned'],
        ['Coinsurance', t.coinsurancePercent !== undefined && t.coinsurancePercent !== null ? t.coinsurancePercent + '%' : 'Not returned'],
        ['Deductible applies', yesNo(t.deductibleApplies)],
        ['Limits', (t.limits || []).map(limitText).join('; ') || null],
        ['Deductible', acc.deductible && acc.deductible.individual ? pair(acc.deductible.individual) : null],
        ['Out-of-pocket', acc.outOfPocketMax && acc.outOfPocketMax.individual ? pair(acc.outOfPocketMax.individual) : null],
      ]),
    ]);
  }

  function estimateBlock(e) {
    var b = e.breakdown || {};
    return el('div', {}, [
      el('h4', {}, ['Estimate (' + (e.network === 'outOfNetwork' ? 'out of network' : 'in network') + ')']),
      terms([
        ['Sessions', e.sessions],
        ['Allowed per session', money(e.allowedPerSession)],
        ['Patient pays', money(e.patientResponsibility)],
        ['Deductible part', money(b.deductible)],
        ['Coinsurance part', money(b.coinsurance)],
        ['Copay part', money(b.copay)],
        ['Capped by out-of-pocket', yesNo(e.cappedByOutOfPocket)],
        ['Deductible assumed', e.deductibleAssumed ? 'Yes' : null],
      ]),
      (e.notes || []).length
        ? el(
            'ul',
            {},
            e.notes.map(function (n) {
              return el('li', {}, [n]);
            }),
          )
        : null,
    ]);
  }

  function renderLevels(levels, requested) {
    var box = $('levels');
    box.textContent = '';
    ['IOP', 'PHP', 'OP'].forEach(function (key) {
      var l = levels[key];
      var card = el('article', { class: 'level', id: 'level-' + key, 'aria-labelledby': 'level-' + key + '-title' }, [
        el('h3', { id: 'level-' + key + '-title' }, [LEVELS[key]]),
      ]);
      if (!l) {
        card.appendChild(el('p', {}, [requested.indexOf(key) < 0 ? 'Not asked.' : 'No answer yet.']));
        box.appendChild(card);
        return;
      }
      card.appendChild(
        terms([
          ['Coverage', LOC_STATUS[l.status] || l.status],
          ['Evidence', BASIS[l.basis] || l.basis],
          [
            'Prior auth',
            l.priorAuthorizationRequired === true ? 'Required' : l.priorAuthorizationRequired === false ? 'Not required' : 'Not stated',
          ],
          ['Prior auth note', l.priorAuthorizationText],
        ]),
      );
      card.appendChild(networkBlock('In network', l.inNetwork));
      card.appendChild(networkBlock('Out of network', l.outOfNetwork));
      if (l.unknownNetwork) card.appendChild(networkBlock('Network not stated', l.unknownNetwork));
      var estimates = l.estimates && l.estimates.length ? l.estimates : l.estimate ? [l.estimate] : [];
      estimates.forEach(function (e) {
        card.appendChild(estimateBlock(e));
      });
      if (l.estimateUnavailable) card.appendChild(el('p', {}, ['No estimate: ' + l.estimateUnavailable]));
      if ((l.sources || []).length)
        card.appendChild(
          el('details', { class: 'sources' }, [
            el('summary', {}, ['Sources (' + l.sources.length + ')']),
            el(
              'ul',
              {},
              l.sources.map(function (s) {
                return el('li', {}, [el('code', {}, [s])]);
              }),
            ),
          ]),
        );
      box.appendChild(card);
    });
  }

  function list(target, items) {
    var ul = $(target);
    ul.textContent = '';
    items.forEach(function (t) {
      ul.appendChild(el('li', {}, [t]));
    });
  }

  /** @param {any} r */
  function renderWork(r) {
    current = r;
    var c = r.contact;
    section('contact', !!c);
    if (c) {
      $('contact').textContent = '';
      $('contact').appendChild(
        terms([
          ['Phone', c.phone],
          ['Email', c.email],
          ['Preferred time', c.preferredTime],
          ['Consent to contact', c.consentToContact ? 'Yes' : 'No'],
          ['Called', r.contacted ? r.contacted.by + ' at ' + when(r.contacted.at) : 'Not yet'],
          ['Insurer typed', r.callback && r.callback.payerTyped],
        ]),
      );
      $('contacted').textContent = r.contacted ? 'Clear the called mark' : 'Mark the patient as called';
    }
    $('claim-text').textContent = r.claim
      ? 'Claimed by ' + r.claim.by + ' at ' + when(r.claim.at) + '.'
      : 'Nobody has claimed this verification.';
    $('release').hidden = !r.claim;
    $('claim').textContent = r.claim ? 'Take it over' : 'Claim this verification';
    var notes = $('notes');
    notes.textContent = '';
    (r.notes || []).forEach(function (/** @type {any} */ n) {
      notes.appendChild(el('li', {}, [el('strong', {}, [n.by]), ' (' + when(n.at) + '): ', n.text]));
    });
    if (!(r.notes || []).length) notes.appendChild(el('li', {}, ['No notes yet.']));
    if (r.status === 'needs_review') loadCallScript();
    else section('call-script', false);
  }

  /** @type {Record<string, string>} */
  var RECHECK_KIND = { before_start: 'Before the start', monthly: 'Monthly, in care' };
  /** @type {Record<string, string>} */
  var RECHECK_OUTCOME = { unchanged: 'nothing changed', changed: 'coverage changed', inconclusive: 'no clear answer' };

  /** Admission state and re-check history (docs/lifecycle.md, re-verification). @param {any} r */
  function renderCare(r) {
    var a = r.admission;
    var inCare = !!(a && !a.dischargedAt);
    var text;
    if (r.recheckOf) text = 'This is a re-check; the patient is admitted and discharged on the verification it checks again.';
    else if (inCare)
      text =
        'In care: admitted by ' +
        a.admittedBy +
        ' on ' +
        when(a.admittedAt) +
        '. Coverage is verified again on the first business day of each month until discharge.';
    else if (a) text = 'Discharged by ' + a.dischargedBy + ' on ' + when(a.dischargedAt) + '. Monthly re-checks have stopped.';
    else text = 'Not marked admitted. Once the patient starts care, mark them admitted: coverage is then verified again every month.';
    $('care-text').textContent = text;
    $('admit').hidden = inCare || !!r.recheckOf;
    $('discharge').hidden = !inCare;
    var box = $('rechecks');
    box.textContent = '';
    if (r.recheckOf)
      box.appendChild(
        el('li', {}, [
          (RECHECK_KIND[r.recheckOf.kind] || r.recheckOf.kind) + ' re-check of ',
          el('a', { href: '/staff/v/' + r.recheckOf.verificationId }, ['the earlier verification']),
          '.',
        ]),
      );
    (r.rechecks || [])
      .slice()
      .reverse()
      .forEach(function (/** @type {any} */ x) {
        var item = el('li', {}, [
          el('strong', {}, [when(x.at)]),
          ' – ' + (RECHECK_KIND[x.kind] || x.kind) + ': ' + (RECHECK_OUTCOME[x.outcome] || x.outcome) + ' (',
          el('a', { href: '/staff/v/' + x.verificationId }, ['its verification']),
          ')',
        ]);
        if ((x.changes || []).length)
          item.appendChild(
            el(
              'ul',
              {},
              x.changes.map(function (/** @type {any} */ c) {
                return el('li', {}, [c.description]);
              }),
            ),
          );
        box.appendChild(item);
      });
    if (!box.children.length) box.appendChild(el('li', {}, ['No re-check yet.']));
  }

  function loadCallScript() {
    call('GET', api + '/call-script').then(function (res) {
      if (!res.ok) return;
      var box = $('call-script');
      box.textContent = '';
      var s = res.json;
      if (s.patient && s.patient.phone && current && current.callback)
        box.appendChild(el('p', {}, ['Call the patient first: ' + s.patient.phone + '.']));
      if ((s.call || []).length) {
        box.appendChild(el('h3', {}, ['Whom to call']));
        box.appendChild(
          el(
            'ul',
            { class: 'call-list' },
            s.call.map(function (/** @type {any} */ c) {
              return el('li', {}, [el('strong', {}, [c.name]), ' ' + (c.phone || 'number on the card') + ' – ' + c.why]);
            }),
          ),
        );
      }
      box.appendChild(el('h3', {}, ['What to ask']));
      box.appendChild(
        el(
          'ol',
          { class: 'call-list', id: 'call-questions' },
          (s.questions || []).map(function (/** @type {any} */ q) {
            return el('li', {}, [q.ask]);
          }),
        ),
      );
      section('call-script', true);
    });
  }

  /** @param {any} r */
  function render(r) {
    $('load-status').textContent = '';
    renderWork(r);
    renderCare(r);
    // Open the manual form when staff have to act on this verification.
    if (r.status === 'needs_review') $('manual-details').open = true;
    renderOverview(r);
    var reasons = (r.review && r.review.reasons) || [];
    list('review-reasons', reasons);
    section('review', reasons.length > 0);
    var s = r.summary;
    section('eligibility', !!s);
    section('accumulators', !!s);
    section('levels', !!s);
    section('carveout', !!(s && s.carveOut));
    section('messages', !!(s && s.messages && s.messages.length));
    if (!s) return;
    renderEligibility(s.eligibility || {});
    renderAccumulators(s.accumulators || {});
    renderLevels(s.levelsOfCare || {}, r.levelsOfCareRequested || ['IOP', 'PHP', 'OP']);
    if (s.carveOut) {
      $('carveout').textContent = '';
      $('carveout').appendChild(
        terms([
          ['Administrator', s.carveOut.name],
          ['Payer id', s.carveOut.payerId],
          ['Phone', s.carveOut.phone],
          ['Found by', s.carveOut.foundBy],
        ]),
      );
    }
    list('messages', s.messages || []);
  }

  function load(wait) {
    return call('GET', api + (wait ? '?wait=' + wait : '')).then(function (res) {
      if (!res.ok) {
        $('load-status').textContent = res.status === 404 ? 'No such verification.' : 'The verification could not be loaded.';
        return null;
      }
      render(res.json);
      return res.json;
    });
  }

  $('retry').addEventListener('click', function () {
    var button = $('retry');
    button.disabled = true;
    notice('Retrying…');
    call('POST', api + '/retry')
      .then(function (res) {
        if (!res.ok) {
          notice((res.json.error && res.json.error.message) || 'The retry could not be started.', 'bad');
          return null;
        }
        notice('Retry started. Waiting for the payer…');
        render(res.json);
        return load(20).then(function (r) {
          if (r) notice('Status: ' + (STATUS[r.status] || r.status) + '.', r.status === 'completed' ? 'ok' : '');
        });
      })
      .catch(function () {
        notice('The retry could not be started.', 'bad');
      })
      .then(function () {
        button.disabled = false;
      });
  });

  /** @param {string} path @param {any} body @param {string} done */
  function work(path, body, done) {
    return call('POST', api + path, body).then(function (res) {
      if (!res.ok) {
        notice((res.json.error && res.json.error.message) || 'That did not work.', 'bad');
        return;
      }
      render(res.json);
      notice(done, 'ok');
    });
  }
  $('claim').addEventListener('click', function () {
    work('/claim', { force: !!(current && current.claim) }, 'You are working on this verification.');
  });
  $('admit').addEventListener('click', function () {
    work('/admit', {}, 'Marked admitted: coverage is verified again every month until discharge.');
  });
  $('discharge').addEventListener('click', function () {
    work('/discharge', {}, 'Marked discharged: monthly re-checks stop.');
  });
  $('release').addEventListener('click', function () {
    work('/release', {}, 'Released.');
  });
  $('contacted').addEventListener('click', function () {
    work('/contacted', { contacted: !(current && current.contacted) }, 'Saved.');
  });
  $('print').addEventListener('click', function () {
    window.print();
  });
  $('note-form').addEventListener('submit', function (/** @type {Event} */ ev) {
    ev.preventDefault();
    var text = $('note-text').value.trim();
    var err = $('note-text-error');
    err.hidden = !!text;
    err.textContent = text ? '' : 'Write the note first';
    if (!text) {
      $('note-text').focus();
      return;
    }
    work('/notes', { text: text }, 'Note added.').then(function () {
      $('note-text').value = '';
    });
  });

  $('show-x12').addEventListener('click', function () {
    var button = $('show-x12'),
      box = $('x12');
    if (!box.hidden) {
      box.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.textContent = 'Show raw 270/271';
      return;
    }
    call('GET', api + '/x12').then(function (res) {
      box.textContent = '';
      if (!res.ok) box.appendChild(el('p', {}, ['The raw X12 could not be loaded.']));
      else {
        [
          ['sent', '270 sent'],
          ['received', '271 received'],
        ].forEach(function (k) {
          (res.json[k[0]] || []).forEach(function (text, i) {
            box.appendChild(el('h3', {}, [k[1] + ' #' + (i + 1)]));
            // One segment per line for reading.
            box.appendChild(el('pre', { class: 'x12', tabindex: '0' }, [String(text).replace(/~\s*/g, '~\n')]));
          });
        });
        if (!box.childNodes.length) box.appendChild(el('p', {}, ['No X12 was exchanged for this verification.']));
      }
      box.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      button.textContent = 'Hide raw 270/271';
    });
  });

  // --- manual result ---
  var form = $('manual');
  var MONEY = /^\d{1,7}(\.\d{1,2})?$/;
  function v(x) {
    return $(x).value.trim();
  }
  function amount(x, errors) {
    var t = v(x).replace(/[$,]/g, '');
    if (!t) return undefined;
    if (!MONEY.test(t)) {
      errors.push([x, 'Enter an amount like 1500.00']);
      return undefined;
    }
    return Number(t).toFixed(2);
  }
  function bool(x) {
    return v(x) === '' ? undefined : v(x) === 'true';
  }
  function prune(o) {
    Object.keys(o).forEach(function (k) {
      if (o[k] === undefined) delete o[k];
    });
    return Object.keys(o).length ? o : undefined;
  }
  function network(level, net, errors) {
    var base = 'm-' + level + '-' + net;
    var coins = v(base + '-coins').replace('%', '');
    var pct;
    if (coins) {
      if (!/^\d{1,3}$/.test(coins) || Number(coins) > 100) errors.push([base + '-coins', 'Enter a whole percentage from 0 to 100']);
      else pct = Number(coins);
    }
    var limits;
    var qty = v(base + '-lim-qty'),
      rem = v(base + '-lim-rem');
    if (qty && !/^\d{1,4}$/.test(qty)) errors.push([base + '-lim-qty', 'Enter the limit as a whole number']);
    else if (rem && !/^\d{1,4}$/.test(rem)) errors.push([base + '-lim-rem', 'Enter what is left as a whole number']);
    else if (qty)
      limits = [
        prune({
          quantity: Number(qty),
          unit: v(base + '-lim-unit'),
          period: v(base + '-lim-period'),
          remaining: rem ? Number(rem) : undefined,
        }),
      ];
    return prune({
      copay: amount(base + '-copay', errors),
      copayPer: v(base + '-per') || undefined,
      coinsurancePercent: pct,
      deductibleApplies: bool(base + '-ded'),
      limits: limits,
    });
  }

  function collect(errors) {
    var body = { referenceNumber: v('m-ref'), representative: v('m-rep'), levelsOfCare: {} };
    if (!body.referenceNumber) errors.push(['m-ref', 'Enter the payer’s reference number for the call']);
    if (!body.representative) errors.push(['m-rep', 'Enter the representative’s name']);
    var elig = form.querySelector('input[name="m-elig"]:checked');
    if (!elig) errors.push(['m-elig-active', 'Choose whether the plan is active']);
    else body.eligibilityStatus = elig.value;
    if (v('m-notes')) body.notes = v('m-notes');
    var ded = prune({ total: amount('m-ded-total', errors), remaining: amount('m-ded-rem', errors) });
    var oop = prune({ total: amount('m-oop-total', errors), remaining: amount('m-oop-rem', errors) });
    if (ded) body.deductible = ded;
    if (oop) body.outOfPocketMax = oop;
    /** @param {string} a @param {string} b */
    function pair(a, b) {
      return prune({ total: amount(a, errors), remaining: amount(b, errors) });
    }
    var more = {
      familyDeductible: pair('m-fded-total', 'm-fded-rem'),
      familyOutOfPocketMax: pair('m-foop-total', 'm-foop-rem'),
      outOfNetworkDeductible: pair('m-oded-total', 'm-oded-rem'),
      outOfNetworkOutOfPocketMax: pair('m-ooop-total', 'm-ooop-rem'),
    };
    Object.keys(more).forEach(function (k) {
      if (/** @type {any} */ (more)[k]) body[k] = /** @type {any} */ (more)[k];
    });
    if (v('m-co-name')) body.carveOut = prune({ name: v('m-co-name'), phone: v('m-co-phone') || undefined });
    if (v('m-call-time')) {
      var t = new Date(v('m-call-time'));
      if (isNaN(t.getTime())) errors.push(['m-call-time', 'Enter the date and time of the call']);
      else body.callTime = t.toISOString();
    }
    ['IOP', 'PHP', 'OP'].forEach(function (level) {
      var status = v('m-' + level + '-status');
      var inN = network(level, 'in', errors),
        outN = network(level, 'out', errors);
      if (!status) return;
      body.levelsOfCare[level] = prune({
        status: status,
        priorAuthorizationRequired: bool('m-' + level + '-pa'),
        priorAuthorizationPhone: v('m-' + level + '-pa-phone') || undefined,
        inNetwork: inN,
        outOfNetwork: outN,
      });
    });
    if (!Object.keys(body.levelsOfCare).length) errors.push(['m-IOP-status', 'Record the coverage of at least one level of care']);
    return body;
  }

  function clearErrors() {
    $('manual-errors').hidden = true;
    $('manual-error-list').textContent = '';
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) {
      p.hidden = true;
      p.textContent = '';
    });
    Array.prototype.forEach.call(form.querySelectorAll('.has-error'), function (f) {
      f.classList.remove('has-error');
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (i) {
      i.removeAttribute('aria-invalid');
      i.removeAttribute('aria-describedby');
    });
  }

  function showErrors(errors) {
    clearErrors();
    errors.forEach(function (e) {
      var input = e[0] ? $(e[0]) : null;
      var li = el('li');
      if (input) {
        var wrap = input.closest('.field');
        var msg = $(e[0] + '-error');
        if (wrap) wrap.classList.add('has-error');
        if (msg && msg.hidden) {
          msg.textContent = e[1];
          msg.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', e[0] + '-error');
        }
        var a = el('a', { href: '#' + e[0] }, [e[1]]);
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          input.focus();
        });
        li.appendChild(a);
      } else li.textContent = e[1];
      $('manual-error-list').appendChild(li);
    });
    $('manual-errors').hidden = false;
    $('manual-errors').focus();
  }

  /** The input for an API field path such as "levelsOfCare.IOP.inNetwork.copay". */
  function inputFor(path) {
    var wrap = form.querySelector('[data-field="' + path + '"]');
    var input = wrap && wrap.querySelector('input, select, textarea');
    return input ? input.id : null;
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var errors = [];
    var body = collect(errors);
    if (errors.length) {
      showErrors(errors);
      return;
    }
    clearErrors();
    var button = $('manual-submit');
    button.disabled = true;
    call('POST', api + '/manual-result', body)
      .then(function (res) {
        if (res.status === 400) {
          showErrors(
            ((res.json.error && res.json.error.details) || [{ message: res.json.error ? res.json.error.message : 'Invalid' }]).map(
              function (d) {
                return [d.field ? inputFor(d.field) : null, (d.field ? d.field + ': ' : '') + d.message];
              },
            ),
          );
        } else if (!res.ok) {
          showErrors([[null, (res.json.error && res.json.error.message) || 'The manual result could not be saved.']]);
        } else {
          render(res.json);
          notice('Manual result recorded. The verification is ' + (STATUS[res.json.status] || res.json.status).toLowerCase() + '.', 'ok');
          $('notice').scrollIntoView({ block: 'center' });
        }
      })
      .catch(function () {
        showErrors([[null, 'The manual result could not be saved.']]);
      })
      .then(function () {
        button.disabled = false;
      });
  });

  load(0).then(function (r) {
    // Still running: wait once for the payer so the page fills in by itself.
    if (r && (r.status === 'queued' || r.status === 'in_progress')) return load(20);
    return null;
  });
})();
