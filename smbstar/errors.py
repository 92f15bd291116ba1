"""The project's exception, turned into one stderr line and an exit code at the CLI edge."""

EXIT_OK = 0
EXIT_NO_RESULTS = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
EXIT_INTERRUPTED = 130


class SmbstarError(Exception):
    """An error a user can act on. `exit_code` is one of the documented codes."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class DatabaseError(SmbstarError):
    def __init__(self, message: str):
        super().__init__(message, EXIT_DATABASE)


class BuildError(SmbstarError):
    """A source document or curated file cannot be ingested; the previous database is left in place."""
