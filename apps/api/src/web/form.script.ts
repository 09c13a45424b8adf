import { asset } from './html';

// The public form's script, served as /assets/form.js (no inline script, so a strict CSP holds).
// Plain ES2017 for every browser a patient may use; kept free of backticks for String.raw.
const JS = String.raw`// Public insurance check form. Contact details and consent are kept in this page only: they are
// not part of the verification API and are never sent to it.
(function () {
  'use strict';
  var NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;
  var MEMBER_ID = /^[A-Za-z0-9-]+$/;
  var LEVEL_NAMES = { IOP: 'Intensive outpatient care (IOP)', PHP: 'Partial hospitalization (PHP)', OP: 'Outpatient care (OP)' };
  // What a patient reads when the API rejects a field; the API's own wording is for developers.
  var API_MESSAGES = {
    payer: 'We could not find that insurance company. Check the name on your card, or choose it from the list.',
    network: 'Tell us which insurance company is named on your card.',
    'member.id': 'Check your member ID. Enter it exactly as it appears on your insurance card.',
    'subscriber.id': 'Check your member ID. Enter it exactly as it appears on your insurance card.',
    'member.firstName': 'Check your first name. Use letters, spaces, apostrophes, hyphens and periods only.',
    'member.lastName': 'Check your last name. Use letters, spaces, apostrophes, hyphens and periods only.',
    'member.dateOfBirth': 'Check your date of birth. Enter a real date, like 04/12/1990.',
    'subscriber.firstName': 'Check the policy holder’s first name.',
    'subscriber.lastName': 'Check the policy holder’s last name.',
    'subscriber.dateOfBirth': 'Check the policy holder’s date of birth. Enter a real date, like 04/12/1990.'
  };

  var form = document.getElementById('verify-form');
  var payer = document.getElementById('payer');
  var notHolder = document.getElementById('not-holder');
  var summary = document.getElementById('error-summary');
  var errorList = document.getElementById('error-list');
  var progress = document.getElementById('progress');
  var progressText = document.getElementById('progress-text');
  var result = document.getElementById('result');
  var resultBody = document.getElementById('result-body');
  var submit = document.getElementById('submit');

  function $(id) { return document.getElementById(id); }
  function val(id) { return $(id).value.trim(); }
  function show(el, on) { el.hidden = !on; }

  function selectedKind() {
    var opt = payer.options[payer.selectedIndex];
    return opt ? (opt.getAttribute('data-kind') || (opt.value === 'other' ? 'other' : '')) : '';
  }

  function syncPayer() {
    var kind = selectedKind();
    show($('other-payer-field'), kind === 'other');
    show($('card-payer-field'), kind === 'network');
    if (kind === 'network') $('network-name').textContent = payer.options[payer.selectedIndex].text;
  }
  function syncHolder() {
    show($('subscriber-fields'), notHolder.checked);
    notHolder.setAttribute('aria-expanded', String(notHolder.checked));
  }
  payer.addEventListener('change', syncPayer);
  notHolder.addEventListener('change', syncHolder);
  syncPayer();
  syncHolder();

  /** MM/DD/YYYY (or YYYY-MM-DD) to YYYY-MM-DD; null when it is not a real date. */
  function parseDate(text) {
    var m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(text);
    var y, mo, d;
    if (m) { mo = +m[1]; d = +m[2]; y = +m[3]; }
    else {
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      if (!m) return null;
      y = +m[1]; mo = +m[2]; d = +m[3];
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return date.toISOString().slice(0, 10);
  }

  function checkName(id, label, max, errors) {
    var v = val(id);
    if (!v) errors.push([id, 'Enter ' + label]);
    else if (v.length > max) errors.push([id, cap(label) + ' must be ' + max + ' characters or fewer']);
    else if (!NAME.test(v)) errors.push([id, cap(label) + ' can only include letters, spaces, apostrophes, hyphens and periods']);
    return v;
  }
  function checkDob(id, label, errors) {
    var v = val(id);
    if (!v) { errors.push([id, 'Enter ' + label]); return ''; }
    var iso = parseDate(v);
    var today = new Date().toISOString().slice(0, 10);
    if (!iso) errors.push([id, cap(label) + ' must be a real date, like 04/12/1990']);
    else if (iso > today) errors.push([id, cap(label) + ' must be in the past']);
    else if (iso < '1900-01-01') errors.push([id, cap(label) + ' must be in 1900 or later']);
    return iso || '';
  }
  function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  /** Mirrors the API's validation; returns the request body and the page-only contact details. */
  function collect(errors) {
    var body = { member: {} };
    var kind = selectedKind();
    if (!payer.value) errors.push(['payer', 'Choose your insurance company']);
    else if (kind === 'other') {
      if (!val('payer-other')) errors.push(['payer-other', 'Enter the name of your insurance company']);
      else if (val('payer-other').length > 100) errors.push(['payer-other', 'Insurance company name must be 100 characters or fewer']);
      body.payer = val('payer-other');
    } else if (kind === 'network') {
      if (!val('card-payer')) errors.push(['card-payer', 'Enter the insurance company named on your card']);
      else if (val('card-payer').length > 100) errors.push(['card-payer', 'Insurance company name must be 100 characters or fewer']);
      body.payer = val('card-payer');
      body.network = payer.value;
    } else body.payer = payer.value;

    // Cards often print the ID in groups; spaces are not part of it.
    var memberId = val('member-id').replace(/\s+/g, '');
    if (!memberId) errors.push(['member-id', 'Enter your member ID']);
    else if (memberId.length < 2 || memberId.length > 80) errors.push(['member-id', 'Member ID must be between 2 and 80 characters']);
    else if (!MEMBER_ID.test(memberId)) errors.push(['member-id', 'Member ID can only include letters, numbers and hyphens']);

    body.member.firstName = checkName('member-first', 'your first name', 35, errors);
    body.member.lastName = checkName('member-last', 'your last name', 60, errors);
    body.member.dateOfBirth = checkDob('member-dob', 'your date of birth', errors);
    if (notHolder.checked) {
      // The card's ID belongs to the policy holder when the patient is a dependent.
      body.subscriber = {
        id: memberId,
        firstName: checkName('subscriber-first', 'the policy holder’s first name', 35, errors),
        lastName: checkName('subscriber-last', 'the policy holder’s last name', 60, errors),
        dateOfBirth: checkDob('subscriber-dob', 'the policy holder’s date of birth', errors)
      };
    } else body.member.id = memberId;

    var loc = form.querySelector('input[name="loc"]:checked');
    if (loc && loc.value) body.levelsOfCare = [loc.value];

    var contact = { phone: val('contact-phone'), email: val('contact-email') };
    var digits = contact.phone.replace(/\D/g, '');
    if (!contact.phone && !contact.email) errors.push(['contact-phone', 'Enter a phone number or an email address so we can contact you']);
    if (contact.phone && (digits.length < 10 || digits.length > 15 || /[^\d\s()+.-]/.test(contact.phone))) errors.push(['contact-phone', 'Enter a phone number, like 714 555 0123']);
    if (contact.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) errors.push(['contact-email', 'Enter an email address in the correct format, like name@example.com']);
    if (!$('consent').checked) errors.push(['consent', 'Check the box to let the admissions team contact you']);
    return { body: body, contact: contact };
  }

  function clearErrors() {
    show(summary, false);
    errorList.textContent = '';
    var fields = form.querySelectorAll('.has-error');
    for (var i = 0; i < fields.length; i++) fields[i].classList.remove('has-error');
    var msgs = form.querySelectorAll('.field-error');
    for (var j = 0; j < msgs.length; j++) { msgs[j].hidden = true; msgs[j].textContent = ''; }
    var inputs = form.querySelectorAll('[aria-invalid]');
    for (var k = 0; k < inputs.length; k++) {
      inputs[k].removeAttribute('aria-invalid');
      var ids = (inputs[k].getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && !/-error$/.test(x); });
      if (ids.length) inputs[k].setAttribute('aria-describedby', ids.join(' ')); else inputs[k].removeAttribute('aria-describedby');
    }
  }

  /** errors: [inputId | null, message]; shown next to each field and in the summary, which gets focus. */
  function showErrors(errors) {
    clearErrors();
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var input = e[0] && $(e[0]);
      if (input) {
        var wrap = input.closest('.field');
        var msg = $(e[0] + '-error');
        if (wrap) wrap.classList.add('has-error');
        if (msg && msg.hidden) {
          msg.textContent = e[1];
          msg.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          var ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
          ids.unshift(e[0] + '-error');
          input.setAttribute('aria-describedby', ids.join(' '));
        }
        var a = document.createElement('a');
        a.href = '#' + e[0];
        a.textContent = e[1];
        a.addEventListener('click', function (ev) { ev.preventDefault(); input.focus(); input.scrollIntoView({ block: 'center' }); });
        li.appendChild(a);
      } else li.textContent = e[1];
      errorList.appendChild(li);
    });
    show(form, true);
    show(summary, true);
    summary.focus();
  }

  /** The visible input for an API field path, e.g. "member.firstName" or "payer". */
  function inputFor(field) {
    if (field === 'subscriber.id') field = 'member.id';
    if (field === 'network') field = 'payer';
    var wraps = form.querySelectorAll('[data-field="' + field + '"]');
    for (var i = wraps.length - 1; i >= 0; i--) {
      if (!wraps[i].hidden && !wraps[i].closest('[hidden]')) return wraps[i].getAttribute('data-input');
    }
    return null;
  }

  function apiErrors(details) {
    var errors = (details || []).map(function (d) {
      return [d.field ? inputFor(d.field) : null, API_MESSAGES[d.field] || d.message];
    });
    if (!errors.length) errors.push([null, 'Some details could not be accepted. Please check them and try again.']);
    showErrors(errors);
  }

  function busy(on, text) {
    submit.disabled = on;
    show(progress, on);
    if (text) progressText.textContent = text;
  }

  function request(method, url, body) {
    // credentials: 'omit' so a staff session in the same browser never turns this into a staff request.
    var init = { method: method, credentials: 'omit', headers: { Accept: 'application/json' } };
    if (body) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { status: res.status, json: json }; });
    });
  }

  function pending(record) { return record.status === 'queued' || record.status === 'in_progress'; }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var errors = [];
    var data = collect(errors);
    if (errors.length) { showErrors(errors); return; }
    clearErrors();
    show(result, false);
    busy(true, 'Checking your coverage with your insurance company… This usually takes a few seconds.');
    request('POST', '/v1/verifications?wait=20', data.body).then(function (res) {
      if (res.status === 400) { busy(false); apiErrors(res.json.error && res.json.error.details); return null; }
      if (res.status !== 202 && res.status !== 200) throw res;
      if (!pending(res.json)) return res.json;
      busy(true, 'Still checking. Some insurance companies take a little longer to answer…');
      return request('GET', '/v1/verifications/' + encodeURIComponent(res.json.id) + '?wait=20').then(function (again) {
        return again.status === 200 ? again.json : res.json;
      });
    }).then(function (record) {
      if (record) render(record, data.contact);
    }).catch(function (failure) {
      busy(false);
      var status = failure && failure.status;
      showErrors([[null, status === 429
        ? 'We are getting a lot of requests right now. Please wait a minute and try again.'
        : 'We could not reach our system just now. Please try again in a few minutes.']]);
    });
  });

  function para(text, cls) {
    var p = document.createElement('p');
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  }

  function reachYou(contact) {
    if (contact.phone) return ' and call you at ' + contact.phone + '.';
    return ' and email you at ' + contact.email + '.';
  }

  function render(record, contact) {
    busy(false);
    resultBody.textContent = '';
    var box = document.createElement('div');
    var levels = record.levelsOfCare || {};
    var settled = record.status === 'completed' || record.status === 'needs_review';
    if (pending(record)) {
      box.className = 'notice warn';
      box.appendChild(para('This is taking longer than usual.', 'strong'));
      box.appendChild(para('Your request is saved. An admissions coordinator will finish checking your coverage' + reachYou(contact) + ' You do not need to stay on this page.'));
    } else if (settled && record.coverageActive === true) {
      box.className = 'notice ok';
      box.appendChild(para('Your plan is active.'));
      var ul = document.createElement('ul');
      ul.className = 'result-list';
      var allCovered = true;
      ['IOP', 'PHP', 'OP'].forEach(function (l) {
        if (!levels[l]) return;
        var li = document.createElement('li');
        if (levels[l] === 'covered') li.textContent = LEVEL_NAMES[l] + ' appears to be covered.';
        else if (levels[l] === 'not_covered') { li.textContent = LEVEL_NAMES[l] + ' does not appear to be covered by your plan.'; allCovered = false; }
        else { li.textContent = LEVEL_NAMES[l] + ': we need to confirm this with your insurance company.'; allCovered = false; }
        ul.appendChild(li);
      });
      box.appendChild(ul);
      box.appendChild(para((allCovered ? 'An admissions coordinator will confirm the details' : 'An admissions coordinator will check the details with your insurance company') + reachYou(contact)));
    } else if (settled && record.coverageActive === false) {
      box.className = 'notice bad';
      box.appendChild(para('Your insurance company says this plan is not active right now.'));
      box.appendChild(para('This can happen when a plan has ended or changed. An admissions coordinator will go over your options with you' + reachYou(contact)));
    } else {
      box.className = 'notice warn';
      box.appendChild(para('We could not confirm your coverage online, but a person can.'));
      box.appendChild(para('Sometimes a detail such as the member ID or date of birth does not match what your insurance company has on file. An admissions coordinator will check with your insurance company' + reachYou(contact)));
    }
    resultBody.appendChild(box);
    resultBody.appendChild(para('Most clients start within 24–48 hours, by telehealth or in person. Checking your coverage does not commit you to anything.'));
    show(form, false);
    show(result, true);
    result.focus();
  }

  $('start-over').addEventListener('click', function () {
    show(result, false);
    show(form, true);
    payer.focus();
  });
})();
`;

export const FORM_SCRIPT = asset('form.js', 'text/javascript; charset=utf-8', JS);
