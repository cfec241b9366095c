// "Save" sends a create or edit form once: after the first submit its buttons are disabled,
// so a double click does not send it twice. (The server saves a form key only once anyway;
// see collab/submissions.py.) Only forms with a one-time key: downloads stay repeatable.
(function () {
  "use strict";

  function buttons(form) {
    return form.querySelectorAll('button[type="submit"], input[type="submit"]');
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.querySelector('input[name="_submission"]')) {
      return;
    }
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    // After the browser has collected the form's data (a disabled button is not sent).
    window.setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // Back to the page from the browser's cache: the form can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      buttons(form).forEach(function (button) {
        button.disabled = false;
      });
    });
  });
})();
