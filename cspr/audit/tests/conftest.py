from django.db import connection

from cspr.audit.models import AuditEvent


def tamper(sql_set: str, params: list, sequence: int) -> None:
    """What someone with database access could do: plain SQL, past the application's guards."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    column = connection.ops.quote_name("sequence")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {sql_set} WHERE {column} = %s", [*params, sequence])  # noqa: S608


def delete_row(sequence: int) -> None:
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    column = connection.ops.quote_name("sequence")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [sequence])  # noqa: S608


def quote(name: str) -> str:
    return connection.ops.quote_name(name)
