"""django.db: models, migrations, and the database connection (not simulated)."""


class DatabaseError(Exception):
    pass


class IntegrityError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass
