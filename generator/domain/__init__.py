"""The domain model: frozen dataclasses; money is Decimal, dates are `datetime.date`, months are
`YearMonth`. Each module imports only the ones before it in this chain:

    values ← statements ← documents ← terms ← reasons ← results

`generator.models` and `generator.documents` re-export these names under their old paths.
"""
