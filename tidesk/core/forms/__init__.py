"""Forms as data: questionnaires defined in YAML with stable item ids, versioned, and answered in the app."""

from tidesk.core.forms.loader import FormErrors, FormProblem, load, parse
from tidesk.core.forms.model import AnsweredBy, FormDefinition, Item, Kind, Section, Special

__all__ = [
    "AnsweredBy",
    "FormDefinition",
    "FormErrors",
    "FormProblem",
    "Item",
    "Kind",
    "Section",
    "Special",
    "load",
    "parse",
]
