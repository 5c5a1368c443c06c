"""Notebook-server settings for every participant on the workshop hub (via JUPYTER_CONFIG_PATH).

Each open notebook keeps a Python kernel of roughly 165 MB alive; stop kernels that have been idle
for 30 minutes so forgotten tabs do not fill the machine's memory during a long day.
"""
c = get_config()  # noqa: F821
c.MappingKernelManager.cull_idle_timeout = 30 * 60
c.MappingKernelManager.cull_interval = 5 * 60
c.MappingKernelManager.cull_connected = False  # never stop a kernel whose notebook is open in a browser
# The rest (the course's contents manager, nbgrader's instructor tools switched off) is the learner
# lab of `make lab`, deploy/lab/learner, next on the hub's JUPYTER_CONFIG_PATH.
