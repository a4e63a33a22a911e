"""Errors the payments deciders raise when a command cannot be carried out."""


class PaymentsError(Exception):
    """Base of every refusal of a payments command."""


class NotAllowed(PaymentsError):
    """The actor lacks the role the command needs (design.md §7: finance runs payments)."""


class SameUser(NotAllowed):
    """HF-FOUR-EYES: the step needs a finance user other than the one who took the step before
    (a run is approved by someone other than its creator)."""


class UnknownRun(PaymentsError):
    pass


class RunNotInStep(PaymentsError):
    """The command does not fit the run's current step (e.g. confirming a run never exported)."""


class RunExported(RunNotInStep):
    """HF-RUN-EXPORTED: an exported run's file may have reached the bank, so the run is final;
    only a transfer the bank reports returned makes items of it owed again."""


class UnknownTransfer(PaymentsError):
    """The run has no transfer to that provider (none in the file, or a zero net)."""


class ReturnRefused(PaymentsError):
    """A reported return that cannot be the return of the transfer (amount, reason, date)."""


class StatementRefused(PaymentsError):
    """A bank statement that cannot be imported: another account, no transfer of any run, an entry
    contradicting its transfer. Nothing of it is imported."""


class StatementImportedBefore(PaymentsError):
    """HF-STATEMENT-TWICE: the statement (account and statement id) was imported before."""


class NothingDue(PaymentsError):
    """A payment run would collect no item."""


class AdvancesOutstanding(PaymentsError):
    """Settlement asked while an advance of that year is scheduled but not paid yet."""


class UnitMismatch(PaymentsError):
    """A unit that cannot be priced with the tariff's unit, or an unknown frequency."""


class LumpSumsOutstanding(PaymentsError):
    """HF-LUMP-SUM-OPEN: a lump-sum year is settled only once every period of it is paid."""


class UnknownSchedule(PaymentsError):
    """No lump-sum schedule of that id in the region file (or none the caller may see)."""


class FinancingRefused(PaymentsError):
    """Input for the region's financing that cannot be applied; `problems` names each rule broken
    (nothing of it is applied)."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        """Each problem: (field, rule, detail)."""
        super().__init__("; ".join(f"{field}: {detail}" for field, _, detail in problems))
        self.problems = problems
