// A "Copy" button for a read-only field: <button data-copy="<field id>" hidden>, shown when
// JavaScript runs (without it the field's text is selectable and copied by hand). The result is
// announced in the element with data-copy-status="<field id>".
(function () {
  "use strict";

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.querySelector('[data-copy-status="' + button.dataset.copy + '"]');
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.focus();
      field.select();
      var done = function () {
        if (status) {
          status.textContent = status.dataset.copied;
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy") && done();
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  });
})();
