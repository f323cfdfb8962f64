class ImproperlyConfigured(Exception):
    pass


class ObjectDoesNotExist(Exception):
    pass


class MultipleObjectsReturned(Exception):
    pass


class PermissionDenied(Exception):
    pass


class SuspiciousOperation(Exception):
    pass


class DisallowedHost(SuspiciousOperation):
    pass


class ValidationError(Exception):
    pass


class AppRegistryNotReady(Exception):
    pass


class FieldError(Exception):
    pass
