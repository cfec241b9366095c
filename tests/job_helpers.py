"""Following a page that starts background work (collab.jobs) as a user would."""

from django.contrib.messages import get_messages


def job_url(response) -> str | None:
    """The job page a response sends the user to, if any."""
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location if location.startswith("/jobb/") else None


def upload_error(client, url: str, content: bytes, name: str) -> str:
    """The message an upload is refused with: next to the field when the file cannot be one
    at all (size, type), else, once the file was read in the background, as a message on the
    upload page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    if response.status_code == 200:
        [error] = response.context["form"].errors["file"]
        return error
    if job_url(response):  # still running: its page leads back when it has failed
        response = client.get(job_url(response))
    assert response.status_code == 302 and response["Location"] == url, "the upload was not refused"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    return message
