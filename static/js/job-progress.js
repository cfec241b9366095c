// The progress of a background job (collab/job_views.py): polls the job's status as JSON and
// moves the progress bar; when the work has finished, opens the job's page again, which leads
// to the result, offers the file the job made, or says what went wrong.
// Texts come from the page's data attributes. Without JavaScript the page has an "Update" link.
(function () {
  "use strict";

  var root = document.querySelector("[data-job-status-url]");
  var progress = root && root.querySelector("[data-job-progress]");
  if (!progress) {
    return;
  }
  var text = root.querySelector("[data-job-text]");
  var interval = 1000;

  function show(data) {
    var percent = Math.max(0, Math.min(100, data.percent | 0));
    progress.value = percent;
    progress.textContent = percent + " %";
    if (data.finished) {
      // The job's page leads to the result page, offers the file, or says what went wrong.
      text.textContent = data.status === "done" ? root.dataset.textDone : root.dataset.textFailed;
      window.location.assign(data.url);
      return;
    }
    var parts = [data.total ? data.done + " / " + data.total : data.status_label];
    if (data.message) {
      parts.push(data.message);
    }
    text.textContent = parts.join(" · ");
    window.setTimeout(poll, interval);
  }

  function poll() {
    fetch(root.dataset.jobStatusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(show, function () { window.setTimeout(poll, interval * 5); });
  }

  window.setTimeout(poll, interval);
})();
