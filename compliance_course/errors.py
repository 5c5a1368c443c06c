"""One error hierarchy for the course.

Each error also inherits the built-in it resembles, so callers that only know
``ValueError`` or ``OSError`` still catch it.
"""


class CourseError(Exception):
    """Base class for every error the course raises on purpose."""


class CourseDataError(ValueError, CourseError):
    """Content in ``course_data/`` is malformed.

    The message names the file, the item id and the field, one problem per line,
    for example ``course_data/questions/hipaa.yaml: question 'hipaa-baa-03':
    answer 'E' is not one of the choices``.
    """


class ResponseFileError(ValueError, CourseError):
    """An exam response file could not be read in full."""


class CertificateError(ValueError, CourseError):
    """The certificate key or registry cannot be used: missing, unreadable, too short or damaged.

    The message is one line naming the file, e.g. ``autograder/certificate.key: no such key file``.
    """
