"""What a model's status says, as one-line properties: `is_draft = status_in(Status.DRAFT)`."""


def status_in(*statuses, doc=None):
    """A read-only property: whether the row's `status` is one of `statuses`."""
    wanted = frozenset(statuses)
    return property(lambda self: self.status in wanted, doc=doc)
