"""dispute: reconcile loan repayments with statements and draft credit-record dispute letters."""

__version__ = "0.1.0"
