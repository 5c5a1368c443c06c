"""nbgrader settings for every participant's server on the workshop hub.

Found through JUPYTER_CONFIG_PATH, which jupyterhub_config.py sets for each server.
"""
import os

c = get_config()  # noqa: F821
c.Exchange.root = os.environ.get("COURSE_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
c.CourseDirectory.course_id = os.environ.get("COURSE_NBGRADER_COURSE", "compliance-course")
