"""Meeting records: load YAML safely, validate it, and report every problem at once."""

from briefings.records.loader import Records, load_records
from briefings.records.schema import FollowUp, Localized, Meeting, Organisation, Place, Visit

__all__ = [
    "FollowUp",
    "Localized",
    "Meeting",
    "Organisation",
    "Place",
    "Records",
    "Visit",
    "load_records",
]
