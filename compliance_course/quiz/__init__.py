"""Quiz widgets: practice sets with feedback, exams that save every answer."""
from .exam import ExamQuiz, exam_quiz
from .practice import PracticeQuiz, practice_quiz
from .question_widget import QuestionWidget, feedback_html, question
from .responses import read_responses, response_path, write_responses
from .scenario import ScenarioCard, scenario_cards

__all__ = ["ExamQuiz", "PracticeQuiz", "QuestionWidget", "ScenarioCard", "exam_quiz", "feedback_html",
           "practice_quiz", "question", "read_responses", "response_path", "scenario_cards", "write_responses"]
