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
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    /** @type {any} */
    var body = { payer: v('c-payer'), member: { firstName: v('c-first'), lastName: v('c-last'), dateOfBirth: v('c-dob') } };
    if (v('c-member-id')) body.member.id = v('c-member-id');
    if (v('c-group')) body.groupNumber = v('c-group');
    var levels = ['IOP', 'PHP', 'OP'].filter(function (l) {
      return $('c-loc-' + l).checked;
    });
    body.levelsOfCare = levels;
    if (v('c-start')) {
      var d = new Date(v('c-start'));
      body.plannedStart = isNaN(d.getTime()) ? v('c-start') : d.toISOString();
    }
    if (v('c-spw') || v('c-weeks')) body.program = { sessionsPerWeek: Number(v('c-spw')), weeks: Number(v('c-weeks')) };
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
