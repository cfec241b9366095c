// Long pick lists (collab.widgets.SearchableSelectMultiple) become search fields with the
// chosen entries as removable tags (Tom Select). The texts come from the select's data
// attributes (translated by the server). Without this script the select still works.
//
// data-group-field / data-choices-by-group: when the form's group select changes, only the
// chosen group's entries are offered and entries of other groups are removed from the choice.
// The server refuses them anyway; this only keeps the list short and right.
(function () {
  "use strict";

  if (typeof window.TomSelect !== "function") {
    return;
  }

  function setUpGroupFilter(select, tom) {
    var groupSelect = document.getElementById(select.dataset.groupField || "");
    var byGroup;
    try {
      byGroup = JSON.parse(select.dataset.choicesByGroup || "null");
    } catch (error) {
      byGroup = null;
    }
    if (!groupSelect || !byGroup) {
      return;
    }
    groupSelect.addEventListener("change", function () {
      if (!groupSelect.value) {
        return; // no group chosen: keep what is offered
      }
      var choices = byGroup[groupSelect.value] || [];
      var wanted = {};
      choices.forEach(function (choice) {
        wanted[choice[0]] = choice[1];
      });
      tom.getValue().forEach(function (value) {
        if (!(value in wanted)) {
          tom.removeItem(value, true);
        }
      });
      tom.setTextboxValue("");
      tom.clearOptions();
      choices.forEach(function (choice) {
        tom.addOption({ value: choice[0], text: choice[1] });
      });
      tom.refreshOptions(false);
      tom.close();
    });
  }

  function enhance(select) {
    var data = select.dataset;
    var tom = new window.TomSelect(select, {
      plugins: {
        remove_button: { title: data.removeLabel || "" },
      },
      placeholder: data.placeholder || "",
      hidePlaceholder: false,
      maxOptions: 100,
      // Filter on every key at once: Enter then chooses what the list shows (no 300 ms lag).
      refreshThrottle: 0,
      closeAfterSelect: false,
      clearAfterSelect: true, // the next search starts empty
      render: {
        no_results: function () {
          var div = document.createElement("div");
          div.className = "no-results";
          div.textContent = data.noResults || "";
          return div;
        },
      },
    });
    // Tom Select moves the label to its search field; the hidden select keeps its name, and the
    // search field gets the select's help text and error message.
    var label = document.querySelector('label[for="' + tom.control_input.id + '"]');
    if (label && label.id) {
      select.setAttribute("aria-labelledby", label.id);
    }
    var described = select.getAttribute("aria-describedby");
    if (described) {
      tom.control_input.setAttribute("aria-describedby", described);
    }
    if (select.getAttribute("aria-invalid")) {
      tom.control_input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    }
    setUpGroupFilter(select, tom);
  }

  document.querySelectorAll("select[data-searchable-select]").forEach(enhance);
})();
