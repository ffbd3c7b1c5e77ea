"""The one exception the taxonomy build and refresh raise for problems a user can act on."""


class TaxonomyError(Exception):
    """A bad source file, a failed download or a refused refresh.

    ``str(error)`` is a one-line Danish message that names the source and the problem; the
    command prints it as it is, without a traceback.
    """
