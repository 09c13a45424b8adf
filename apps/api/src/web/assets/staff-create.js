// @ts-check
// Start a verification from the dashboard: the body of POST /v1/verifications; the API validates
// (the same DTO as every caller) and its 400 details land on the fields.
(function () {
  'use strict';
  /** @param {string} id @returns {HTMLInputElement} */
  function $(id) {
    var node = document.getElementById(id);
    if (!node) throw new Error('missing #' + id);
    return /** @type {HTMLInputElement} */ (node);
  }
  /** @param {string} id */
  function v(id) {
    return $(id).value.trim();
  }
  var form = /** @type {HTMLFormElement} */ (document.getElementById('create'));
  var list = $('create-error-list');
  var summary = $('create-errors');
  /** @param {string} path */
  function inputFor(path) {
    var wrap = form.querySelector('[data-field="' + path + '"]');
    var input = wrap && wrap.querySelector('input, select');
    return input ? input.id : null;
  }
  /** @param {{ field?: string, message: string }[]} details */
  function showErrors(details) {
    list.textContent = '';
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (/** @type {HTMLElement} */ p) {
      p.hidden = true;
      p.textContent = '';
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (/** @type {HTMLElement} */ input) {
      input.removeAttribute('aria-invalid');
    });
    details.forEach(function (d) {
      var id = d.field ? inputFor(d.field) || (d.field.indexOf('levelsOfCare') === 0 ? 'c-loc-IOP' : null) : null;
      var li = document.createElement('li');
      var text = (d.field ? d.field + ': ' : '') + d.message;
      if (id) {
        var a = document.createElement('a');
        a.href = '#' + id;
        a.textContent = text;
        li.appendChild(a);
        var msg = document.getElementById(id + '-error');
        if (msg) {
          msg.textContent = d.message;
          msg.hidden = false;
        }
        $(id).setAttribute('aria-invalid', 'true');
      } else li.textContent = text;
      list.appendChild(li);
    });
    summary.hidden = false;
    summary.focus();
  }
  var dependent = $('c-dependent');
  var subscriberFields = $('c-subscriber');
  function showSubscriber() {
    subscriberFields.hidden = !dependent.checked;
    dependent.setAttribute('aria-expanded', String(dependent.checked));
  }
  dependent.addEventListener('change', showSubscriber);
  showSubscriber();
  /** @param {string} prefix */
  function person(prefix) {
    /** @type {{ id?: string, firstName: string, lastName: string, dateOfBirth: string }} */
    var p = { firstName: v(prefix + 'first'), lastName: v(prefix + 'last'), dateOfBirth: v(prefix + 'dob') };
    var id = v(prefix === 'c-' ? 'c-member-id' : prefix + 'id');
    if (id) p.id = id;
    return p;
  }
  /** A number when the text is one, else the text, so the API names the field that is wrong. @param {string} id */
  function num(id) {
    var text = v(id);
    return /^\d+$/.test(text) ? Number(text) : text;
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    /** @type {any} */
    var body = { payer: v('c-payer'), member: person('c-') };
    if (v('c-network')) body.network = v('c-network');
    if (dependent.checked) body.subscriber = person('c-sub-');
    if (v('c-group')) body.groupNumber = v('c-group');
    var levels = ['IOP', 'PHP', 'OP'].filter(function (l) {
      return $('c-loc-' + l).checked;
    });
    body.levelsOfCare = levels;
    if (v('c-start')) {
      var d = new Date(v('c-start'));
      body.plannedStart = isNaN(d.getTime()) ? v('c-start') : d.toISOString();
    }
    if (v('c-recheck')) body.recheck = { hoursBeforeStart: num('c-recheck') };
    if (v('c-spw') || v('c-weeks')) body.program = { sessionsPerWeek: num('c-spw'), weeks: num('c-weeks') };
    // Contact details only when some were given; the API then requires a phone or email and consent.
    if (v('c-phone') || v('c-email') || v('c-time') || $('c-consent').checked) {
      /** @type {any} */
      var contact = { consentToContact: $('c-consent').checked };
      if (v('c-phone')) contact.phone = v('c-phone');
      if (v('c-email')) contact.email = v('c-email');
      if (v('c-time')) contact.preferredTime = v('c-time');
      body.contact = contact;
    }
    $('create-submit').disabled = true;
    fetch('/v1/verifications', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'bvs' },
      body: JSON.stringify(body),
    })
      .then(function (res) {
        return res
          .json()
          .catch(function () {
            return {};
          })
          .then(function (json) {
            if (res.status === 202 && json.id) {
              location.href = '/staff/v/' + encodeURIComponent(json.id);
              return;
            }
            showErrors(
              json.error && json.error.details && json.error.details.length
                ? json.error.details
                : [{ message: (json.error && json.error.message) || 'The verification could not be started.' }],
            );
          });
      })
      .catch(function () {
        showErrors([{ message: 'The verification could not be started. Try again.' }]);
      })
      .then(function () {
        $('create-submit').disabled = false;
      });
  });
})();
