// The API documentation page (Swagger UI): a name for the dialog's close button, which Swagger
// UI draws as an icon without text (screen readers would announce just "button").
(function () {
  "use strict";

  function nameCloseButtons() {
    document.querySelectorAll(".swagger-ui .close-modal:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Close");
    });
  }

  new MutationObserver(nameCloseButtons).observe(document.body, { childList: true, subtree: true });
})();
