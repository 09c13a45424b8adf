// @ts-check
// The staff pages' JSON calls with the session cookie: the CSRF header the auth guard requires of
// cookie-signed writes, back to sign-in on 401, and the API's error message as the thrown error.
(function () {
  'use strict';
  /** @param {string} path @param {RequestInit} [init] @returns {Promise<any>} */
  function staffApi(path, init) {
    init = init || {};
    init.credentials = 'same-origin';
    init.headers = Object.assign({ Accept: 'application/json', 'X-Requested-With': 'bvs' }, init.headers || {});
    return fetch(path, init).then(function (res) {
      if (res.status === 401) {
        location.href = '/staff/sign-in';
        throw new Error('signed out');
      }
      return res.json().then(function (body) {
        if (!res.ok) throw new Error((body.error && body.error.message) || 'HTTP ' + res.status);
        return body;
      });
    });
  }
  window.BVS_API = staffApi;
})();
