// The API documentation page (Swagger UI): accessible names that Swagger UI leaves out —
// the dialog's close button (an icon without text: screen readers would announce just
// "button") and the drop-down of a parameter with fixed values (a <select> without label),
// which is named after its parameter; and keyboard access to the scrolling example bodies.
(function () {
  "use strict";

  function nameControls() {
    document.querySelectorAll(".swagger-ui .close-modal:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Close");
    });
    document
      .querySelectorAll(".swagger-ui tr[data-param-name] select:not([aria-label])")
      .forEach(function (select) {
        var row = select.closest("tr[data-param-name]");
        select.setAttribute("aria-label", row.getAttribute("data-param-name"));
      });
    // Example bodies scroll: focusable, so that a keyboard can scroll them too.
    document.querySelectorAll(".swagger-ui .highlight-code pre:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  new MutationObserver(nameControls).observe(document.body, { childList: true, subtree: true });
})();
