"""Team workshops: facilitator guides, scenario cards, and the live team poll.

- ``guide``: facilitator guide, scenario cards and answer sheet per module, from course_data.
- ``poll``: the shared poll folder (write one answer, read and tally all).
- ``poll_widget``: ``team_poll("<module>")`` for participants in a module notebook.
- ``dashboard``: ``FacilitatorDashboard()`` for the facilitator's screen.

Command line: ``python -m compliance_course.workshop guide|cards|tally|poll-reset ...`` (``--help``).
"""
from .agenda import Agenda, Segment, plan_agenda
from .dashboard import FacilitatorDashboard, answer_chart, summary_chart
from .guide import answers_document, cards_document, guide_document, module_agenda, write_kit
from .models import WorkshopData, load_workshop
from .poll import (PollAnswer, PollError, PollResults, poll_folder, prepare_participant, read_poll, reset_poll,
                   submit_answer)
from .poll_widget import PollCard, TeamPoll, team_poll, workshop_poll

__all__ = ["Agenda", "FacilitatorDashboard", "PollAnswer", "PollCard", "PollError", "PollResults", "Segment",
           "TeamPoll", "WorkshopData", "answer_chart", "answers_document", "cards_document", "guide_document",
           "load_workshop", "module_agenda", "plan_agenda", "poll_folder", "prepare_participant", "read_poll",
           "reset_poll", "submit_answer", "summary_chart", "team_poll", "workshop_poll", "write_kit"]
