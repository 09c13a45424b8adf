// @ts-check
// Public insurance check form. Sends the request, with the patient's contact details for the
// call back, to the verification API; without JavaScript the same form posts to the server.
(function () {
  'use strict';
  var NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;
  var MEMBER_ID = /^[A-Za-z0-9-]+$/;
  var LEVEL_NAMES = { IOP: 'Intensive outpatient care (IOP)', PHP: 'Partial hospitalization (PHP)', OP: 'Outpatient care (OP)' };
  // What a patient reads when the API rejects a field; the API's own wording is for developers.
  /** @type {Record<string, string>} */
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
    'subscriber.dateOfBirth': 'Check the policy holder’s date of birth. Enter a real date, like 04/12/1990.',
    'contact.phone': 'Enter a phone number, like 714 555 0123.',
    'contact.email': 'Enter an email address in the correct format, like name@example.com.',
  };

  /** @param {string} id @returns {HTMLElement} */
  function $(id) {
    var node = document.getElementById(id);
    if (!node) throw new Error('missing #' + id);
    return node;
  }
  /** @param {string} id @returns {HTMLInputElement} */
  function input(id) {
    return /** @type {HTMLInputElement} */ ($(id));
  }
  /** @param {string} id */
  function val(id) {
    return input(id).value.trim();
  }
  /** @param {HTMLElement} el @param {boolean} on */
  function show(el, on) {
    el.hidden = !on;
  }

  var form = /** @type {HTMLFormElement} */ ($('verify-form'));
  var payer = /** @type {HTMLSelectElement} */ ($('payer'));
  var notHolder = input('not-holder');
  var summary = $('error-summary');
  var errorList = $('error-list');
  var progress = $('progress');
  var result = $('result');
  var resultBody = $('result-body');
  var submit = /** @type {HTMLButtonElement} */ ($('submit'));
  var centerPhone = form.getAttribute('data-center-phone') || '';

  function selectedKind() {
    var opt = payer.options[payer.selectedIndex];
    return opt ? opt.getAttribute('data-kind') || (opt.value === 'other' ? 'other' : '') : '';
  }

  // Without JavaScript every field is shown (the server reads what applies); here only the relevant ones.
  function syncPayer() {
    var kind = selectedKind();
    show($('other-payer-field'), kind === 'other');
    show($('card-payer-field'), kind === 'network');
    show($('member-id-field'), kind !== 'self-pay');
  }
  function syncHolder() {
    show($('subscriber-fields'), notHolder.checked);
    notHolder.setAttribute('aria-expanded', String(notHolder.checked));
  }
  payer.addEventListener('change', syncPayer);
  notHolder.addEventListener('change', syncHolder);
  syncPayer();
  syncHolder();
  // Labels written for the no-JavaScript page ("if you chose Other") read plainly once fields come and go.
  /** @param {string} id @param {string} tag @param {string} text */
  function relabel(id, tag, text) {
    var node = $(id).querySelector(tag);
    if (node) node.textContent = text;
  }
  relabel('other-payer-field', 'label', 'Name of your insurance company');
  relabel('card-payer-field', 'label', 'Which insurance company is named on your card?');
  relabel('subscriber-fields', 'legend', 'The policy holder');
  $('member-id-hint').textContent = 'The ID on your insurance card, letters and numbers only.';

  /** MM/DD/YYYY (or YYYY-MM-DD) to YYYY-MM-DD; null when it is not a real date. @param {string} text */
  function parseDate(text) {
    var m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(text);
    var y, mo, d;
    if (m) {
      mo = +m[1];
      d = +m[2];
      y = +m[3];
    } else {
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      if (!m) return null;
      y = +m[1];
      mo = +m[2];
      d = +m[3];
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return date.toISOString().slice(0, 10);
  }

  /** @param {string} s */
  function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  /** @typedef {[string | null, string]} FieldError */
  /** @param {string} id @param {string} label @param {number} max @param {FieldError[]} errors */
  function checkName(id, label, max, errors) {
    var v = val(id);
    if (!v) errors.push([id, 'Enter ' + label]);
    else if (v.length > max) errors.push([id, cap(label) + ' must be ' + max + ' characters or fewer']);
    else if (!NAME.test(v)) errors.push([id, cap(label) + ' can only include letters, spaces, apostrophes, hyphens and periods']);
    return v;
  }
  /** @param {string} id @param {string} label @param {FieldError[]} errors */
  function checkDob(id, label, errors) {
    var v = val(id);
    if (!v) {
      errors.push([id, 'Enter ' + label]);
      return '';
    }
    var iso = parseDate(v);
    var today = new Date().toISOString().slice(0, 10);
    if (!iso) errors.push([id, cap(label) + ' must be a real date, like 04/12/1990']);
    else if (iso > today) errors.push([id, cap(label) + ' must be in the past']);
    else if (iso < '1900-01-01') errors.push([id, cap(label) + ' must be in 1900 or later']);
    return iso || '';
  }

  /**
   * Mirrors the API's validation; returns the request body (contact details included).
   * @param {FieldError[]} errors
   */
  function collect(errors) {
    /** @type {any} */
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

    // Cards often print the ID in groups; spaces are not part of it. No insurance, no ID.
    var memberId = kind === 'self-pay' ? '' : val('member-id').replace(/\s+/g, '');
    if (kind !== 'self-pay') {
      if (!memberId) errors.push(['member-id', 'Enter your member ID']);
      else if (memberId.length < 2 || memberId.length > 80) errors.push(['member-id', 'Member ID must be between 2 and 80 characters']);
      else if (!MEMBER_ID.test(memberId)) errors.push(['member-id', 'Member ID can only include letters, numbers and hyphens']);
    }

    body.member.firstName = checkName('member-first', 'your first name', 35, errors);
    body.member.lastName = checkName('member-last', 'your last name', 60, errors);
    body.member.dateOfBirth = checkDob('member-dob', 'your date of birth', errors);
    if (notHolder.checked) {
      // The card's ID belongs to the policy holder when the patient is a dependent.
      body.subscriber = {
        firstName: checkName('subscriber-first', 'the policy holder’s first name', 35, errors),
        lastName: checkName('subscriber-last', 'the policy holder’s last name', 60, errors),
        dateOfBirth: checkDob('subscriber-dob', 'the policy holder’s date of birth', errors),
      };
      if (memberId) body.subscriber.id = memberId;
    } else if (memberId) body.member.id = memberId;

    var loc = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="loc"]:checked'));
    if (loc && loc.value) body.levelsOfCare = [loc.value];

    var phone = val('contact-phone'),
      email = val('contact-email');
    var digits = phone.replace(/\D/g, '');
    if (!phone && !email) errors.push(['contact-phone', 'Enter a phone number or an email address so we can contact you']);
    if (phone && (digits.length < 10 || digits.length > 15 || /[^\d\s()+.-]/.test(phone)))
      errors.push(['contact-phone', 'Enter a phone number, like 714 555 0123']);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push(['contact-email', 'Enter an email address in the correct format, like name@example.com']);
    if (!input('consent').checked) errors.push(['consent', 'Check the box to let the admissions team contact you']);
    body.contact = { consentToContact: true, preferredTime: val('contact-time') || 'Any time' };
    if (phone) body.contact.phone = phone;
    if (email) body.contact.email = email;
    return body;
  }

  function clearErrors() {
    show(summary, false);
    errorList.textContent = '';
    var fields = form.querySelectorAll('.has-error');
    for (var i = 0; i < fields.length; i++) fields[i].classList.remove('has-error');
    var msgs = form.querySelectorAll('.field-error');
    for (var j = 0; j < msgs.length; j++) {
      /** @type {HTMLElement} */ (msgs[j]).hidden = true;
      msgs[j].textContent = '';
    }
    var inputs = form.querySelectorAll('[aria-invalid]');
    for (var k = 0; k < inputs.length; k++) {
      inputs[k].removeAttribute('aria-invalid');
      var ids = (inputs[k].getAttribute('aria-describedby') || '').split(' ').filter(function (x) {
        return x && !/-error$/.test(x);
      });
      if (ids.length) inputs[k].setAttribute('aria-describedby', ids.join(' '));
      else inputs[k].removeAttribute('aria-describedby');
    }
  }

  /** Shown next to each field and in the summary, which gets focus. @param {FieldError[]} errors */
  function showErrors(errors) {
    clearErrors();
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var field = e[0] ? document.getElementById(e[0]) : null;
      if (field) {
        var target = field;
        var wrap = field.closest('.field');
        var msg = document.getElementById(e[0] + '-error');
        if (wrap) wrap.classList.add('has-error');
        if (msg && msg.hidden) {
          msg.textContent = e[1];
          msg.hidden = false;
          field.setAttribute('aria-invalid', 'true');
          var ids = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
          ids.unshift(e[0] + '-error');
          field.setAttribute('aria-describedby', ids.join(' '));
        }
        var a = document.createElement('a');
        a.href = '#' + e[0];
        a.textContent = e[1];
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          target.focus();
          target.scrollIntoView({ block: 'center' });
        });
        li.appendChild(a);
      } else li.textContent = e[1];
      errorList.appendChild(li);
    });
    show(form, true);
    show(summary, true);
    summary.focus();
  }

  /** The visible input for an API field path, e.g. "member.firstName" or "payer". @param {string} field */
  function inputFor(field) {
    if (field === 'subscriber.id') field = 'member.id';
    if (field === 'network') field = 'payer';
    if (field === 'contact') field = 'contact.phone';
    var wraps = form.querySelectorAll('[data-field="' + field + '"]');
    for (var i = wraps.length - 1; i >= 0; i--) {
      var wrap = /** @type {HTMLElement} */ (wraps[i]);
      if (!wrap.hidden && !wrap.closest('[hidden]')) return wrap.getAttribute('data-input');
    }
    return null;
  }

  /** @param {{ field?: string, message: string }[] | undefined} details */
  function apiErrors(details) {
    /** @type {FieldError[]} */
    var errors = (details || []).map(function (d) {
      /** @type {FieldError} */
      var e = [d.field ? inputFor(d.field) : null, (d.field && API_MESSAGES[d.field]) || d.message];
      return e;
    });
    if (!errors.length) errors.push([null, 'Some details could not be accepted. Please check them and try again.']);
    showErrors(errors);
  }

  /**
   * The progress notice sits above the form, is announced (role=status, aria-live) and is
   * scrolled into view, so a slow payer never looks like a frozen page.
   * @param {boolean} on @param {string} [text]
   */
  function busy(on, text) {
    submit.disabled = on;
    progress.textContent = '';
    if (!on) return;
    var box = document.createElement('div');
    box.className = 'notice progress';
    var spin = document.createElement('span');
    spin.className = 'spinner';
    spin.setAttribute('aria-hidden', 'true');
    var p = document.createElement('p');
    p.id = 'progress-text';
    p.textContent = text || '';
    box.appendChild(spin);
    box.appendChild(p);
    progress.appendChild(box);
    show(form, false);
    progress.scrollIntoView({ block: 'start' });
    progress.focus();
  }

  /** @param {string} method @param {string} url @param {unknown} [body] */
  function request(method, url, body) {
    // credentials: 'omit' so a staff session in the same browser never turns this into a staff request.
    /** @type {RequestInit & { headers: Record<string, string> }} */
    var init = { method: method, credentials: 'omit', headers: { Accept: 'application/json' } };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (json) {
          return { status: res.status, json: json };
        });
    });
  }

  /** @param {any} record */
  function pending(record) {
    return record.status === 'queued' || record.status === 'in_progress';
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    /** @type {FieldError[]} */
    var errors = [];
    var body = collect(errors);
    if (errors.length) {
      showErrors(errors);
      return;
    }
    clearErrors();
    show(result, false);
    busy(true, 'Checking your coverage with your insurance company… This usually takes a few seconds.');
    request('POST', '/v1/verifications?wait=20', body)
      .then(function (res) {
        if (res.status === 400) {
          busy(false);
          apiErrors(res.json.error && res.json.error.details);
          return null;
        }
        if (res.status !== 202 && res.status !== 200) throw res;
        if (!pending(res.json)) return res.json;
        busy(true, 'Still checking. Some insurance companies take a little longer to answer… Your request is saved.');
        return request('GET', '/v1/verifications/' + encodeURIComponent(res.json.id) + '?wait=20').then(function (again) {
          return again.status === 200 ? again.json : res.json;
        });
      })
      .then(function (record) {
        if (record) render(record, body.contact);
      })
      .catch(function (failure) {
        busy(false);
        var status = failure && failure.status;
        showErrors([
          [
            null,
            status === 429
              ? 'We are getting a lot of requests right now. Please wait a minute and try again.'
              : 'We could not reach our system just now. Please try again in a few minutes.' +
                (centerPhone ? ' You can also call us at ' + centerPhone + '.' : ''),
          ],
        ]);
      });
  });

  /** @param {string} text @param {string} [cls] */
  function para(text, cls) {
    var p = document.createElement('p');
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  }

  /** @param {{ phone?: string, email?: string }} contact */
  function reachYou(contact) {
    if (contact.phone) return ' and call you at ' + contact.phone + '.';
    if (contact.email) return ' and email you at ' + contact.email + '.';
    return '.';
  }

  /** The same words as the page rendered without JavaScript (patient-result.ts). @param {any} record @param {{ phone?: string, email?: string }} contact */
  function render(record, contact) {
    busy(false);
    resultBody.textContent = '';
    var box = document.createElement('div');
    /** @type {Record<string, string>} */
    var levels = record.levelsOfCare || {};
    var settled = record.status === 'completed' || record.status === 'needs_review';
    if (record.callback) {
      box.className = 'notice warn';
      box.appendChild(
        para(
          record.callback === 'self_pay'
            ? 'Thank you. We saved your request.'
            : 'We could not check this insurance online, but we saved your request.',
        ),
      );
      box.appendChild(
        para(
          (record.callback === 'self_pay'
            ? 'An admissions coordinator will go over self-pay options and costs with you'
            : record.callback === 'not_accepted'
              ? 'We may not work with this insurance company. An admissions coordinator will talk with you about your options'
              : 'An admissions coordinator will confirm your insurance company and check your benefits by phone') + reachYou(contact),
        ),
      );
    } else if (pending(record)) {
      box.className = 'notice warn';
      box.appendChild(para('This is taking longer than usual.', 'strong'));
      box.appendChild(
        para(
          'Your request is saved. An admissions coordinator will finish checking your coverage' +
            reachYou(contact) +
            ' You do not need to stay on this page.',
        ),
      );
    } else if (settled && record.coverageActive === true) {
      box.className = 'notice ok';
      box.appendChild(para('Your plan is active.'));
      var ul = document.createElement('ul');
      ul.className = 'result-list';
      var allCovered = true;
      ['IOP', 'PHP', 'OP'].forEach(function (l) {
        if (!levels[l]) return;
        var name = LEVEL_NAMES[/** @type {'IOP' | 'PHP' | 'OP'} */ (l)];
        var li = document.createElement('li');
        if (levels[l] === 'covered') li.textContent = name + ' appears to be covered.';
        else if (levels[l] === 'not_covered') {
          li.textContent = name + ' does not appear to be covered by your plan.';
          allCovered = false;
        } else {
          li.textContent = name + ': we need to confirm this with your insurance company.';
          allCovered = false;
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
      box.appendChild(
        para(
          (allCovered
            ? 'An admissions coordinator will confirm the details'
            : 'An admissions coordinator will check the details with your insurance company') + reachYou(contact),
        ),
      );
    } else if (settled && record.coverageActive === false) {
      box.className = 'notice bad';
      box.appendChild(para('Your insurance company says this plan is not active right now.'));
      box.appendChild(
        para(
          'This can happen when a plan has ended or changed. An admissions coordinator will go over your options with you' +
            reachYou(contact),
        ),
      );
    } else {
      box.className = 'notice warn';
      box.appendChild(para('We could not confirm your coverage online, but a person can.'));
      box.appendChild(
        para(
          'Sometimes a detail such as the member ID or date of birth does not match what your insurance company has on file. An admissions coordinator will check with your insurance company' +
            reachYou(contact),
        ),
      );
    }
    resultBody.appendChild(box);
    if (record.reference) {
      var ref = para('', 'reference');
      ref.appendChild(document.createTextNode('Your reference: '));
      var strong = document.createElement('strong');
      strong.id = 'reference';
      strong.textContent = record.reference;
      ref.appendChild(strong);
      ref.appendChild(document.createTextNode('. Please have it ready if you call us.'));
      resultBody.appendChild(ref);
    }
    var phone = record.centerPhone || centerPhone;
    if (phone) {
      var call = para('Questions? Call our admissions team at ');
      var a = document.createElement('a');
      a.href = 'tel:' + phone.replace(/[^0-9+]/g, '');
      a.textContent = phone;
      call.appendChild(a);
      call.appendChild(document.createTextNode('.'));
      resultBody.appendChild(call);
    }
    resultBody.appendChild(
      para('Most clients start within 24–48 hours, by telehealth or in person. Checking your coverage does not commit you to anything.'),
    );
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
