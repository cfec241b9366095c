"""Good examples' files become shared attachments (``collab.Attachment``).

Each ``GoodExampleAttachment`` row becomes an ``Attachment`` of its example (owned by the
example's organisation, titled by its file name) with one ``AttachmentVersion``; the stored
file stays where it is (the row names the same file), so nothing is copied or lost. Reversible:
going back recreates the old rows from the attachments of good examples."""

from django.db import migrations


def _example_type(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    return content_type.objects.get_or_create(app_label="network", model="goodexample")[0]


def to_shared(apps, schema_editor):
    old = apps.get_model("network", "GoodExampleAttachment")
    attachment_model = apps.get_model("collab", "Attachment")
    version_model = apps.get_model("collab", "AttachmentVersion")
    rows = list(old.objects.select_related("example").order_by("pk"))
    if not rows:
        return
    example_type = _example_type(apps)
    for row in rows:
        title = (row.file_name or "fil")[:200]
        attachment = attachment_model.objects.create(
            organisation_id=row.example.organisation_id,
            content_type=example_type,
            object_id=row.example_id,
            title=title,
            file=row.file.name,
            file_name=row.file_name,
            size=row.size,
            uploaded_at=row.uploaded_at,
        )
        version_model.objects.create(
            organisation_id=attachment.organisation_id,
            attachment=attachment,
            file=row.file.name,
            file_name=row.file_name,
            size=row.size,
            uploaded_at=row.uploaded_at,
        )


def to_own(apps, schema_editor):
    old = apps.get_model("network", "GoodExampleAttachment")
    attachment_model = apps.get_model("collab", "Attachment")
    example_type = _example_type(apps)
    shared = attachment_model.objects.filter(content_type=example_type).order_by("pk")
    for attachment in shared:
        row = old.objects.create(
            example_id=attachment.object_id,
            file=attachment.file.name,
            file_name=attachment.file_name,
            size=min(attachment.size, 2**31 - 1),
        )
        old.objects.filter(pk=row.pk).update(uploaded_at=attachment.uploaded_at)
        attachment.versions.all().delete()
        attachment.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("collab", "0007_attach_attachments"),
        ("network", "0002_members_reference_data"),
    ]

    operations = [
        migrations.RunPython(to_shared, to_own),
        migrations.DeleteModel(name="GoodExampleAttachment"),
    ]
