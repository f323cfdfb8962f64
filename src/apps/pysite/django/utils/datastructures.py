class MultiValueDictKeyError(KeyError):
    pass
