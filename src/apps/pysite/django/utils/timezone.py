import datetime


def now():
    return datetime.datetime.now()
